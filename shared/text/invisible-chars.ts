// Characters that look like nothing (or like a space) but break an exact match, and the cleaning that removes
// them: what a value meant once copy-paste debris is gone. Pure; the lint and the scope splitter share it.
/** Characters that look like nothing (or like a space) but break an exact match. */
const INVISIBLE: Readonly<Record<string, string>> = {
  '\u00a0': 'NO-BREAK SPACE (U+00A0)',
  '\u00ad': 'SOFT HYPHEN (U+00AD)',
  '\u180e': 'MONGOLIAN VOWEL SEPARATOR (U+180E)',
  '\u200b': 'ZERO WIDTH SPACE (U+200B)',
  '\u200c': 'ZERO WIDTH NON-JOINER (U+200C)',
  '\u200d': 'ZERO WIDTH JOINER (U+200D)',
  '\u200e': 'LEFT-TO-RIGHT MARK (U+200E)',
  '\u200f': 'RIGHT-TO-LEFT MARK (U+200F)',
  '\u2007': 'FIGURE SPACE (U+2007)',
  '\u202f': 'NARROW NO-BREAK SPACE (U+202F)',
  '\u2060': 'WORD JOINER (U+2060)',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING (U+202A)',
  '\u202c': 'POP DIRECTIONAL FORMATTING (U+202C)',
  '\ufeff': 'BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE (U+FEFF)',
};
// Built from \u escapes so no joiner character ever sits raw inside a character class.
const INVISIBLE_RE = new RegExp(
  `[${Object.keys(INVISIBLE)
    .map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
  'g',
);

/** Names of the invisible characters in s, each once, in order of appearance. */
export function invisibleChars(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(INVISIBLE_RE)) {
    const name = INVISIBLE[m[0]];
    if (name !== undefined && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The value with invisible characters removed and ordinary whitespace trimmed: what the user meant. */
export const clean = (s: string | undefined): string => (s ?? '').replace(INVISIBLE_RE, '').trim();
