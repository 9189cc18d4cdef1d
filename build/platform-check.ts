// `npm run check:platforms`: repeats npm's own install checks (platform, cpu, engines) for every platform the
// app supports, against package.json + package-lock.json, on this one machine. For each target npm runs
// `ci --dry-run --ignore-scripts --engine-strict --offline` in a temp copy of the two files, with
// process.platform / arch / version faked by a preload, so npm's arborist applies exactly the checks it would
// apply on that machine (EBADPLATFORM for a platform-bound package, EBADENGINE for a dependency needing a newer
// Node than engines.node admits). It also checks that each native-binding family (esbuild, rolldown,
// lightningcss…) would get a binary for the target. Offline: needs no registry and no cache.
//   node --import tsx build/platform-check.ts [--dir <folder with package.json and package-lock.json>]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PlatformTarget {
  readonly os: 'win32' | 'darwin' | 'linux';
  readonly cpu: 'x64' | 'arm64';
}

/** Where admins work (README "Supported platforms"): Windows x64, macOS arm64/x64, Linux x64/arm64. */
export const SUPPORTED_TARGETS: readonly PlatformTarget[] = [
  { os: 'win32', cpu: 'x64' },
  { os: 'darwin', cpu: 'arm64' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'linux', cpu: 'x64' },
  { os: 'linux', cpu: 'arm64' },
];

