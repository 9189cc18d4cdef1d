// Fixture: imports into the cycle without being part of it (a near miss the cycle test must not report).
import type { A } from './a';

export const first = (a: A): A['b'] => a.b;
