// Fixture: every way TypeScript reaches a module counts against the shared/ whitelist, type-only ones too.
// lint-rooms.test.ts expects rooms/allowed-imports on each line marked "fires".
/// <reference types="node" /> // fires
import type { Page } from 'playwright-core'; // fires
import { type ZodType } from 'zod-extra'; // fires: a look-alike of zod is not zod
export { decodeJwt } from 'jose-fork'; // fires
export * from '../../tests/support/repo-root'; // fires: relative, but outside shared/
export type Node = import('react').ReactNode; // fires
export const load = (): Promise<unknown> => import('imapflow'); // fires
export const name = `${'computed'}`;
export const loadComputed = (): Promise<unknown> => import(name); // fires: cannot be checked
import legacy = require('fs-extra'); // fires
export const required = require('yaml'); // fires
export type Pair = [Page, ZodType, typeof legacy];