interface LockEntry {
  readonly version?: string;
  readonly os?: string | readonly string[];
  readonly cpu?: string | readonly string[];
  readonly optional?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

export interface Lockfile {
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/**
 * The lowest Node version of each alternative of an engines.node range, e.g. "^22.19.0 || >=24.5.0" →
 * ["22.19.0", "24.5.0"]: the versions npm's engine check must accept. Only the forms this project uses
 * (^x.y.z, >=x.y.z, ~x.y.z, x.y.z) are understood; anything else is an error rather than a guess.
 */
export function lowestNodeVersions(range: string): string[] {
  return range.split('||').map((alt) => {
    const m = /^\s*(?:\^|>=|~)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(alt);
    if (!m) throw new Error(`engines.node alternative "${alt.trim()}" is not of the form ^x.y.z or >=x.y.z`);
    return `${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}`;
  });
}

/** The preload that makes npm believe it runs on `target` under Node `nodeVersion`. */
export function fakePlatformPreload(target: PlatformTarget, nodeVersion: string): string {
  return [
    `Object.defineProperty(process, 'platform', { value: ${JSON.stringify(target.os)} });`,
    `Object.defineProperty(process, 'arch', { value: ${JSON.stringify(target.cpu)} });`,
    `Object.defineProperty(process, 'version', { value: ${JSON.stringify(`v${nodeVersion}`)} });`,
    '',
  ].join('\n');
}

const asList = (v: string | readonly string[] | undefined): readonly string[] | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? [v] : v;
const isPlatformBound = (e: LockEntry): boolean => e.os !== undefined || e.cpu !== undefined;
const nameOf = (lockPath: string): string => lockPath.slice(lockPath.lastIndexOf('node_modules/') + 13);

/** The lock entry npm would use for `name` required from the package at `from` (node's lookup, upwards). */
function resolveInLock(lock: Lockfile, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

/** Direct dependencies (any kind) that carry os/cpu limits: each one breaks `npm install` somewhere. */
export function platformBoundDirectDependencies(lock: Lockfile): string[] {
  const root = lock.packages[''] ?? {};
  const names = [...Object.keys(root.dependencies ?? {}), ...Object.keys(root.devDependencies ?? {})];
  return names.flatMap((name) => {
    const entry = lock.packages[`node_modules/${name}`];
    if (entry === undefined || !isPlatformBound(entry)) return [];
    const os = asList(entry.os)?.join(',') ?? 'any os';
    const cpu = asList(entry.cpu)?.join(',') ?? 'any cpu';
    return [`${name}@${entry.version ?? '?'} (only ${os} / ${cpu})`];
  });
}

/**
 * Optional dependencies a package declares that the lock does not hold: the lockfile then lacks another
 * platform's native binary (npm writes only what it resolved), and `npm ci` there would install without it.
 */
export function missingOptionalEntries(lock: Lockfile): string[] {
  return Object.entries(lock.packages).flatMap(([path, entry]) =>
    Object.keys(entry.optionalDependencies ?? {})
      .filter((dep) => resolveInLock(lock, path, dep) === undefined)
      .map((dep) => `${path === '' ? '(root)' : nameOf(path)} → ${dep}`),
  );
}

/**
 * Families of platform binaries: a package whose optional dependencies include two or more platform-bound
 * packages (esbuild → @esbuild/*, rolldown → @rolldown/binding-*, lightningcss → lightningcss-*). One of them
 * must be installed on every target, or the parent fails at run time ("Cannot find module …").
 */
export function bindingFamilies(lock: Lockfile): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue;
    const bound = Object.keys(entry.optionalDependencies ?? {}).filter((dep) => {
      const at = resolveInLock(lock, path, dep);
      return at !== undefined && isPlatformBound(lock.packages[at] ?? {});
    });
    if (bound.length >= 2) families.set(nameOf(path), bound);
  }
  return families;
}

export interface NpmOutcome {
  readonly ok: boolean;
  /** "would install N packages", or npm's error lines (EBADPLATFORM / EBADENGINE / …) without the log hint. */
  readonly summary: string;
  /** Package names npm would add (from the dry run's "add <name> <version>" lines). */
  readonly added: readonly string[];
}

/** Reads `npm ci --dry-run` output: the packages it would add, or the reason it refused. */
export function readNpmOutcome(status: number | null, output: string): NpmOutcome {
  const lines = output.split(/\r?\n/);
  const added = lines.flatMap((l) => {
    const m = /^add (\S+) \S+$/.exec(l.trim());
    return m?.[1] === undefined ? [] : [m[1]];
  });
  if (status === 0) {
    const total = Number(/added (\d+) packages?/.exec(output)?.[1] ?? added.length);
    return { ok: true, summary: `npm would install ${total} package${total === 1 ? '' : 's'}`, added };
  }
  const errors = lines
    .filter((l) => l.startsWith('npm error') && !/complete log of this run/.test(l))
    .map((l) => l.replace(/^npm error\s*/, '').trim())
    .filter((l) => l !== '');
  // npm's "notsup" block repeats itself (Valid os / Actual os …): keep the code, the headline and "Required".
  const code = errors.find((l) => l.startsWith('code '))?.slice(5);
  const detail = errors
    .filter((l) => !l.startsWith('code '))
    .map((l) => l.replace(/^(notsup|engine)\s+/, ''))
    .filter((l) => !/^(Valid|Actual)\b/.test(l) && l !== 'Unsupported engine');
  const text = [code, ...new Set(detail)].filter((l) => l !== undefined && l !== '').join(' — ');
  return { ok: false, summary: text || `npm exited with ${status ?? 'a signal'}`, added };
}

/** The bindings families that would get no binary on a target, given the packages npm would add there. */
export function familiesWithoutBinary(families: Map<string, string[]>, added: readonly string[]): string[] {
  const set = new Set(added);
  return [...families].filter(([, members]) => !members.some((m) => set.has(m))).map(([family]) => family);
}

/** npm's CLI script (run with our Node and a preload), never a shell shim: npm_execpath under `npm run`. */
export function findNpmCli(env: NodeJS.ProcessEnv = process.env, execPath = process.execPath): string | undefined {
  const candidates: string[] = [];
  if (env.npm_execpath !== undefined && /npm-cli\.js$/.test(env.npm_execpath)) candidates.push(env.npm_execpath);
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const npm = join(dir, 'npm');
    if (!existsSync(npm)) continue;
    try {
      const real = realpathSync(npm);
      if (/npm-cli\.js$/.test(real)) candidates.push(real);
    } catch {
      // not a link we can follow (a Windows .cmd shim sits next to node_modules/npm instead)
    }
    candidates.push(join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  }
  candidates.push(join(dirname(execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  candidates.push(join(dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  return candidates.find((c) => existsSync(c));
}

export interface TargetResult {
  readonly target: PlatformTarget;
  readonly nodeVersion: string;
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** Runs npm's checks for every target and lowest engines version; returns one result per pair. */
export function checkPlatforms(projectDir: string, npmCli: string): { problems: string[]; results: TargetResult[] } {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { engines?: { node?: string } };
  const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as Lockfile;
  const problems: string[] = [];
  const range = pkg.engines?.node;
  if (range === undefined) problems.push('package.json has no engines.node');
  for (const dep of platformBoundDirectDependencies(lock))
    problems.push(`platform-bound package among dependencies: ${dep}`);
  for (const miss of missingOptionalEntries(lock))
    problems.push(`package-lock.json lacks an optional dependency: ${miss}`);
  const families = bindingFamilies(lock);
  const versions = range === undefined ? [] : lowestNodeVersions(range);

  const work = mkdtempSync(join(tmpdir(), 'mah-platform-check-'));
  const results: TargetResult[] = [];
  try {
    for (const file of ['package.json', 'package-lock.json', '.npmrc'])
      if (existsSync(join(projectDir, file))) copyFileSync(join(projectDir, file), join(work, file));
    // npm run exports npm_* variables (local prefix, config) that would point the child npm at the real project.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    for (const target of SUPPORTED_TARGETS) {
      for (const nodeVersion of versions) {
        const preload = join(work, `fake-${target.os}-${target.cpu}-${nodeVersion}.cjs`);
        writeFileSync(preload, fakePlatformPreload(target, nodeVersion));
        const r = spawnSync(
          process.execPath,
          [
            '-r',
            preload,
            npmCli,
            'ci',
            '--dry-run',
            '--ignore-scripts',
            '--engine-strict',
            '--offline',
            '--no-audit',
            '--no-fund',
          ],
          { cwd: work, env, encoding: 'utf8', timeout: 120_000 },
        );
        const outcome = readNpmOutcome(r.status, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
        const lines = [outcome.summary];
        let ok = outcome.ok;
        if (ok) {
          const bare = familiesWithoutBinary(families, outcome.added);
          if (bare.length > 0) {
            ok = false;
            lines.push(`no native binary would be installed for: ${bare.join(', ')}`);
          }
        }
        results.push({ target, nodeVersion, ok, lines });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { problems, results };
}

function main(argv: readonly string[]): number {
  const i = argv.indexOf('--dir');
  const projectDir = i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fileURLToPath(new URL('..', import.meta.url));
  const npmCli = findNpmCli();
  if (npmCli === undefined) {
    process.stderr.write('platform check: cannot find npm-cli.js; run it as `npm run check:platforms`.\n');
    return 2;
  }
  const { problems, results } = checkPlatforms(projectDir, npmCli);
  for (const r of results) {
    const [first, ...rest] = r.lines;
    const head = `${r.ok ? 'ok  ' : 'FAIL'}  ${`${r.target.os}/${r.target.cpu}`.padEnd(12)}  node ${r.nodeVersion.padEnd(8)}`;
    process.stdout.write(`${head}  ${first ?? ''}\n`);
    for (const l of rest) process.stdout.write(`${' '.repeat(head.length + 2)}${l}\n`);
  }
  for (const p of problems) process.stdout.write(`FAIL  ${p}\n`);
  const failed = results.filter((r) => !r.ok).length + problems.length;
  process.stdout.write(
    failed === 0
      ? `platform check: npm would install on all ${results.length} platform/Node pairs.\n`
      : `platform check: ${failed} problem(s); npm install would fail (or lack a native binary) where marked FAIL.\n`,
  );
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
