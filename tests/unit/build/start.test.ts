// `npm start` (build/start.ts) decides in order: a binary, else its download, else one paragraph and exit 1;
// only with a binary does it build and launch. The steps are injected, so each branch runs here without
// Electron, a network or a build.
import { describe, expect, it } from 'vitest';
import type { ElectronBinary } from '../../../build/electron-binary';
import { downloadFailureLine, noElectronParagraph, start, wrap, type StartSteps } from '../../../build/start';

function steps(over: Partial<StartSteps> & { binaries: ElectronBinary[] }) {
  const calls: string[] = [];
  let said = '';
  const queue = [...over.binaries];
  const s: StartSteps = {
    find: () => {
      calls.push('find');
      return queue.length > 1 ? queue.shift()! : queue[0]!;
    },
    download: over.download ?? (() => (calls.push('download'), { ok: true })),
    build: over.build ?? (() => (calls.push('build'), 0)),
    launch: over.launch ?? (async (p) => (calls.push(`launch ${p}`), 0)),
    say: (t) => {
      said += t;
    },
    platform: 'darwin',
    arch: 'arm64',
  };
  return { s, calls, said: () => said };
}

const missing: ElectronBinary = {
  found: false,
  reason: 'no Electron 45.4.1 binary at /x/dist/Electron.app/Contents/MacOS/Electron',
  version: '45.4.1',
  canDownload: true,
};
const present: ElectronBinary = {
  found: true,
  path: '/x/dist/Electron.app/Contents/MacOS/Electron',
  version: '45.4.1',
};

describe('npm start', () => {
  it('builds and launches when the binary is there, without downloading', async () => {
    const t = steps({ binaries: [present] });
    expect(await start(t.s)).toBe(0);
    expect(t.calls).toEqual(['find', 'build', `launch ${present.path}`]);
  });

  it('downloads a missing binary first, then builds and launches it', async () => {
    const t = steps({ binaries: [missing, present] });
    expect(await start(t.s)).toBe(0);
    expect(t.calls).toEqual(['find', 'download', 'find', 'build', `launch ${present.path}`]);
    expect(t.said()).toContain('Downloading Electron 45.4.1 for darwin-arm64');
  });

  it('prints one paragraph and exits 1 when the download fails — no build, no stack trace', async () => {
    const t = steps({ binaries: [missing], download: () => ({ ok: false, why: 'fetch failed' }) });
    expect(await start(t.s)).toBe(1);
    expect(t.calls).toEqual(['find']);
    const text = t.said().split('\n').slice(1).join('\n'); // after the "Downloading…" line
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('no Electron 45.4.1 binary is installed and downloading it failed (fetch failed)');
    expect(flat).toContain('npm run demo');
    expect(flat).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(text).not.toMatch(/^\s+at\s/m);
    expect(text.trim().split('\n\n')).toHaveLength(1);
  });

  it('does not download over a wrong ELECTRON_OVERRIDE_DIST_PATH; says what it looked for', async () => {
    const t = steps({
      binaries: [{ ...missing, canDownload: false, reason: 'ELECTRON_OVERRIDE_DIST_PATH is set, but there is none' }],
    });
    expect(await start(t.s)).toBe(1);
    expect(t.calls).toEqual(['find']);
    expect(t.said().replace(/\s+/g, ' ')).toContain('ELECTRON_OVERRIDE_DIST_PATH is set, but there is none');
  });

  it('stops with the build’s exit code when the build fails', async () => {
    const t = steps({ binaries: [present], build: () => 2 });
    expect(await start(t.s)).toBe(2);
    expect(t.said()).toContain('the build failed (exit 2)');
  });
});

describe('its texts', () => {
  it('reads the cause from install.js output, without the stack', () => {
    const out = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)',
    ].join('\n');
    expect(downloadFailureLine(out)).toBe('fetch failed');
    expect(downloadFailureLine('HTTPError: Response code 404 (Not Found) for https://x\n    at y')).toBe(
      'Response code 404 (Not Found) for https://x',
    );
    expect(downloadFailureLine('')).toBe('no output');
  });

  it('wraps the paragraph for a terminal', () => {
    const p = noElectronParagraph({ version: '45.4.1', platform: 'win32', arch: 'x64', failure: 'x' });
    for (const line of p.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(p).toContain('Electron 45.4.1 for win32-x64');
    expect(wrap('a b c', 3)).toBe('a b\nc');
  });
});
