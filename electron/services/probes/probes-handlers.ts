// The probes.* handlers: `probes.run` takes a pasted token or looks a token-set id up in the token store (each
// protocol gets its own resource's token), registers the run for cancellation and runs the probes;
// `probes.cancel` aborts a run.
import { randomUUID } from 'node:crypto';
import {
  PROBE_PROTOCOLS,
  type ProbeOverrides,
  type ProbeProtocol,
  type ProbeResult,
} from '../../../shared/probes/schema';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { TokenStore } from '../tokens/token-store';
import { ProbeRuns } from './probe-runs';
import { runProbes } from './run-probes';

export interface ProbesHandlerDeps {
  /** The authorize runs' tokens, by token-set id. */
  readonly tokens: { readonly store: Pick<TokenStore, 'accessTokenFor'> };
  readonly probes: {
    /** Endpoints used for a protocol the request does not override; a request's fields win field by field. */
    readonly defaults?: ProbeOverrides | undefined;
  };
}

/** The request's overrides over the defaults, per protocol and field, so a typed host keeps the default CA. */
export function mergeOverrides(
  defaults: ProbeOverrides | undefined,
  requested: ProbeOverrides | undefined,
): ProbeOverrides | undefined {
  if (defaults === undefined) return requested;
  const merged: ProbeOverrides = {};
  for (const p of PROBE_PROTOCOLS) {
    const d = defaults[p];
    const r = requested?.[p];
    if (d !== undefined || r !== undefined) merged[p] = { ...d, ...r };
  }
  return merged;
}

export function createProbesHandlers(
  deps: ProbesHandlerDeps,
  runs: ProbeRuns = new ProbeRuns(),
): NamespaceHandlers<'probes'> {
  return {
    'probes.run': async ({ runId, tokenSetId, token, graphTarget, ...requested }) => {
      const overrides = mergeOverrides(deps.probes.defaults, requested.overrides);
      const target = { ...requested, ...(overrides === undefined ? {} : { overrides }) };
      // A pasted token serves every protocol; a token set gives each protocol its own resource's token.
      const tokens = new Map<string, ProbeProtocol[]>();
      for (const protocol of target.protocols) {
        const t =
          token ?? (tokenSetId === undefined ? undefined : deps.tokens.store.accessTokenFor(tokenSetId, protocol));
        if (t === undefined) throw codedError('TOKEN_SET_NOT_FOUND');
        tokens.set(t, [...(tokens.get(t) ?? []), protocol]);
      }
      const id = runId ?? randomUUID();
      const signal = runs.start(id);
      try {
        const runsDone = await Promise.all(
          [...tokens].map(([accessToken, protocols]) =>
            runProbes(
              { ...target, protocols, accessToken, ...(graphTarget === undefined ? {} : { graphTarget }) },
              signal,
            ),
          ),
        );
        const byProtocol = new Map<ProbeProtocol, ProbeResult>(
          runsDone.flatMap((r) => r.results.map((x) => [x.protocol, x] as const)),
        );
        const results = target.protocols.map((p) => byProtocol.get(p)).filter((x): x is ProbeResult => x !== undefined);
        const first = runsDone[0];
        if (first === undefined)
          throw codedError('INVALID_REQUEST', { method: 'probes.run', detail: 'No protocol was chosen.' });
        return { runId: id, mailbox: target.mailbox, token: first.token, results };
      } finally {
        runs.finish(id);
      }
    },
    'probes.cancel': async ({ runId }) => ({ cancelled: runs.cancel(runId) }),
  };
}
