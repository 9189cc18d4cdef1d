// Electron's clipboard behind the hand-over Clipboard interface (services/handover/clipboard.ts).
import { clipboard } from 'electron';
import type { Clipboard } from '../services/handover/clipboard';

export function electronClipboard(): Clipboard {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
    clear: async () => clipboard.clear(),
  };
}
