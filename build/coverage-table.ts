// The per-room coverage table and its floor, as pure functions over the merged report's files (repo-relative path
// and its covered / total lines), so the rules (which room a file belongs to, which files run only in Electron,
// when the run fails) are tested without running the suite. build/coverage.ts feeds them and prints the result.

/** The four rooms the floor applies to, each a folder of the repository. */
export const ROOMS = ['shared/', 'electron/services/', 'electron/cli/', 'renderer/'] as const;
export type Room = (typeof ROOMS)[number];

/** The Electron adapters: they import 'electron', so only a run of the real app executes them. */
const ELECTRON_ONLY = [/^electron\/(main|window|preload|ipc)\.ts$/, /^electron\/platform\//];

export interface FileLines {
  /** Repository-relative, with forward slashes, e.g. `electron/cli/cli.ts`. */
  readonly path: string;
  readonly covered: number;
  readonly total: number;
}

export interface FloorConfig {
  /** The percentage of lines every room must reach. */
  readonly target: number;
  /** Per room, the percentage below which the run fails: the target, or a ratchet below it while it is not met. */
  readonly floors: Readonly<Record<Room, number>>;
}

export interface RoomRow {
  readonly room: Room;
  readonly covered: number;
  readonly total: number;
  /** Lines covered in percent, rounded down to one decimal so a row never shows more than was reached. */
  readonly percent: number;
  readonly floor: number;
  readonly failed: boolean;
}

export interface CoverageVerdict {
  readonly rows: readonly RoomRow[];
  /** Files excluded by name because they run only in Electron, sorted. */
  readonly electronOnly: readonly string[];
  /** Measured files that belong to no room (e.g. electron/security-policy.ts), with their lines, not floored. */
  readonly outside: FileLines;
  readonly failed: boolean;
}

export function isElectronOnly(path: string): boolean {
  return ELECTRON_ONLY.some((re) => re.test(path));
}

export function roomOf(path: string): Room | undefined {
  if (isElectronOnly(path)) return undefined;
  return ROOMS.find((room) => path.startsWith(room));
}

const percentOf = (covered: number, total: number): number =>
  total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;

export function judgeCoverage(files: readonly FileLines[], config: FloorConfig): CoverageVerdict {
  const sums = new Map<Room, { covered: number; total: number }>(ROOMS.map((r) => [r, { covered: 0, total: 0 }]));
  const outside = { covered: 0, total: 0 };
  const electronOnly: string[] = [];
  for (const file of files) {
    if (isElectronOnly(file.path)) {
      electronOnly.push(file.path);
      continue;
    }
    const room = roomOf(file.path);
    const sum = room ? sums.get(room) : outside;
    if (!sum) continue;
    sum.covered += file.covered;
    sum.total += file.total;
  }
  const rows = ROOMS.map((room): RoomRow => {
    const { covered, total } = sums.get(room) ?? { covered: 0, total: 0 };
    const percent = percentOf(covered, total);
    const floor = config.floors[room];
    return { room, covered, total, percent, floor, failed: percent < floor };
  });
  return {
    rows,
    electronOnly: electronOnly.sort(),
    outside: { path: 'outside the rooms', ...outside },
    failed: rows.some((r) => r.failed),
  };
}

/** The table `npm test` prints: one line per room, then the Electron-only files by name. */
export function formatCoverageTable(verdict: CoverageVerdict, config: FloorConfig, reportPath: string): string {
  const width = Math.max(...ROOMS.map((r) => r.length));
  const lines = [
    `Lines covered by unit, integration and end-to-end tests (one merged report, target ${config.target}%):`,
  ];
  for (const row of verdict.rows) {
    // A ratchet below the target says whether the room has reached the target since (then the floor should rise).
    const floorNote =
      row.floor >= config.target
        ? `floor ${row.floor}%`
        : row.percent < config.target
          ? `floor ${row.floor}% — target ${config.target}% not reached`
          : `floor ${row.floor}% — target ${config.target}% reached: raise the floor to it`;
    const status = row.failed ? 'BELOW FLOOR' : 'ok';
    lines.push(
      `  ${row.room.padEnd(width)}  ${row.percent.toFixed(1).padStart(5)}%  ${`${row.covered}/${row.total}`.padStart(11)} lines  ${floorNote}  ${status}`,
    );
  }
  if (verdict.outside.total > 0)
    lines.push(
      `  ${'other electron/'.padEnd(width)}  ${percentOf(verdict.outside.covered, verdict.outside.total).toFixed(1).padStart(5)}%  ${`${verdict.outside.covered}/${verdict.outside.total}`.padStart(11)} lines  (pure policy code outside the four rooms; no floor)`,
    );
  lines.push(`  Not counted, runs only in Electron: ${verdict.electronOnly.join(', ') || 'none measured'}`);
  lines.push(`  Full report: ${reportPath}`);
  for (const row of verdict.rows.filter((r) => r.failed))
    lines.push(
      `Coverage of ${row.room} is ${row.percent}% of lines, below its floor of ${row.floor}%: open the report, find what users can reach that no test exercises, and test that behaviour.`,
    );
  return lines.join('\n');
}
