// The port main uses to show a folder in the system's file manager (the log folder): Electron's shell.openPath
// (electron/platform/open-folder.ts); the test harness records what it was asked to open instead.
export interface FolderOpener {
  /** Opens `path` in the file manager; rejects with the system's reason when it cannot. */
  open(path: string): Promise<void>;
}

/** A FolderOpener that only remembers the folders it was asked to open (tests, the harness). */
export class RecordingFolderOpener implements FolderOpener {
  readonly opened: string[] = [];
  open(path: string): Promise<void> {
    this.opened.push(path);
    return Promise.resolve();
  }
}
