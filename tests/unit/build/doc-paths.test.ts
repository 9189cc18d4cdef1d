// README.md and SECURITY.md name files by path (which test proves a defence, where a config lives); after a
// move those names rot silently. This fails on any backticked repository path in them that does not exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/repo-root';

const DOCS = ['README.md', 'SECURITY.md'] as const;
const REPO_PREFIXES = ['tests/', 'electron/', 'shared/', 'renderer/', 'build/', '.ci/'] as const;

/**
 * Every inline code span (outside fenced blocks) that starts with a repository folder, as the path to check:
 * its first word, without a trailing `:line` or punctuation, cut before a placeholder (`<feature>`) or glob.
 */
function repoPathsIn(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const paths = new Set<string>();
  for (const [, span = ''] of prose.matchAll(/`([^`\n]+)`/g)) {
    const word = span.trim().split(/\s/)[0] ?? '';
    if (!REPO_PREFIXES.some((prefix) => word.startsWith(prefix))) continue;
    const path = word
      .replace(/[<*].*$/, '')
      .replace(/:\d+(:\d+)?$/, '')
      .replace(/[.,;)]+$/, '');
    paths.add(path);
  }
  return [...paths];
}

const missingIn = (markdown: string): string[] => repoPathsIn(markdown).filter((p) => !existsSync(join(REPO_ROOT, p)));

describe('paths named in the docs exist', () => {
  it.each(DOCS)('%s names only paths that exist', (doc) => {
    const text = readFileSync(join(REPO_ROOT, doc), 'utf8');
    expect(repoPathsIn(text).length, `${doc} names no repository path; did the extractor break?`).toBeGreaterThan(0);
    expect(missingIn(text), `${doc} names paths that do not exist`).toEqual([]);
  });

  it('finds paths in prose, drops fenced blocks, placeholders, line numbers and punctuation, and flags a missing one', () => {
    const sample = [
      'See `electron/security-policy.ts`, `tests/unit/<room>/<feature>/` and `electron/main.ts:12`.',
      'Run `.ci/run` or `npm test`; `tests/integration/authorize-flow.test.ts` is gone.',
      '```',
      'shared/not-checked-in-a-fence.ts',
      '`shared/nor-this.ts`',
      '```',
    ].join('\n');
    expect(repoPathsIn(sample)).toEqual([
      'electron/security-policy.ts',
      'tests/unit/',
      'electron/main.ts',
      '.ci/run',
      'tests/integration/authorize-flow.test.ts',
    ]);
    expect(missingIn(sample)).toEqual(['tests/integration/authorize-flow.test.ts']);
  });
});
