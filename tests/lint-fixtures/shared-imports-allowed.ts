// Fixture (near miss): shared/ may import zod, jose (and their subpaths) and files inside shared/.
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { z as z4 } from 'zod/v4';
import type { Result } from '../result';
import { redact } from '../text/redact';
export type { TokenSet } from './schema';
export const parts = [decodeJwt, z, z4, redact] as const;
export type R = Result<string>;
