// The areas are named after their feature folders, route as #/<id>, and the harness's --area resolves an id,
// a former id or a label to the same area.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_IDS, AREA_NAMES, DEFAULT_AREA, areaFromHash, hrefOf } from '../../../../renderer/src/shell/area-ids';
import { resolveArea } from '../../../harness/areas';
import { REPO_ROOT } from '../../../support/repo-root';

describe('area ids', () => {
  it('each id is a feature folder of the renderer, named once, in navigation order', () => {
    expect(AREA_NAMES.map((a) => a.id)).toEqual([...AREA_IDS]);
    for (const id of AREA_IDS) expect(existsSync(join(REPO_ROOT, 'renderer/src/features', id)), id).toBe(true);
    expect(AREA_IDS).toContain(DEFAULT_AREA);
  });

  it('routes #/<id> and back; former routes, other hashes and near misses are no area', () => {
    for (const id of AREA_IDS) expect(areaFromHash(hrefOf(id))).toBe(id);
    expect(areaFromHash('#/product-session?x=1')).toBe('product-session');
    expect(areaFromHash('#/tokens/claims')).toBe('tokens');
    for (const hash of ['#/inspect', '#/product', '#main-content', '#/', '', '#/Tokens', '#/tokens-', '#/-tokens'])
      expect([hash, areaFromHash(hash)]).toEqual([hash, undefined]);
  });
});

describe('harness --area', () => {
  it('takes the id, the former id or the label, in any letter case', () => {
    expect(resolveArea('tokens')).toBe('tokens');
    expect(resolveArea('inspect')).toBe('tokens');
    expect(resolveArea('Inspect token')).toBe('tokens');
    expect(resolveArea('product')).toBe('product-session');
    expect(resolveArea('PRODUCT SESSION')).toBe('product-session');
    expect(resolveArea(' explain ')).toBe('explain');
    expect(resolveArea('Explain error')).toBe('explain');
    for (const a of AREA_NAMES) expect(resolveArea(a.label)).toBe(a.id);
  });

  it('refuses a name no area has', () => {
    for (const name of ['', 'token', 'probes', 'Test mailbox', 'handover', 'product-sessions'])
      expect([name, resolveArea(name)]).toEqual([name, undefined]);
  });
});
