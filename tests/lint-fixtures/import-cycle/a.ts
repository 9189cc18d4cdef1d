// Fixture: half of an import cycle made only of type imports (the cycle test must still see it).
import type { B } from './b';

export interface A {
  readonly b?: B;
}
