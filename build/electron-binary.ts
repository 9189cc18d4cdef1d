// Finds the Electron binary that `npm start`, the real-Electron specs, the demo and the benchmarks launch, WITHOUT
// require('electron'): since Electron 42 that require downloads the binary on first use, which must be a
// decision of `npm start` (build/start.ts), never a side effect of looking. Mirrors the lookup of the electron
// package's own index.js (path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH), with the executable name of each
// platform, so it answers the same on Windows, macOS and Linux. Paths are joined with the target platform's
// path rules (path.win32 for win32), so the answer for Windows can be tested anywhere.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary =
  | { readonly found: true; readonly path: string; readonly version: string }
  | {
      readonly found: false;
      /** One sentence: where no binary was found, or that the package is missing. */
      readonly reason: string;
      readonly version: string;
      /** Where the binary was looked for (what to create, or unpack into). */
      readonly expectedPath?: string;
      /** True when the electron package's install.js may fetch it (no ELECTRON_OVERRIDE_DIST_PATH given). */
      readonly canDownload: boolean;
    };

export interface ElectronLookup {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The electron package's folder, or undefined when it is not installed. */
  readonly packageDir: () => string | undefined;
  readonly exists: (file: string) => boolean;
  /** A file's text, or undefined when it cannot be read. */
  readonly readText: (file: string) => string | undefined;
}

/** The executable inside an unpacked Electron, per platform (as the electron package's install.js names it). */
export function electronExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

const pathFor = (platform: NodeJS.Platform): path.PlatformPath => (platform === 'win32' ? path.win32 : path.posix);

function readSafely(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export const nodeElectronLookup: ElectronLookup = {
  platform: process.platform,
  env: process.env,
  packageDir: () => {
    try {
      return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    } catch {
      return undefined;
    }
  },
  exists: existsSync,
  readText: readSafely,
};

function readVersion(packageJson: string | undefined): string {
  try {
    return (JSON.parse(packageJson ?? '{}') as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

export function findElectronBinary(lookup: ElectronLookup = nodeElectronLookup): ElectronBinary {
  const p = pathFor(lookup.platform);
  const pkgDir = lookup.packageDir();
  if (pkgDir === undefined)
    return {
      found: false,
      reason: 'the electron package is not installed (run npm install)',
      version: '',
      canDownload: false,
    };
  const version = readVersion(lookup.readText(p.join(pkgDir, 'package.json')));
  // path.txt is written by the package's install.js after a download; before one, the platform's name applies.
  const relative = lookup.readText(p.join(pkgDir, 'path.txt'))?.trim() || electronExecutable(lookup.platform);
  const override = lookup.env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  const candidate = override ? p.join(override, relative) : p.join(pkgDir, 'dist', relative);
  if (lookup.exists(candidate)) return { found: true, path: candidate, version };
  return {
    found: false,
    reason: override
      ? `ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron binary at ${candidate}`
      : `no Electron ${version} binary at ${candidate} (not downloaded yet: npm start or npx --no install-electron fetches it)`,
    version,
    expectedPath: candidate,
    canDownload: !override,
  };
}
