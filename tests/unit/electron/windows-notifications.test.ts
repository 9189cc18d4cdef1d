// Watch's OS notifications on Windows: Windows shows them only under an app user model id that matches the Start
// menu shortcut the installer made from electron-builder's appId, so main.ts must set that same id (read as text:
// no test requires 'electron').
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('Windows notifications', () => {
  it("main.ts sets the installer's appId as the app user model id, on Windows only", () => {
    const appId = /^appId:\s*(\S+)\s*$/m.exec(read('build/electron-builder.yml'))?.[1];
    expect(appId).toMatch(/^[\w-]+(\.[\w-]+)+$/);
    const main = read('electron/main.ts');
    expect(main).toContain(`if (process.platform === 'win32') app.setAppUserModelId('${appId ?? ''}');`);
  });
});
