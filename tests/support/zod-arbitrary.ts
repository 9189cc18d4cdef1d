// fast-check arbitraries derived from the contract's zod schemas (zod 4 internals: schema._zod.def), for
// "valid-shaped" fuzzing: right keys, types, enum values and length/number bounds, with string contents
// drawn from hostile and realistic pools. Refinements (regexes, cross-field rules) are not solved, so a share
// of the payloads is still refused by the schema: that is intended, both paths must answer with a Result.
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly catchall?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly left?: z.ZodType;
  readonly right?: z.ZodType;
  readonly checks?: readonly {
    _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; inclusive?: boolean } };
  }[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strings a hostile or careless paste contains: controls, bidi overrides, homoglyphs, JWT-ish and URL-ish text. */
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  '\u202Eexample.com',
  'servicedesk@contoso.com\u202E',
  'sеrvicedesk@contoso.com', // Cyrillic е
  'servicedesk@соntoso.com', // Cyrillic о
  'admin@xn--ntoso-3ve.com',
  '\u200B\u200D\uFEFF',
  '../../../../etc/passwd',
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  'https://evil.test@login.microsoftonline.com/',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.',
  '%00%2e%2e%2f',
  '\r\nX-Injected: 1',
  '🙂'.repeat(20),
];

function stringArb(def: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = 80;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && d.minimum !== undefined) min = d.minimum;
    if (d.check === 'max_length' && d.maximum !== undefined) max = Math.min(d.maximum, 200);
  }
  max = Math.max(max, min);
  const fit = (s: string): string => (s.length < min ? s.padEnd(min, 'a') : s.slice(0, max));
  return fc
    .oneof(
      fc.string({ minLength: min, maxLength: max }),
      fc.string({ unit: 'binary', minLength: min, maxLength: max }),
      fc.emailAddress(),
      fc.webUrl(),
      fc.uuid(),
      fc.constantFrom(...HOSTILE),
    )
    .map(fit);
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let int = false;
  for (const c of def.checks ?? []) {
    const d = c._zod.def as { check: string; value?: number; inclusive?: boolean; format?: string };
    if (d.check === 'greater_than' && d.value !== undefined) min = d.value + (d.inclusive ? 0 : 1);
    if (d.check === 'less_than' && d.value !== undefined) max = d.value - (d.inclusive ? 0 : 1);
    if (d.check === 'number_format' && d.format !== undefined && /int/.test(d.format)) int = true;
  }
  const inRange = int
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true });
  return fc.oneof(
    { weight: 4, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5) },
  );
}

/** An arbitrary producing values shaped like `schema` (bounded depth for recursive/unknown parts). */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const nested = (s: z.ZodType): fc.Arbitrary<unknown> => arbitraryFor(s, depth + 1);
  if (depth > 6) return fc.constant(undefined);
  switch (def.type) {
    case 'string':
      return stringArb(def);
    case 'number':
      return numberArb(def);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(nested(def.innerType as z.ZodType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(nested(def.innerType as z.ZodType), { nil: null, freq: 5 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return nested(def.innerType as z.ZodType);
    case 'pipe':
      return nested(def.in as z.ZodType);
    case 'array':
      return fc.array(nested(def.element as z.ZodType), { maxLength: 6 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map(nested));
    case 'intersection':
      return fc
        .tuple(nested(def.left as z.ZodType), nested(def.right as z.ZodType))
        .map(([a, b]) => (typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 12 }), nested(def.valueType as z.ZodType), { maxKeys: 4 });
    case 'object': {
      const shape = def.shape ?? {};
      const entries = Object.entries(shape).map(([k, v]) => [k, nested(v)] as const);
      return fc
        .record(Object.fromEntries(entries))
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
