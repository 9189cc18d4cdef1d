// The probes.* handlers: `probes.run` takes a pasted token or looks a token-set id up in the token store (each
// protocol gets its own resource's token), registers the run for cancellation and runs the probes (through the
// proxy set in Settings, if any), and keeps a stored run's results by its id; `probes.results` gives them back and
// `probes.cancel` aborts a run. A stored token goes only where main's own state says (token-destinations.ts: the
// run's cloud, main's configured endpoints, hosts the person confirmed); any other host the request names is asked
// in main's confirmation dialog first, and refused without a yes.
import { randomUUID } from 'node:crypto';
import {
  PROBE_PROTOCOLS,
  type ProbeOverrides,
  type ProbeProtocol,
  type ProbeResult,
} from '../../../shared/probes/schema';
import { CLOUDS } from '../../../shared/cloud/clouds';
import type { RunConfig } from '../../../shared/authorize/schema';
import { TOKEN_RISK_SENTENCE, type ConfirmDialog } from '../app/confirm-dialog';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { TokenStore } from '../tokens/token-store';
import type { ProbeResultsStore } from './probe-results';
import { ProbeRuns } from './probe-runs';
import { runProbes } from './run-probes';
import { knownDestinations, plannedDestinations, type PlannedDestination } from './token-destinations';

export interface ProbesHandlerDeps {
  /** The authorize runs' tokens, by token-set id, and the probe hosts confirmed for each. */
  readonly tokens: {
    readonly store: Pick<TokenStore, 'accessTokenFor' | 'get' | 'confirmDestination' | 'confirmedDestinations'>;
  };
  /** Asks the person before a stored token goes to a host outside the run's cloud; absent, such probes are refused. */
  readonly confirm?: ConfirmDialog | undefined;
  readonly probes: {
    /** Endpoints used for a protocol the request does not override; a request's fields win field by field. */
    readonly defaults?: ProbeOverrides | undefined;
    /** Each authorize run's latest results, for `probes.results` and the field sheet. */
    readonly results?: ProbeResultsStore | undefined;
    /** The HTTP proxy (Settings > Network) read at each run; '' for none. */
    readonly proxyUrl?: (() => string) | undefined;
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
  /** Refuses (or asks about) every destination of a stored token that main's own state does not name. */
  const allowDestinations = async (
    tokenSetId: string,
    run: RunConfig | undefined,
    planned: readonly PlannedDestination[],
  ): Promise<void> => {
    const known = knownDestinations(run, deps.probes.defaults);
    const confirmed = deps.tokens.store.confirmedDestinations(tokenSetId);
    const unknown = planned.filter((d) => !known.has(d.key) && !confirmed.has(d.key));
    if (unknown.length === 0) return;
    const endpoints = [...new Set(unknown.map((d) => d.label))].join(', ');
    const cloud = run?.cloud === undefined || run.cloud === 'custom' ? 'the run’s authority' : CLOUDS[run.cloud].label;
    const mailbox = run?.mailbox ?? run?.signInAccount ?? 'this mailbox';
    const yes =
      deps.confirm !== undefined &&
      (await deps.confirm.confirm({
        message: `Send the access token for ${mailbox} to ${endpoints}?`,
        detail: `${endpoints} ${unknown.length > 1 ? 'are' : 'is'} not among ${cloud}’s mail and Graph hosts${unknown.some((d) => d.key.includes(' ca:')) ? ', or is reached trusting a certificate authority you added' : ''}. ${TOKEN_RISK_SENTENCE} Confirm only for your own on-premises or test server.`,
        confirmLabel: 'Send token',
      }));
    if (!yes) throw codedError('PROBE_HOST_NOT_CONFIRMED', { endpoints, cloud });
    for (const d of unknown) deps.tokens.store.confirmDestination(tokenSetId, d.key);
  };

  return {
    'probes.run': async ({ runId, tokenSetId, token, graphTarget, ...requested }) => {
      const overrides = mergeOverrides(deps.probes.defaults, requested.overrides);
      // A stored run is probed in its own cloud, whatever the request says; a pasted token in the one asked for.
      const run = tokenSetId === undefined ? undefined : deps.tokens.store.get(tokenSetId)?.result?.run;
      const target = {
        ...requested,
        ...(run === undefined ? {} : { cloud: run.cloud }),
        ...(overrides === undefined ? {} : { overrides }),
      };
      if (tokenSetId !== undefined) {
        if (deps.tokens.store.get(tokenSetId) === undefined) throw codedError('TOKEN_SET_NOT_FOUND');
        await allowDestinations(tokenSetId, run, plannedDestinations(target.protocols, target.cloud, overrides));
      }
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
      const proxyUrl = deps.probes.proxyUrl?.() ?? '';
      try {
        const runsDone = await Promise.all(
          [...tokens].map(([accessToken, protocols]) =>
            runProbes(
              {
                ...target,
                protocols,
                accessToken,
                ...(graphTarget === undefined ? {} : { graphTarget }),
                ...(proxyUrl === '' ? {} : { proxyUrl }),
              },
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
        if (tokenSetId !== undefined) deps.probes.results?.record(tokenSetId, target.mailbox, results);
        return { runId: id, mailbox: target.mailbox, token: first.token, results };
      } finally {
        runs.finish(id);
      }
    },
    'probes.results': async ({ tokenSetId }) => deps.probes.results?.get(tokenSetId) ?? { results: [] },
    'probes.cancel': async ({ runId }) => ({ cancelled: runs.cancel(runId) }),
  };
}
