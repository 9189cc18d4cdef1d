// Keeps what the CLI prints from steering the terminal. Claims, server answers and arguments are the attacker's
// text: an ESC or OSC sequence in a claim could retitle the window, rewrite earlier lines or plant a hyperlink, and
// bidi controls (U+202E…) make a line read differently from what it holds. Every such character leaves as a visible
// \uXXXX escape, which is also a valid escape inside a JSON string, so the same pass serves --json output.

/**
 * C0 controls except tab and newline, DEL, C1 controls (CSI U+009B and OSC U+009D among them), the bidi marks,
 * embeddings, overrides and isolates, and the Unicode line and paragraph separators. Built from code points so no
 * control character sits raw in the source.
 */
const UNSAFE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x2028, 0x2029],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const hex = (n: number): string => `\\u${n.toString(16).padStart(4, '0')}`;
const UNSAFE = new RegExp(
  `[${UNSAFE_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('')}]`,
  'g',
);

const escaped = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with every unsafe character escaped; newlines and tabs stay (the CLI's own layout uses them). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** A value from input shown on one line of human output: its own line breaks and tabs are escaped too. */
export function oneLine(value: string): string {
  return terminalSafe(value).replace(/[\n\t]/g, escaped);
}
