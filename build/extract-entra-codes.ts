// Regenerates build/reference/entra-error-codes.txt from a copy of Microsoft's entra-docs repository: the numbers
// and internal names of the AADSTS table in docs/identity-platform/reference-error-codes.md, with the commit and the
// page's ms.date in the header. Only numbers and identifiers are written, never Microsoft's sentences: the catalog's
// words are our own (shared/explain). tests/unit/shared/explain/reference.test.ts compares the catalog with the list.
//
//   node --import tsx build/extract-entra-codes.ts <entra-docs checkout | its git directory> [--out <file>]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REFERENCE_PATH = 'docs/identity-platform/reference-error-codes.md';
export const CODE_LIST_FILE = fileURLToPath(new URL('./reference/entra-error-codes.txt', import.meta.url));

export interface ReferenceCode {
  readonly code: number;
  /** Microsoft's internal name (InvalidReplyTo…) when the row gives one, else ''. */
  readonly name: string;
}

export interface ReferenceExtract {
  readonly msDate: string;
  readonly codes: readonly ReferenceCode[];
}

/** A row of the AADSTS table: `| AADSTS50011 | InvalidReplyTo - … |` (some rows lack the closing bar). */
const ROW = /^\|\s*AADSTS(\d{4,8})\s*\|(.*)$/;
/** The whole cell is one identifier: `| AADSTS90091 | GraphServiceUnreachable |`. */
const ONLY_NAME = /^[A-Z][A-Za-z0-9_]*$/;
/**
 * The first identifier with at least two capitals (CamelCase) followed by a dash: `InvalidReplyTo - …`,
 * `ForbiddenTokenType- …`, `Invalid Request - RawCredentialExpectedNotFound - …`, `<li>IdsLocked - …`. One-hump
 * words ("Developer error - …", "Session mismatch - …") are prose, not names.
 */
const NAME_THEN_DASH = /(?:^|[\s>])([A-Z][a-z0-9]*[A-Z][A-Za-z0-9_]*)\s*-\s/;

/** The internal name in a row's description cell, or ''. */
export function nameOfRow(description: string): string {
  const cell = description.trim();
  if (ONLY_NAME.test(cell)) return cell;
  return NAME_THEN_DASH.exec(cell.slice(0, 400))?.[1] ?? '';
}

/** The codes of the reference page (each once, a name kept from the first row that has one) and its ms.date. */
export function extractEntraCodes(markdown: string): ReferenceExtract {
  const msDate = /^ms\.date:\s*(\S+)/m.exec(markdown)?.[1] ?? '';
  const names = new Map<number, string>();
  for (const line of markdown.split(/\r?\n/)) {
    const m = ROW.exec(line);
    if (!m) continue;
    const code = Number(m[1]);
    const name = nameOfRow((m[2] ?? '').replace(/\|\s*$/, ''));
    if (!names.has(code) || (names.get(code) === '' && name !== '')) names.set(code, name);
  }
  const codes = [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.code - b.code);
  return { msDate, codes };
}

export interface CodeListHeader {
  readonly commit: string;
  readonly msDate: string;
}

/** The committed list's text: a header naming the source and version, then `code<TAB>name` per line. */
export function formatCodeList(extract: ReferenceExtract, commit: string): string {
  return [
    `# The AADSTS codes of Microsoft's reference "Microsoft Entra authentication and authorization error codes", one per`,
    `# line: the number, a tab, and Microsoft's internal name when the row gives one (empty otherwise). Numbers and`,
    `# identifiers only; every description in the catalog is written in our own words (shared/explain).`,
    `# repository: MicrosoftDocs/entra-docs`,
    `# path: ${REFERENCE_PATH}`,
    `# commit: ${commit}`,
    `# ms.date: ${extract.msDate}`,
    `# Regenerate: node --import tsx build/extract-entra-codes.ts <entra-docs checkout or its git directory>`,
    ...extract.codes.map((c) => `${c.code}\t${c.name}`),
    '',
  ].join('\n');
}

/** Reads the committed list back: its header values and its codes. */
export function parseCodeList(text: string): CodeListHeader & { readonly codes: readonly ReferenceCode[] } {
  const header = (key: string): string => new RegExp(`^# ${key}: (.+)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  const codes: ReferenceCode[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [code = '', name = ''] = line.split('\t');
    codes.push({ code: Number(code), name });
  }
  return { commit: header('commit'), msDate: header('ms.date'), codes };
}

/** The page and commit from a checkout (a work tree) or a bare git directory such as a `fetch` snapshot. */
function readReference(source: string): { markdown: string; commit: string } {
  const file = join(source, REFERENCE_PATH);
  if (existsSync(file)) {
    const commit = execFileSync('git', ['-C', source, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    return { markdown: readFileSync(file, 'utf8'), commit };
  }
  const git = (...args: string[]): string =>
    execFileSync('git', [`--git-dir=${source}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { markdown: git('show', `HEAD:${REFERENCE_PATH}`), commit: git('rev-parse', 'HEAD').trim() };
}

function main(argv: readonly string[]): number {
  const [source, flag, out = CODE_LIST_FILE] = argv;
  if (source === undefined || (flag !== undefined && flag !== '--out')) {
    process.stderr.write('Usage: extract-entra-codes <entra-docs checkout | git directory> [--out <file>]\n');
    return 2;
  }
  const { markdown, commit } = readReference(source);
  const extract = extractEntraCodes(markdown);
  if (extract.codes.length === 0) {
    process.stderr.write(`No AADSTS rows found in ${REFERENCE_PATH}; has the page changed shape?\n`);
    return 1;
  }
  writeFileSync(out, formatCodeList(extract, commit));
  process.stdout.write(`${extract.codes.length} codes (ms.date ${extract.msDate}, commit ${commit}) -> ${out}\n`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
