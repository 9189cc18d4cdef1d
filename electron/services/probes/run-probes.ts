// Runs the requested probes concurrently against the right hosts for the cloud and interprets each answer.
// The access token stays in the main process: results carry only token facts and redacted server words.
import {
  DEFAULT_PHASE_TIMEOUT_MS,
  type ProbeProtocol,
  type ProbeResult,
  type ProbeTarget,
  type ProbeTokenFacts,
} from '../../../shared/probes/schema';
import { classifyObservation, type ProbeObservation } from './classify-answer';
import { resolveEndpoint } from './endpoint';
import { probeGraph, type GraphTarget } from './graph-probe';
import { probeImap } from './imap-probe';
import { probePop } from './pop-probe';
import type { ProbeContext } from './probe-context';
import { probeSmtp } from './smtp-probe';
import { normaliseAccessToken, tokenFacts } from './token-facts';
import { xoauth2InitialResponse } from './xoauth2';

export interface ProbeRequest extends Omit<ProbeTarget, 'cloud'> {
  readonly cloud?: ProbeTarget['cloud'];
  readonly accessToken: string;
  /** Graph: the mailbox's inbox (default) or /me. */
  readonly graphTarget?: GraphTarget;
  /** http://host:port of the HTTP proxy (Settings > Network) the connections tunnel through; absent or '' for none. */
  readonly proxyUrl?: string;
}

export interface ProbeRun {
  readonly token: ProbeTokenFacts;
  readonly results: ProbeResult[];
}

export type ProbeFunction = (ctx: ProbeContext) => Promise<ProbeObservation>;

/** Each result is reported as soon as its probe ends, so a UI can fill rows live. */
export type ProbeProgress = (result: ProbeResult) => void;

export async function runProbes(
  request: ProbeRequest,
  signal?: AbortSignal,
  onResult?: ProbeProgress,
): Promise<ProbeRun> {
  const accessToken = normaliseAccessToken(request.accessToken);
  // Validates mailbox and token once (control characters would smuggle SASL fields) before any socket opens.
  const sasl = xoauth2InitialResponse(request.mailbox, accessToken);
  const facts = tokenFacts(accessToken);
  const cloud = request.cloud ?? 'global';
  // Resolve every endpoint first: a missing custom host is a usage error for the whole run.
  const planned = request.protocols.map((protocol) => ({
    protocol,
    endpoint: resolveEndpoint(protocol, cloud, request.overrides?.[protocol]),
  }));
  const probes: Readonly<Record<ProbeProtocol, ProbeFunction>> = {
    imap: probeImap,
    pop: probePop,
    smtp: probeSmtp,
    graph: (ctx) => probeGraph(ctx, request.graphTarget ?? 'mailbox'),
  };
  const results = await Promise.all(
    planned.map(async ({ protocol, endpoint }) => {
      const ctx: ProbeContext = {
        endpoint,
        mailbox: request.mailbox,
        accessToken,
        phaseTimeoutMs: request.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS,
        ...(signal === undefined ? {} : { signal }),
        ...(request.proxyUrl === undefined || request.proxyUrl === '' ? {} : { proxyUrl: request.proxyUrl }),
      };
      const result = classifyObservation(await probes[protocol](ctx), facts, request.mailbox, [accessToken, sasl]);
      onResult?.(result);
      return result;
    }),
  );
  return { token: facts, results };
}
