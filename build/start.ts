// `npm start`: make sure an Electron binary can be had, build, and run the desktop app. The binary is looked
// up first (build/electron-binary.ts, never require('electron')), and fetched with the electron package's own
// install.js when missing, as its first require would; only then is the app built (a minute) and launched.
// Where no binary can be had (no download, a wrong ELECTRON_OVERRIDE_DIST_PATH) it prints one short paragraph —
// what failed, `npm run demo` as the way to run the same app in Chromium, how to point at an unpacked
// Electron — and exits 1, without a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectronBinary, nodeElectronLookup, type ElectronBinary } from './electron-binary';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StartSteps {
  readonly find: () => ElectronBinary;
  /** Runs the electron package's install.js; `why` is its one-line failure. */
  readonly download: () => { ok: true } | { ok: false; why: string };
  /** `npm run build`; its exit code. */
  readonly build: () => number;
  /** Runs the app with this binary; resolves with its exit code. */
  readonly launch: (binary: string) => Promise<number>;
  readonly say: (text: string) => void;
  readonly platform: string;
  readonly arch: string;
}

/** Wraps text at `width` columns on spaces (the paragraph is read in a terminal). */
export function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The one paragraph `npm start` prints when no Electron binary can be had. */
export function noElectronParagraph(o: {
  readonly version: string;
  readonly platform: string;
  readonly arch: string;
  readonly failure: string;
}): string {
  const electron = `Electron ${o.version || ''}`.trim();
  return wrap(
    [
      `npm start could not start the desktop app: ${o.failure}.`,
      '`npm run demo` runs the same app (its renderer and services) in Chromium against the built-in Entra ID',
      'emulator, without Electron.',
      `To use an Electron you already have, unpack ${electron} for ${o.platform}-${o.arch} into a folder, set`,
      'ELECTRON_OVERRIDE_DIST_PATH to that folder and run npm start again.',
    ].join(' '),
  );
}

/**
 * The line that says why install.js failed, from its output: the last "SomeError: message" line (its stack
 * trace is dropped), else the last non-empty line.
 */
export function downloadFailureLine(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^at\s/.test(l));
  const error = [...lines].reverse().find((l) => /^[A-Za-z]*Error\b.*?:\s/.test(l));
  const line = (error ?? lines.at(-1) ?? 'no output').replace(/^[A-Za-z]*Error:\s*/, '');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export async function start(steps: StartSteps): Promise<number> {
  let binary = steps.find();
  if (!binary.found && binary.canDownload) {
    steps.say(`Downloading Electron ${binary.version} for ${steps.platform}-${steps.arch} (first start only)…\n`);
    const fetched = steps.download();
    if (!fetched.ok) {
      steps.say(
        `${noElectronParagraph({
          version: binary.version,
          platform: steps.platform,
          arch: steps.arch,
          failure: `no Electron ${binary.version} binary is installed and downloading it failed (${fetched.why})`,
        })}\n`,
      );
      return 1;
    }
    binary = steps.find();
  }
  if (!binary.found) {
    steps.say(
      `${noElectronParagraph({ version: binary.version, platform: steps.platform, arch: steps.arch, failure: binary.reason })}\n`,
    );
    return 1;
  }
  const built = steps.build();
  if (built !== 0) {
    steps.say(`npm start: the build failed (exit ${built}); see its output above.\n`);
    return built;
  }
  return steps.launch(binary.path);
}

function npmCommand(args: readonly string[]): number {
  const npmCli = process.env.npm_execpath;
  const r =
    npmCli !== undefined && /\.c?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, ...args], { stdio: 'inherit', cwd: REPO_ROOT })
      : spawnSync('npm', [...args], { stdio: 'inherit', cwd: REPO_ROOT, shell: process.platform === 'win32' });
  return r.status ?? 1;
}

const realSteps: StartSteps = {
  find: () => findElectronBinary(),
  download: () => {
    const dir = nodeElectronLookup.packageDir();
    const script = dir === undefined ? undefined : join(dir, 'install.js');
    if (script === undefined || !existsSync(script))
      return { ok: false, why: 'the electron package has no install.js' };
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', cwd: REPO_ROOT });
    if (r.error) return { ok: false, why: r.error.message };
    return r.status === 0 ? { ok: true } : { ok: false, why: downloadFailureLine(`${r.stdout}\n${r.stderr}`) };
  },
  build: () => npmCommand(['run', 'build']),
  launch: (binary) =>
    new Promise((resolve) => {
      const env = { ...process.env };
      delete env.ELECTRON_RUN_AS_NODE; // would turn the binary into a plain Node
      const child = spawn(binary, ['.'], { stdio: 'inherit', cwd: REPO_ROOT, env });
      const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
      process.on('SIGINT', forward('SIGINT'));
      process.on('SIGTERM', forward('SIGTERM'));
      child.on('error', (e) => {
        process.stderr.write(`npm start: ${binary} could not be started: ${e.message}\n`);
        resolve(1);
      });
      child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 0 : 1)));
    }),
  say: (text) => process.stderr.write(text),
  platform: process.platform,
  arch: process.arch,
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start(realSteps).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
