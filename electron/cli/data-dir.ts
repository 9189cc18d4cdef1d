// Where the desktop app keeps its data (Electron's app.getPath('userData') for productName "Mailbox Auth Helper"),
// so `cli watch` and `cli audit --save-to-profile` read and write the same saved profiles as the app. A
// --profiles-dir option overrides it (another user's folder, a copy, tests).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Mailbox Auth Helper';

export function defaultDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}
