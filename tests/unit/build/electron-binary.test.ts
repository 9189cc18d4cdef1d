// build/electron-binary.ts answers "which Electron would npm start launch?" for every platform without
// loading Electron. Checked against an in-memory file system for Windows, macOS and Linux layouts, with each
// platform's path rules (the Windows answers use backslashes even when this test runs on Linux).
import { describe, expect, it } from 'vitest';
import { electronExecutable, findElectronBinary, type ElectronLookup } from '../../../build/electron-binary';

function lookup(
  platform: NodeJS.Platform,
  files: Record<string, string>,
  env: Record<string, string> = {},
  packageDir: string | null = platform === 'win32'
    ? 'C:\\work\\app\\node_modules\\electron'
    : '/work/app/node_modules/electron',
): ElectronLookup {
  return {
    platform,
    env,
    packageDir: () => packageDir ?? undefined,
    exists: (f) => f in files,
    readText: (f) => files[f],
  };
}

const PKG = JSON.stringify({ name: 'electron', version: '45.4.1' });

describe('findElectronBinary', () => {
  it('names each platform’s executable as the electron package’s installer does', () => {
    expect(electronExecutable('win32')).toBe('electron.exe');
    expect(electronExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(electronExecutable('linux')).toBe('electron');
  });

  it('finds a downloaded binary through path.txt on Windows, with Windows paths', () => {
    const dir = 'C:\\work\\app\\node_modules\\electron';
    const found = findElectronBinary(
      lookup('win32', {
        [`${dir}\\package.json`]: PKG,
        [`${dir}\\path.txt`]: 'electron.exe',
        [`${dir}\\dist\\electron.exe`]: '',
      }),
    );
    expect(found).toEqual({ found: true, path: `${dir}\\dist\\electron.exe`, version: '45.4.1' });
  });

  it('looks inside Electron.app on macOS before anything was downloaded', () => {
    const dir = '/work/app/node_modules/electron';
    const missing = findElectronBinary(lookup('darwin', { [`${dir}/package.json`]: PKG }));
    expect(missing).toMatchObject({
      found: false,
      version: '45.4.1',
      canDownload: true,
      expectedPath: `${dir}/dist/Electron.app/Contents/MacOS/Electron`,
    });
    if (!missing.found) expect(missing.reason).toContain('no Electron 45.4.1 binary at');
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH with the platform’s executable, and never offers a download then', () => {
    const dir = '/work/app/node_modules/electron';
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron-45' };
    expect(
      findElectronBinary(lookup('linux', { [`${dir}/package.json`]: PKG, '/opt/electron-45/electron': '' }, env)),
    ).toEqual({ found: true, path: '/opt/electron-45/electron', version: '45.4.1' });
    const missing = findElectronBinary(lookup('linux', { [`${dir}/package.json`]: PKG }, env));
    expect(missing).toMatchObject({ found: false, canDownload: false, expectedPath: '/opt/electron-45/electron' });
    if (!missing.found) expect(missing.reason).toContain('ELECTRON_OVERRIDE_DIST_PATH is set');
    const win = findElectronBinary(
      lookup(
        'win32',
        { 'D:\\tools\\electron\\electron.exe': '' },
        { ELECTRON_OVERRIDE_DIST_PATH: 'D:\\tools\\electron' },
      ),
    );
    expect(win).toMatchObject({ found: true, path: 'D:\\tools\\electron\\electron.exe' });
  });

  it('says so when the electron package itself is missing', () => {
    const r = findElectronBinary(lookup('linux', {}, {}, null));
    expect(r).toMatchObject({ found: false, canDownload: false });
    if (!r.found) expect(r.reason).toContain('not installed');
  });
});
