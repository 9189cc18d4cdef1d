// Exhaustiveness for switches over a union: `default: return assertNever(x)` makes a new member a type error
// at every switch that does not handle it, and a loud error if an unvalidated value slips through at run time.
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
