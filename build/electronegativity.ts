// Runs Doyensec's Electronegativity over a directory through its library modules (loader, parser, finder,
// global checks), the same sequence its runner uses, but without the runner's two network calls (it fetches
// translations from S3 and Electron release notes from GitHub) and without process.exit. Returns every
// finding and every parse error; the caller decides (tests/unit/build/electronegativity.test.ts fails on any).
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const require = createRequire(import.meta.url);

export interface ElectronegativityFinding {
  readonly check: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly confidence: string;
  readonly manualReview: boolean;
  readonly description: string;
}

export interface ElectronegativityParseError {
  readonly file: string;
  readonly message: string;
  /** Electronegativity's own word: a tolerable error still scanned the file (with a warning). */
  readonly tolerable: boolean;
}

export interface ElectronegativityReport {
  readonly input: string;
  readonly filesScanned: number;
  readonly atomicChecks: readonly string[];
  readonly globalChecks: readonly string[];
  readonly findings: readonly ElectronegativityFinding[];
  readonly errors: readonly ElectronegativityParseError[];
}

/** Checks that reach the network on their own; never run (see the exclusions table in the test). */
export const NETWORK_CHECKS: readonly string[] = ['availablesecurityfixesglobalcheck'];

interface Attr {
  readonly name?: string;
  readonly value: number;
}
interface RawIssue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: Attr & { format?: () => string };
  readonly confidence: Attr & { format?: () => string };
  readonly manualReview?: boolean;
  readonly description?: string;
  readonly visibility?: { readonly inlineDisabled?: boolean; readonly globalCheckDisabled?: boolean };
}

let i18nReady = false;

const attrName = (a: Attr & { format?: () => string }, table: Record<string, Attr>): string =>
  Object.entries(table).find(([, v]) => v.value === a.value)?.[0] ?? String(a.value);

/**
 * Scans `input` (a directory or a file) with every atomic and global check except `exclude` (lower-case
 * check class names) and the network checks.
 */
export async function scanWithElectronegativity(
  input: string,
  options: { exclude?: readonly string[]; electronVersion?: string } = {},
): Promise<ElectronegativityReport> {
  const pkgDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  // The checks call a global `__` for their descriptions (their constructors already): register the bundled
  // English strings, offline, before any check module is constructed.
  const i18nRequire = createRequire(join(pkgDir, 'package.json'));
  if (!i18nReady) {
    const i18n = i18nRequire('i18n') as { configure: (o: object) => void; setLocale: (l: string) => void };
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: join(pkgDir, 'dist', 'locales'),
      updateFiles: false,
      objectNotation: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
    i18nReady = true;
  }
  const { LoaderDirectory, LoaderFile } = require(join(pkgDir, 'dist', 'loader')) as {
    LoaderDirectory: new () => Loader;
    LoaderFile: new () => Loader;
  };
  const { Parser } = require(join(pkgDir, 'dist', 'parser')) as {
    Parser: new (
      a: boolean,
      b: boolean,
    ) => { parse: (f: string, buf: unknown) => [unknown, unknown, unknown, { message: string }[] | undefined] };
  };
  const finderMod = require(join(pkgDir, 'dist', 'finder')) as {
    Finder: new (custom: string[], exclude: string[], upgrade?: string) => Finder;
    GlobalChecks: new (custom: string[], exclude: string[], upgrade?: string) => GlobalChecker;
    severity: Record<string, Attr>;
    confidence: Record<string, Attr>;
  };
  const { statSync } = await import('node:fs');

  const exclude = [...new Set([...(options.exclude ?? []), ...NETWORK_CHECKS].map((c) => c.toLowerCase()))];
  const loader = statSync(input).isDirectory() ? new LoaderDirectory() : new LoaderFile();
  await loader.load(input);
  const electronVersion = options.electronVersion ?? loader.electronVersion;

  const parser = new Parser(false, true);
  const globalChecker = new finderMod.GlobalChecks([], exclude);
  const finder = await new finderMod.Finder(
    [],
    exclude.filter((r) => !r.includes('globalcheck')),
  );

  const files = [...loader.list_files];
  let issues: RawIssue[] = [];
  const errors: ElectronegativityParseError[] = [];
  for (const file of files) {
    try {
      const [type, data, content, warnings] = parser.parse(file, loader.load_buffer(file));
      if (data === null) continue;
      for (const w of warnings ?? [])
        errors.push({ file: relative(input, file) || file, message: w.message, tolerable: true });
      issues.push(...(await finder.find(file, data, type, content, null, electronVersion)));
    } catch (e) {
      errors.push({
        file: relative(input, file) || file,
        message: e instanceof Error ? e.message : String(e),
        tolerable: false,
      });
    }
  }
  issues = await globalChecker.getResults(issues, undefined);
  issues = issues.filter((i) => !(i.visibility?.inlineDisabled === true || i.visibility?.globalCheckDisabled === true));

  return {
    input,
    filesScanned: files.length,
    atomicChecks: finder._enabled_checks.map((c) => c.name ?? String(c)),
    globalChecks: globalChecker._enabled_checks.map((c) => c.name ?? String(c)),
    findings: issues.map((i) => ({
      check: i.id,
      file: relative(input, i.file) || i.file,
      line: i.location.line,
      column: i.location.column,
      severity: attrName(i.severity, finderMod.severity),
      confidence: attrName(i.confidence, finderMod.confidence),
      manualReview: i.manualReview === true,
      description: i.description ?? '',
    })),
    errors,
  };
}

interface Loader {
  load(input: string): Promise<void>;
  readonly list_files: Iterable<string>;
  load_buffer(file: string): unknown;
  readonly electronVersion?: string;
}
interface Finder {
  find(
    file: string,
    data: unknown,
    type: unknown,
    content: unknown,
    x: null,
    electronVersion?: string,
  ): Promise<RawIssue[]>;
  readonly _enabled_checks: readonly { name?: string }[];
}
interface GlobalChecker {
  getResults(issues: RawIssue[], output: undefined): Promise<RawIssue[]>;
  readonly _enabled_checks: readonly { name?: string }[];
}
