// The coverage table's rules (build/coverage-table.ts): which room a file counts in, which files are left out as
// Electron-only and named, when a room fails the run, and how a room held at a ratchet below the target is shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatCoverageTable,
  judgeCoverage,
  roomOf,
  ROOMS,
  type FileLines,
  type FloorConfig,
} from '../../../build/coverage-table';
import { REPO_ROOT } from '../../support/repo-root';

const at95: FloorConfig = {
  target: 95,
  floors: { 'shared/': 95, 'electron/services/': 95, 'electron/cli/': 95, 'renderer/': 95 },
};
const full = (path: string, total = 100): FileLines => ({ path, covered: total, total });

/** Every room full but renderer/, which is held at `floor` with `covered` of 1,000 lines: the table for it. */
function rendererAtRatchet(floor: number, covered: number) {
  const config: FloorConfig = { ...at95, floors: { ...at95.floors, 'renderer/': floor } };
  const verdict = judgeCoverage(
    [
      full('shared/a.ts'),
      full('electron/services/x.ts'),
      full('electron/cli/c.ts'),
      { path: 'renderer/src/p.tsx', covered, total: 1000 },
    ],
    config,
  );
  return { verdict, table: formatCoverageTable(verdict, config, 'coverage/html/index.html') };
}

describe('coverage rooms and floor', () => {
  it('puts each file in its room and the Electron adapters in none', () => {
    expect(roomOf('shared/explain/cards.ts')).toBe('shared/');
    expect(roomOf('electron/services/ipc/dispatch.ts')).toBe('electron/services/');
    expect(roomOf('electron/cli/commands/probe.ts')).toBe('electron/cli/');
    expect(roomOf('renderer/src/app.tsx')).toBe('renderer/');
    for (const adapter of [
      'electron/main.ts',
      'electron/window.ts',
      'electron/preload.ts',
      'electron/ipc.ts',
      'electron/platform/secret-vault.ts',
    ])
      expect(roomOf(adapter)).toBeUndefined();
    expect(roomOf('electron/security-policy.ts')).toBeUndefined();
  });

  it('sums lines per room, lists the Electron-only files by name and passes when every room reaches its floor', () => {
    const verdict = judgeCoverage(
      [
        full('shared/a.ts'),
        { path: 'shared/b.ts', covered: 95, total: 100 },
        full('electron/services/x.ts'),
        full('electron/cli/cli.ts'),
        full('renderer/src/app.tsx'),
        { path: 'electron/main.ts', covered: 0, total: 400 },
        { path: 'electron/platform/notifier.ts', covered: 0, total: 40 },
        { path: 'electron/security-policy.ts', covered: 50, total: 100 },
      ],
      at95,
    );
    expect(verdict.rows.find((r) => r.room === 'shared/')).toMatchObject({ covered: 195, total: 200, percent: 97.5 });
    expect(verdict.electronOnly).toEqual(['electron/main.ts', 'electron/platform/notifier.ts']);
    expect(verdict.outside).toMatchObject({ covered: 50, total: 100 });
    expect(verdict.failed).toBe(false);
  });

  it('fails the run for a room below its floor, and never rounds a room up to its floor', () => {
    const verdict = judgeCoverage(
      [
        full('shared/a.ts'),
        full('electron/services/x.ts'),
        full('electron/cli/c.ts'),
        { path: 'renderer/src/p.tsx', covered: 9499, total: 10000 },
      ],
      at95,
    );
    const renderer = verdict.rows.find((r) => r.room === 'renderer/');
    expect(renderer).toMatchObject({ percent: 94.9, failed: true });
    expect(verdict.failed).toBe(true);
    const table = formatCoverageTable(verdict, at95, 'coverage/html/index.html');
    expect(table).toMatch(/renderer\/\s+94\.9%\s+9499\/10000 lines\s+floor 95%\s+BELOW FLOOR/);
    expect(table).toContain('Coverage of renderer/ is 94.9% of lines, below its floor of 95%');
  });

  it('shows a room held at a ratchet below the target as not reaching the target, and passes it at its floor', () => {
    const { verdict, table } = rendererAtRatchet(91, 912);
    expect(verdict.failed).toBe(false);
    expect(table).toMatch(/renderer\/\s+91\.2%.*floor 91% — target 95% not reached\s+ok/);
    expect(table).toMatch(/shared\/\s+100\.0%.*floor 95%\s+ok/);
  });

  it('says a room held at a ratchet has reached the target once it has, so the floor is raised to it', () => {
    const { table } = rendererAtRatchet(80, 971);
    expect(table).toMatch(/renderer\/\s+97\.1%.*floor 80% — target 95% reached: raise the floor to it\s+ok/);
    expect(table).not.toContain('not reached');
  });

  it('has one floor per room in build/coverage-floor.json, none above the target', () => {
    const config = JSON.parse(readFileSync(join(REPO_ROOT, 'build/coverage-floor.json'), 'utf8')) as FloorConfig;
    expect(Object.keys(config.floors).sort()).toEqual([...ROOMS].sort());
    for (const room of ROOMS) expect(config.floors[room]).toBeLessThanOrEqual(config.target);
    expect(config.target).toBe(95);
  });
});
