// Proves each architecture boundary rule in build/eslint.config.js fires on a fixture placed (virtually) in
// the room it must not break, and that the near misses pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/repo-root';

const root = REPO_ROOT;
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'build/eslint.config.js') });

async function lintAs(fixture: string, virtualPath: string): Promise<string[]> {
  const code = readFileSync(join(root, 'tests/lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const cases: readonly { fixture: string; as: string; rule: string }[] = [
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
];

describe('lint enforces the rooms', () => {
  it.each(cases)('$fixture fails as $as ($rule)', async ({ fixture, as, rule }) => {
    const messages = await lintAs(fixture, as);
    expect(
      messages.some((m) => m.startsWith(`${rule}:`)),
      messages.join('\n') || 'no messages',
    ).toBe(true);
  });

  const nearMisses: readonly { fixture: string; as: string }[] = [
    { fixture: 'service-imports-electron-type.ts', as: 'electron/services/fixture.ts' },
    { fixture: 'platform-uses-electron.ts', as: 'electron/platform/fixture.ts' },
    { fixture: 'service-imports-electron.ts', as: 'electron/window.ts' },
    { fixture: 'main-uses-ipc-renderer.ts', as: 'electron/preload.ts' },
    { fixture: 'platform-uses-ipc-main.ts', as: 'electron/ipc.ts' },
  ];
  it.each(nearMisses)('$fixture passes as $as', async ({ fixture, as }) => {
    expect(await lintAs(fixture, as)).toEqual([]);
  });
});
