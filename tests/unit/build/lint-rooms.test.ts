// Proves each architecture boundary rule in build/eslint.config.js fires on a fixture placed (virtually) in
// the room it must not break, on every spelling it is meant to catch, and that the near misses pass.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/repo-root';

const root = REPO_ROOT;
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'build/eslint.config.js') });

const fixtureText = (fixture: string): string => readFileSync(join(root, 'tests/lint-fixtures', fixture), 'utf8');

async function lintMessages(fixture: string, virtualPath: string) {
  const [result] = await eslint.lintText(fixtureText(fixture), { filePath: join(root, virtualPath) });
  return result?.messages ?? [];
}

async function lintAs(fixture: string, virtualPath: string): Promise<string[]> {
  return (await lintMessages(fixture, virtualPath)).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** The 1-based lines of a fixture marked `// fires`. */
const markedLines = (fixture: string): number[] =>
  fixtureText(fixture)
    .split('\n')
    .flatMap((line, i) => (/\/\/ fires\b/.test(line) ? [i + 1] : []));

// `says`, where given, is a fragment of the message: it proves the intended rule fired, not a neighbour.
const cases: readonly { fixture: string; as: string; rule: string; says?: string }[] = [
  { fixture: 'shared-imports-node.ts', as: 'shared/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'shared-imports-electron.ts', as: 'shared/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'shared-uses-dom.ts', as: 'shared/tokens/fixture.ts', rule: 'no-restricted-globals' },
  { fixture: 'shared-imports-main-process.ts', as: 'shared/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-electron-dir.ts', as: 'renderer/src/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-electron.ts', as: 'renderer/src/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'renderer-imports-node.ts', as: 'renderer/src/features/x/fixture.tsx', rule: 'no-restricted-imports' },
  { fixture: 'service-imports-electron.ts', as: 'electron/services/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'main-uses-ipc-renderer.ts', as: 'electron/main.ts', rule: 'no-restricted-imports' },
  { fixture: 'main-uses-ipc-renderer.ts', as: 'electron/platform/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'platform-uses-ipc-main.ts', as: 'electron/platform/fixture.ts', rule: 'no-restricted-imports' },
  { fixture: 'test-imports-electron.ts', as: 'tests/unit/fixture.test.ts', rule: 'no-restricted-imports' },
  { fixture: 'default-export.ts', as: 'electron/services/fixture.ts', rule: 'no-restricted-syntax' },
  // shared/ imports only zod, jose and files inside shared/ (a whitelist).
  { fixture: 'shared-imports-package.ts', as: 'shared/fixture.ts', rule: 'rooms/allowed-imports', says: "'clsx'" },
  { fixture: 'shared-imports-node.ts', as: 'shared/fixture.ts', rule: 'rooms/allowed-imports', says: 'node:fs' },
  { fixture: 'shared-imports-electron.ts', as: 'shared/fixture.ts', rule: 'rooms/allowed-imports', says: 'electron' },
  {
    fixture: 'shared-imports-main-process.ts',
    as: 'shared/fixture.ts',
    rule: 'rooms/allowed-imports',
    says: 'leaves shared/',
  },
  // electron/services and electron/cli never import electron/platform, not even types.
  {
    fixture: 'service-imports-platform.ts',
    as: 'electron/services/authorize/fixture.ts',
    rule: 'no-restricted-imports',
    says: 'never import electron/platform',
  },
  {
    fixture: 'service-imports-platform-type.ts',
    as: 'electron/services/product-session/fixture.ts',
    rule: 'no-restricted-imports',
    says: 'never import electron/platform',
  },
  {
    fixture: 'service-imports-platform.ts',
    as: 'electron/cli/commands/fixture.ts',
    rule: 'no-restricted-imports',
    says: 'never import electron/platform',
  },
  // Only renderer/src/api.ts reads window.api.
  {
    fixture: 'renderer-reads-window-api.ts',
    as: 'renderer/src/features/tokens/fixture.tsx',
    rule: 'no-restricted-syntax',
    says: 'Only renderer/src/api.ts reads window.api',
  },
  {
    fixture: 'renderer-reads-window-api.ts',
    as: 'renderer/src/main.tsx',
    rule: 'no-restricted-syntax',
    says: 'Only renderer/src/api.ts reads window.api',
  },
];

describe('lint enforces the rooms', () => {
  it.each(cases)('$fixture fails as $as ($rule)', async ({ fixture, as, rule, says }) => {
    const messages = await lintAs(fixture, as);
    expect(
      messages.some((m) => m.startsWith(`${rule}:`) && (says === undefined || m.includes(says))),
      messages.join('\n') || 'no messages',
    ).toBe(true);
  });

  // One fixture per rule lists every spelling the rule must catch, each on a line marked `// fires`.
  const everyForm: readonly { fixture: string; as: string; rule: string }[] = [
    { fixture: 'shared-imports-every-form.ts', as: 'shared/tokens/fixture.ts', rule: 'rooms/allowed-imports' },
    {
      fixture: 'renderer-reads-window-api-every-form.ts',
      as: 'renderer/src/features/probes/fixture.tsx',
      rule: 'no-restricted-syntax',
    },
  ];
  it.each(everyForm)('$rule fires on every marked line of $fixture', async ({ fixture, as, rule }) => {
    const marked = markedLines(fixture);
    expect(marked.length).toBeGreaterThan(5);
    const lines = (await lintMessages(fixture, as)).filter((m) => m.ruleId === rule).map((m) => m.line);
    expect([...new Set(lines)].sort((a, b) => a - b)).toEqual(marked);
  });

  const nearMisses: readonly { fixture: string; as: string }[] = [
    { fixture: 'service-imports-electron-type.ts', as: 'electron/services/fixture.ts' },
    { fixture: 'platform-uses-electron.ts', as: 'electron/platform/fixture.ts' },
    { fixture: 'service-imports-electron.ts', as: 'electron/window.ts' },
    { fixture: 'main-uses-ipc-renderer.ts', as: 'electron/preload.ts' },
    { fixture: 'platform-uses-ipc-main.ts', as: 'electron/ipc.ts' },
    { fixture: 'shared-imports-allowed.ts', as: 'shared/tokens/fixture.ts' },
    { fixture: 'service-imports-service.ts', as: 'electron/services/probes/fixture.ts' },
    { fixture: 'service-imports-platform.ts', as: 'electron/platform/fixture.ts' },
    { fixture: 'service-imports-platform-type.ts', as: 'electron/main.ts' },
    { fixture: 'renderer-reads-window-api.ts', as: 'renderer/src/api.ts' },
    { fixture: 'renderer-reads-window-api-every-form.ts', as: 'renderer/src/api.ts' },
    { fixture: 'renderer-uses-api-module.ts', as: 'renderer/src/features/tokens/fixture.tsx' },
  ];
  it.each(nearMisses)('$fixture passes as $as', async ({ fixture, as }) => {
    expect(await lintAs(fixture, as)).toEqual([]);
  });

  it('uses every fixture in tests/lint-fixtures (one nobody lints proves nothing)', () => {
    const used = new Set([...cases, ...everyForm, ...nearMisses].map((c) => c.fixture));
    // Folders hold multi-file fixtures of other tests (import-cycle/ is the import-cycle test's); files are ours.
    const unused = readdirSync(join(root, 'tests/lint-fixtures'), { withFileTypes: true })
      .filter((e) => e.isFile() && !used.has(e.name))
      .map((e) => e.name);
    expect(unused).toEqual([]);
  });
});
