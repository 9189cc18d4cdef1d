// Where an export or report goes: the user picks a path through a SaveDialog. electron/platform/save-dialog.ts
// shows Electron's dialog; fixedPathDialog answers with a set path (tests, the harness).
export interface SaveDialogOptions {
  readonly title: string;
  readonly defaultName: string;
  readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
}

export interface SaveDialog {
  /** The chosen path, or undefined when the user cancelled. */
  choose(options: SaveDialogOptions): Promise<string | undefined>;
}

/** Always answers with the path `pick` gives for the request (undefined = cancelled). */
export function fixedPathDialog(
  pick: (options: SaveDialogOptions) => string | undefined,
): SaveDialog & { readonly asked: SaveDialogOptions[] } {
  const asked: SaveDialogOptions[] = [];
  return {
    asked,
    choose: async (options) => {
      asked.push(options);
      return pick(options);
    },
  };
}
