// Every contract method fuzzed through the real dispatcher and handler table: valid-shaped payloads derived
// from the method's zod schema and garbage of any shape. Whatever comes in, the answer is a Result (ok with a
// value the response schema accepts, or a coded error with a message and a next step); nothing throws and
// nothing rejects unhandled. Services run with deps that never reach the network (in-memory discovery, a
// browser that is always closed, fetches that fail at once). Runs per method: FC_RUNS (default 1000).
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  trustedOriginPredicate,
  type CallContext,
  type Dispatch,
} from '../../../../../electron/services/ipc/dispatch';
import { createHandlers } from '../../../../../electron/services/ipc/handlers';
import { createServices } from '../../../../../electron/services/ipc/services';
import { contract, type MethodName } from '../../../../../shared/contract';
import { MAX_INPUT_CHARS } from '../../../../../shared/limits';
import { METHOD_NAMES } from '../../../../../shared/contract-methods';
import { inspectInput } from '../../../../../shared/tokens';
import { arbitraryFor } from '../../../../support/zod-arbitrary';

const RUNS = Number(process.env.FC_RUNS ?? 1000);
const CTX: CallContext = { senderUrl: 'app://renderer/index.html', isMainFrame: true };
const CODE = /^(?:[A-Z][A-Z0-9_]{1,63}|AADSTS\d{4,8})$/;

