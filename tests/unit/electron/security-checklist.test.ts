// The map from Electron's security checklist (electronjs.org/docs/latest/tutorial/security, "Checklist:
// Security recommendations", items 1–20) to the tests that assert each item. Fails when an item has no test,
// when a mapped test no longer exists under that name, or when the list stops being 1..20 in order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/repo-root';

interface ChecklistItem {
  readonly n: number;
  readonly title: string;
  /** file (under tests/) → test titles (exact strings) in that file. */
  readonly tests: readonly (readonly [file: string, title: string])[];
}

const E = 'unit/electron/security-electron.test.ts';
const ELECTRON_CHECKLIST: readonly ChecklistItem[] = [
  {
    n: 1,
    title: 'Only load secure content',
    tests: [[E, '#1 only secure content: app:// renderer, https-only remote loads, no http source in the CSP']],
  },
  {
    n: 2,
    title: 'Do not enable Node.js integration for remote content',
    tests: [
      [
        E,
        '#2 no Node.js integration in any renderer that shows remote content (login page, popups, strip), nor in the main window',
      ],
    ],
  },
  {
    n: 3,
    title: 'Enable context isolation',
    tests: [
      [E, '#3 context isolation in every renderer'],
      ['unit/electron/security-policy.test.ts', 'isolates and sandboxes the renderer, with no Node anywhere'],
    ],
  },
  {
    n: 4,
    title: 'Enable process sandboxing',
    tests: [[E, '#4 process sandboxing in every renderer, and app.enableSandbox() before ready']],
  },
  {
    n: 5,
    title: 'Handle session permission requests from remote content',
    tests: [
      [E, '#5 permission request handler on every session: default session and each auth partition deny everything'],
      ['unit/electron/security-policy.test.ts', 'denies every permission'],
    ],
  },
  { n: 6, title: 'Do not disable webSecurity', tests: [[E, '#6 webSecurity stays on in every renderer']] },
  {
    n: 7,
    title: 'Define a Content-Security-Policy',
    tests: [
      [E, '#7 a restrictive Content-Security-Policy on the main window (header and meta), script-src self only'],
      ['unit/electron/security-policy.test.ts', 'allows scripts only from the app itself and nothing remote'],
    ],
  },
  {
    n: 8,
    title: 'Do not enable allowRunningInsecureContent',
    tests: [[E, '#8 allowRunningInsecureContent is never enabled']],
  },
  { n: 9, title: 'Do not enable experimental features', tests: [[E, '#9 experimental features are never enabled']] },
  { n: 10, title: 'Do not use enableBlinkFeatures', tests: [[E, '#10 enableBlinkFeatures is never used']] },
  {
    n: 11,
    title: '<webview>: Do not use allowpopups',
    tests: [
      [
        E,
        '#11 <webview> allowpopups: the webview tag is disabled everywhere, so no webview (and no allowpopups) exists',
      ],
    ],
  },
  {
    n: 12,
    title: '<webview>: Verify options and params',
    tests: [[E, '#12 <webview> options verified: every attach is refused, in the app window and in login contents']],
  },
  {
    n: 13,
    title: 'Disable or limit navigation',
    tests: [
      [
        E,
        '#13 navigation limited: the app window stays on app://renderer, login contents on https (and loopback http)',
      ],
      ['unit/electron/security-policy.test.ts', 'main window may navigate to %s: %s'],
    ],
  },
  {
    n: 14,
    title: 'Disable or limit creation of new windows',
    tests: [
      [E, '#14 new windows denied (app) or contained in the flow’s partition with login preferences (auth popups)'],
    ],
  },
  {
    n: 15,
    title: 'Do not use shell.openExternal with untrusted content',
    tests: [
      [E, '#15 shell.openExternal only with allow-listed https URLs, and only from the app window'],
      ['unit/electron/security-policy.test.ts', 'openExternal(%s) allowed: %s'],
    ],
  },
  {
    n: 16,
    title: 'Use a current version of Electron',
    tests: [[E, '#16 Electron is current: the electron devDependency major is at least 45 (current stable)']],
  },
  {
    n: 17,
    title: 'Validate the sender of all IPC messages',
    tests: [
      [E, '#17 the sender of every IPC message is validated: only the app origin’s main frame may call'],
      [
        'unit/electron/services/ipc/dispatch.test.ts',
        'refuses calls from an untrusted sender or a subframe before looking at the payload',
      ],
    ],
  },
  {
    n: 18,
    title: 'Avoid usage of the file:// protocol and prefer usage of custom protocols',
    tests: [
      [
        E,
        '#18 no file:// for the renderer: a custom standard, secure scheme, refusing file: and traversal; file: privileges fuse off',
      ],
      ['unit/electron/security-policy.test.ts', 'refuses %s'],
    ],
  },
  {
    n: 19,
    title: 'Check which fuses you can change',
    tests: [
      [
        E,
        '#19 fuses: run-as-node, NODE_OPTIONS, inspect and file: privileges off; cookie encryption, asar integrity and asar-only on',
      ],
      ['unit/build/electron-builder-config.test.ts', 'passes electron-builder’s own schema validation'],
    ],
  },
  {
    n: 20,
    title: 'Do not expose Electron APIs to untrusted web content',
    tests: [
      [
        E,
        '#20 no Electron API reaches web content: the preload exposes only the contract’s methods, frozen, through contextBridge',
      ],
    ],
  },
];

const testsDir = join(REPO_ROOT, 'tests');
const sources = new Map<string, string>();
const source = (file: string): string => {
  let s = sources.get(file);
  if (s === undefined) {
    s = readFileSync(join(testsDir, file), 'utf8');
    sources.set(file, s);
  }
  return s;
};

describe('Electron security checklist map', () => {
  it('lists items 1..20 in order, each with a title', () => {
    expect(ELECTRON_CHECKLIST.map((i) => i.n)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    for (const i of ELECTRON_CHECKLIST) expect(i.title.length, `#${i.n}`).toBeGreaterThan(5);
  });

  it.each(ELECTRON_CHECKLIST.map((i) => [`#${i.n} ${i.title}`, i] as const))(
    '%s has at least one test that exists under that name',
    (_label, item) => {
      expect(item.tests.length, `#${item.n} has no test`).toBeGreaterThan(0);
      for (const [file, title] of item.tests) {
        const text = source(file);
        // The title must appear as the first argument of an it()/it.each()/test() call, not just anywhere.
        const quoted = [`'${title}'`, `"${title}"`, `\`${title}\``];
        expect(
          quoted.some((q) => new RegExp(`\\b(it|test)(\\.each\\([\\s\\S]*?\\))?\\(\\s*${escapeRe(q)}`).test(text)),
          `${file}: test "${title}" for #${item.n}`,
        ).toBe(true);
      }
    },
  );

  it('every numbered test in security-electron.test.ts is mapped to its own item', () => {
    const numbered = [...source(E).matchAll(/\bit\('#(\d+) /g)].map((m) => Number(m[1]));
    expect(numbered).toEqual(ELECTRON_CHECKLIST.map((i) => i.n));
  });

  it('prints the map', () => {
    const lines = ELECTRON_CHECKLIST.map(
      (i) =>
        `  #${String(i.n).padStart(2)} ${i.title} → ${i.tests.map(([f, t]) => `${f} › ${t.slice(0, 60)}`).join(' | ')}`,
    );
    console.log(`Electron security checklist: ${ELECTRON_CHECKLIST.length} items, all mapped\n${lines.join('\n')}`);
    expect(lines).toHaveLength(20);
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
