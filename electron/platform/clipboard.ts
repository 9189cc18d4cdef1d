// Electron's clipboard behind the hand-over Clipboard interface (services/handover/clipboard.ts). A transient
// write puts the text and the OS's "do not keep" formats (transientClipboardFormats) on the clipboard in one
// atomic write, as raw platform formats through Electron's `electron application/osclipboard` custom format.
import { clipboard, ClipboardItem } from 'electron';
import { transientClipboardFormats, type Clipboard } from '../services/handover/clipboard';

const raw = (format: string): string => `electron application/osclipboard;format="${format}"`;

export function electronClipboard(platform: NodeJS.Platform = process.platform): Clipboard {
  return {
    readText: () => clipboard.readText(),
    writeText: async (text, options) => {
      const marks = options?.transient === true ? transientClipboardFormats(platform) : [];
      if (marks.length === 0) return clipboard.writeText(text);
      const item: Record<string, string | Blob> = { 'text/plain': text };
      for (const m of marks) item[raw(m.format)] = new Blob([m.data]);
      await clipboard.write([new ClipboardItem(item)]);
    },
    clear: async () => clipboard.clear(),
  };
}