const offlineNetwork = (): INetworkModule => ({
  sendGetRequestAsync: async <T>(url: string): Promise<NetworkResponse<T>> => {
    const m = /^https:\/\/([^/]+)\/([^/]+)\//.exec(url);
    const base = `https://${m?.[1] ?? 'login.test'}/${m?.[2] ?? 'common'}`;
    const body = {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `${base}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    };
    return { headers: {}, body: body as T, status: 200 };
  },
  sendPostRequestAsync: async () => {
    throw new Error('ECONNREFUSED (fuzz: no network)');
  },
});
const noFetch = async (): Promise<never> => {
  throw new Error('ECONNREFUSED (fuzz: no network)');
};

let dispatch: Dispatch;
let internalLog: string[];
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => {
  unhandled.push(e);
};

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  internalLog = [];
  const handlers = createHandlers(
    createServices({
      runtime: { name: 'fuzz', version: '0.0.0', platform: 'linux', runtime: 'node', versions: {} },
      authorize: {
        browsers: async () => ({ authorize: async () => ({ kind: 'cancelled' }), dispose: async () => undefined }),
        network: offlineNetwork,
      },
      tokens: { verifier: { fetch: noFetch } },
      diagnose: { fetch: noFetch },
      appOnly: { network: offlineNetwork() },
    }),
  );
  dispatch = createDispatcher(handlers, {
    isTrustedSender: trustedOriginPredicate(['app://renderer']),
    log: (l) => internalLog.push(l),
  });
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** What every answer must look like, whatever the payload. */
function assertResult(method: MethodName, r: unknown): { ok: boolean; code?: string } {
  expect(r).toBeTypeOf('object');
  const res = r as { ok: boolean; value?: unknown; error?: { code: string; message: string; nextStep: string } };
  if (res.ok) {
    expect(contract[method].response.safeParse(res.value).success).toBe(true);
    return { ok: true };
  }
  expect(res.ok).toBe(false);
  expect(res.error?.code).toMatch(CODE);
  expect(res.error?.message.length).toBeGreaterThan(3);
  expect(res.error?.nextStep.length).toBeGreaterThan(3);
  return { ok: false, code: res.error?.code ?? '' };
}

/**
 * probes.run with a pasted token would open sockets to the cloud's mail hosts (or any host the payload names):
 * here it is fuzzed with the token removed, so valid shapes end at the token lookup (TOKEN_SET_NOT_FOUND).
 */
const NETWORK_FIELDS: Partial<Record<MethodName, readonly string[]>> = { 'probes.run': ['token'] };

/**
 * authorize.status long-polls: a payload whose waitWhile matches the idle flow waits its full waitMs (up to 10 s,
 * 5 s when absent), and a thousand of those outlast the test's time limit. Shaped payloads wait at most this long; every shape is
 * still answered, and the long-poll itself is tested with the authorize flow.
 */
const MAX_FUZZ_WAIT_MS = 50;

/** Valid payloads for the methods whose schemas random shapes rarely satisfy; one field at a time is then fuzzed. */
const SEEDS: Partial<Record<MethodName, Record<string, unknown>>> = {
  'authorize.start': {
    cloud: 'custom',
    customAuthority: {
      authorityHost: 'login.fuzz.test',
      graphHost: 'graph.fuzz.test',
      outlookResourceHost: 'outlook.fuzz.test',
    },
    tenant: 'contoso.test',
    clientId: '4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d',
    clientSecret: 'Abc8Q~fuzz-secret-value-0000000000000000',
    redirectUri: 'https://acme.service-now.example/oauth_redirect.do',
    signInAccount: 'servicedesk@contoso.test',
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'],
    prompt: 'login',
  },
  'probes.run': {
    tokenSetId: 'set-1',
    mailbox: 'servicedesk@contoso.test',
    protocols: ['imap', 'smtp'],
    cloud: 'global',
  },
};

function seededArbitrary(method: MethodName): fc.Arbitrary<unknown> | undefined {
  const seed = SEEDS[method];
  const def = (
    contract[method].request as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType> } } }
  )._zod.def;
  const shape = def.shape;
  if (!seed || !shape) return undefined;
  const keys = Object.keys(shape);
  return fc
    .constantFrom(...keys)
    .chain((k) =>
      arbitraryFor(shape[k] as z.ZodType).map((v) => (v === undefined ? { ...seed } : { ...seed, [k]: v })),
    );
}

const counts: string[] = [];

describe('fuzz: every contract method answers with a Result', () => {
  it.each([...METHOD_NAMES])(
    '%s',
    async (method) => {
      const seeded = seededArbitrary(method);
      const derived = seeded
        ? fc.oneof(arbitraryFor(contract[method].request), seeded)
        : arbitraryFor(contract[method].request);
      const shaped = derived.map((p) => {
        const drop = NETWORK_FIELDS[method];
        const kept =
          !drop || typeof p !== 'object' || p === null
            ? p
            : Object.fromEntries(Object.entries(p).filter(([k]) => !drop.includes(k)));
        // A long-poll without waitMs waits the handler's default (5 s): cap that too.
        const poll = method === 'authorize.status' ? (kept as { waitWhile?: unknown; waitMs?: unknown } | null) : null;
        const wait = poll?.waitWhile === undefined ? undefined : (poll.waitMs ?? Infinity);
        return typeof wait === 'number' && wait > MAX_FUZZ_WAIT_MS
          ? { ...(kept as object), waitMs: MAX_FUZZ_WAIT_MS }
          : kept;
      });
      const garbage = fc.oneof(
        fc.anything({
          maxDepth: 4,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
        }),
        fc.string(),
        fc.constantFrom(
          null,
          undefined,
          [],
          '__proto__',
          { __proto__: { polluted: true } },
          { constructor: { prototype: { polluted: true } } },
        ),
      );
      // "handled": the payload passed the request schema and the handler answered (ok, or its own coded error).
      const tally = { shapedHandled: 0, shapedInvalid: 0, garbageHandled: 0, garbageInvalid: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { arbitrary: shaped.map((p) => ['shaped', p] as const), weight: 3 },
            { arbitrary: garbage.map((p) => ['garbage', p] as const), weight: 1 },
          ),
          async ([kind, payload]) => {
            const r = await dispatch(method, payload, CTX);
            const a = assertResult(method, r);
            tally[`${kind}${a.code === 'INVALID_REQUEST' ? 'Invalid' : 'Handled'}`] += 1;
            // Prototype pollution through a payload would show up on every object.
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          },
        ),
        { numRuns: RUNS },
      );
      // Leave no flow running into the next method.
      await dispatch('authorize.cancel', {}, CTX);
      const total = tally.shapedHandled + tally.shapedInvalid + tally.garbageHandled + tally.garbageInvalid;
      const line = `fuzz ${method}: ${total} cases (schema-shaped: ${tally.shapedHandled} reached the handler, ${tally.shapedInvalid} INVALID_REQUEST; garbage: ${tally.garbageHandled} reached the handler, ${tally.garbageInvalid} INVALID_REQUEST)`;
      counts.push(line);
      console.log(line);
      expect(total).toBe(RUNS);
    },
    300_000,
  );

  it('no unhandled rejection, and no internal error leaked a secret-looking value into the log', () => {
    expect(unhandled).toEqual([]);
    for (const line of internalLog) expect(line).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
    console.log(`fuzz total: ${counts.length} methods × ${RUNS} runs`);
  });
});

describe('hostile pasted input', () => {
  it('a 10 MiB paste is refused by the schema with INVALID_REQUEST, quickly', async () => {
    const big = 'eyJ'.padEnd(10 * 1024 * 1024, 'A');
    for (const method of ['tokens.verify'] as const) {
      const t0 = performance.now();
      const r = await dispatch(method, { token: big }, CTX);
      const ms = performance.now() - t0;
      expect(r.ok === false && r.error.code, method).toBe('INVALID_REQUEST');
      expect(ms, `${method} took ${ms.toFixed(0)} ms`).toBeLessThan(2000); // generous bound
    }
    expect(big.length).toBeGreaterThan(MAX_INPUT_CHARS);
  });

  it('deep JSON (as a payload and as pasted text) gets a Result, not a stack overflow', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assertResult('tokens.verify', await dispatch('tokens.verify', { token: 'x', expectedIssuer: deep }, CTX));
    assertResult('authorize.start', await dispatch('authorize.start', deep, CTX));
    const text = `${'['.repeat(200_000)}${']'.repeat(200_000)}`.slice(0, MAX_INPUT_CHARS);
    assertResult('tokens.verify', await dispatch('tokens.verify', { token: text }, CTX));
    const obj = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`.slice(0, MAX_INPUT_CHARS);
    assertResult('tokens.verify', await dispatch('tokens.verify', { token: obj }, CTX));
    // The paste inspector runs in the renderer now (no IPC method): the same texts give an inspection, not a throw.
    for (const paste of [text, obj]) expect(inspectInput(paste).input.length).toBe(paste.length);
  });

  it('control characters, bidi overrides and zero-width characters in every text field get a Result', async () => {
    const nasty = ['\u0000\u0001\u001b[31m', '\u202E\u2066\u2069', '\u200B\uFEFF', '\uD800', 'a\r\nb'];
    for (const s of nasty) {
      const inspected = inspectInput(`eyJ${s}`); // the renderer's paste inspector: an answer, never a throw
      expect(inspected.findings.length + inspected.tokens.length).toBeGreaterThan(0);
      assertResult('tokens.verify', await dispatch('tokens.verify', { token: s, expectedIssuer: s }, CTX));
    }
  });
});
