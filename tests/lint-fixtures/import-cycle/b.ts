// Fixture: the other half of the type-only import cycle with a.ts.
import type { A } from './a';

export interface B {
  readonly a?: A;
}
