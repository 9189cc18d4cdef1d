// Spoofing tricks in an e-mail address someone pasted: direction controls (a right-to-left override makes
// "moc.osotnoc@ksedecivres" display as something else), letters from two scripts in one part (Latin "contoso"
// with a Cyrillic "о"), and non-Latin letters that look exactly like Latin ones (homoglyphs). Pure: used by
// the offline lint (shared/diagnose/rules/accounts.ts) and the authorize request schema.

/** Characters that reorder how text is displayed; no real address contains one. */
const BIDI: Readonly<Record<string, string>> = {
  '\u061c': 'ARABIC LETTER MARK (U+061C)',
  '\u200e': 'LEFT-TO-RIGHT MARK (U+200E)',
  '\u200f': 'RIGHT-TO-LEFT MARK (U+200F)',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING (U+202A)',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING (U+202B)',
  '\u202c': 'POP DIRECTIONAL FORMATTING (U+202C)',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE (U+202D)',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE (U+202E)',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE (U+2066)',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE (U+2067)',
  '\u2068': 'FIRST STRONG ISOLATE (U+2068)',
  '\u2069': 'POP DIRECTIONAL ISOLATE (U+2069)',
};

/** Names of the direction-control characters in s, each once. */
export function bidiControls(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    const name = BIDI[ch];
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
  return out;
}

export const hasBidiControl = (s: string): boolean => bidiControls(s).length > 0;

const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Han', /\p{Script=Han}/u],
];

/** Scripts of the letters in s (digits, dots, dashes and symbols have none). */
export function scriptsOf(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    if (!/\p{L}/u.test(ch)) continue;
    const name = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other';
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Non-Latin letters drawn like Latin ones in common fonts (a practical subset of Unicode's confusables). */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'B',
  е: 'e',
  ё: 'ë',
  к: 'k',
  м: 'M',
  н: 'H',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 'T',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  α: 'a',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  ι: 'i',
  κ: 'k',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  օ: 'o',
  ս: 'u',
  ց: 'g',
  հ: 'h',
  ո: 'n',
};

/** The lookalike letters in s with the Latin letter each imitates, e.g. ["о (looks like o)"]. */
export function lookalikeLetters(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    const latin = LOOKALIKES[ch];
    const text =
      latin === undefined
        ? undefined
        : `${ch} U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} (looks like ${latin})`;
    if (text !== undefined && !out.includes(text)) out.push(text);
  }
  return out;
}

export interface AddressSpoofing {
  readonly kind: 'bidi' | 'mixed-script' | 'lookalike';
  /** Which part: the local part or the domain. */
  readonly part: 'local' | 'domain';
  readonly detail: string;
}

/** Every spoofing trick found in an address; [] for an ordinary one (including an all-Cyrillic or all-Greek part). */
export function addressSpoofing(address: string): AddressSpoofing[] {
  const at = address.lastIndexOf('@');
  const parts: [AddressSpoofing['part'], string][] =
    at < 0
      ? [['local', address]]
      : [
          ['local', address.slice(0, at)],
          ['domain', address.slice(at + 1)],
        ];
  const out: AddressSpoofing[] = [];
  for (const [part, text] of parts) {
    const bidi = bidiControls(text);
    if (bidi.length > 0) out.push({ kind: 'bidi', part, detail: bidi.join(', ') });
    // Domains are compared label by label (each label is its own IDN); the local part as a whole.
    const units = part === 'domain' ? text.split('.') : [text];
    const mixed = units.map(scriptsOf).find((s) => s.length > 1);
    if (mixed) out.push({ kind: 'mixed-script', part, detail: mixed.join(' + ') });
    // A lookalike counts when it could pass for Latin: every letter of its label is Latin or a lookalike
    // ("соntoso", "сосо"), not in a genuinely Cyrillic or Greek name ("пример", "иван").
    const look = units
      .filter(
        (u) =>
          /\p{L}/u.test(u) &&
          [...u].every((ch) => !/\p{L}/u.test(ch) || /\p{Script=Latin}/u.test(ch) || LOOKALIKES[ch] !== undefined),
      )
      .flatMap(lookalikeLetters);
    if (look.length > 0) out.push({ kind: 'lookalike', part, detail: [...new Set(look)].join(', ') });
  }
  return out;
}
