// The probes' IPC handlers: `probes.run` resolves the token (a pasted one, or a token-store id through the
// injected resolver), registers the run for cancellation and runs the probes; `probes.cancel` aborts a run.
import { randomUUID } from 'node:crypto';
import { CodedError } from '../../../shared/result';
import type { HandlerTable } from '../dispatch';
import { ProbeRuns } from './probe-runs';
import { runProbes } from './run-probes';

export interface ProbeHandlerDeps {
  /** The authorize flow's token store: id → access token; absent or undefined means "not found". */
  readonly resolveToken?: (tokenSetId: string) => Promise<string | undefined>;
}

export function createProbeHandlers(deps: ProbeHandlerDeps, runs: ProbeRuns = new ProbeRuns()): Pick<HandlerTable, 'probes.run' | 'probes.cancel'> {
  return {
    'probes.run': async ({ runId, tokenSetId, token, graphTarget, ...target }) => {
      const accessToken = token ?? (tokenSetId === undefined || deps.resolveToken === undefined ? undefined : await deps.resolveToken(tokenSetId));
      if (accessToken === undefined) {
        throw new CodedError('TOKEN_SET_NOT_FOUND', 'The app holds no tokens under that id (never stored, cleared, or from an earlier session).', 'Authorize the mailbox again, or paste an access token to probe with.');
      }
      const id = runId ?? randomUUID();
      const signal = runs.start(id);
      try {
        const run = await runProbes({ ...target, accessToken, ...(graphTarget === undefined ? {} : { graphTarget }) }, signal);
        return { runId: id, mailbox: target.mailbox, token: run.token, results: run.results };
      } finally {
        runs.finish(id);
      }
    },
    'probes.cancel': async ({ runId }) => ({ cancelled: runs.cancel(runId) }),
  };
}
