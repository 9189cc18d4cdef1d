// Fixture: shared/ importing a package that is not on its whitelist (zod, jose) must fail lint.
import { clsx } from 'clsx';
export const x = clsx;
