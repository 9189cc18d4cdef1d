// Finds an installed Electron binary WITHOUT require('electron') (which, since Electron 42, downloads the
// binary from GitHub on first use). Returns the path, or the reason there is none.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(): ElectronBinary {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron';
  const candidate = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  if (existsSync(candidate)) return { found: true, path: candidate };
  return {
    found: false,
    reason: `no Electron binary at ${candidate} (this machine cannot download it; set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${readVersion(pkgDir)} to run these specs)`,
  };
}

function readVersion(pkgDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}
