// No import cycle anywhere in the product's code or the harness, counting `import type` too: a cycle makes
// module initialisation order matter and ties two features together. The same graph reader must find the
// fixture cycle (two files that only import each other's types) and must not report the file beside it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importGraph } from '../../support/import-graph';
import { REPO_ROOT } from '../../support/repo-root';

const ROOTS = ['shared', 'electron', 'renderer', 'tests/harness'];

describe('import cycles', () => {
  it('there is none in shared/, electron/, renderer/ or tests/harness, type-only imports included', () => {
    const graph = importGraph(ROOTS.map((r) => join(REPO_ROOT, r)));
    // The scan really covers the code: the four rooms hold well over a hundred modules with imports between them.
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].filter((targets) => targets.length > 0).length).toBeGreaterThan(100);
    expect(findCycles(graph).map((c) => describeCycle(c, REPO_ROOT))).toEqual([]);
  });

  it('a type-only cycle in the fixture is found and named, and a file importing into it is not part of it', () => {
    const dir = join(REPO_ROOT, 'tests/lint-fixtures/import-cycle');
    const cycles = findCycles(importGraph([dir]));
    expect(cycles.map((c) => describeCycle(c, dir))).toEqual(['a.ts → b.ts → a.ts']);
  });
});
