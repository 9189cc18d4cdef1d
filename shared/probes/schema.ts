// The live mailbox probes' contract: what a probe request carries and what a probe result says, as zod
// schemas shared by the main process (electron/services/probes), the IPC contract and the CLI; the renderer
// imports only their types.
// Pure: no Node, no network. Tokens never appear in a result; server words are redacted before they get here.
import { z } from 'zod';
import { CloudIdSchema } from '../cloud/schema';
import { PROBE_PROTOCOLS } from './protocols';

// Re-exported for main and the CLI, which read the probe vocabulary from this module.
export { PROBE_PROTOCOLS };
export const ProbeProtocolSchema = z.enum(PROBE_PROTOCOLS);
export type ProbeProtocol = z.infer<typeof ProbeProtocolSchema>;

export const PROBE_OUTCOMES = [
  'ok',
  'auth-failed',
  'not-authorized-for-mailbox',
  'protocol-disabled',
  'network',
  'tls',
  'timeout',
  'cancelled',
] as const;
export const ProbeOutcomeSchema = z.enum(PROBE_OUTCOMES);
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>;

/** Stable error-style codes per outcome, for logs, the CLI's --json and support tickets. */
export const PROBE_OUTCOME_CODES: Readonly<Record<ProbeOutcome, string>> = {
  ok: 'PROBE_OK',
  'auth-failed': 'PROBE_AUTH_FAILED',
  'not-authorized-for-mailbox': 'PROBE_NOT_AUTHORIZED_FOR_MAILBOX',
  'protocol-disabled': 'PROBE_PROTOCOL_DISABLED',
  network: 'PROBE_NETWORK',
  tls: 'PROBE_TLS',
  timeout: 'PROBE_TIMEOUT',
  cancelled: 'PROBE_CANCELLED',
};

/** Largest PEM bundle accepted as an extra CA (on-premises hybrids, the test emulator). */
import { MAX_CA_PEM_CHARS } from '../cloud/host-port';

export { MAX_CA_PEM_CHARS };

const HostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'a host name or IP address');

/** Where to probe instead of the cloud's own host: on-premises hybrids, a test server on loopback. */
export const ProbeEndpointOverrideSchema = z
  .object({
    host: HostSchema.optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** Extra trusted CA certificates (PEM), added to the system roots, never replacing verification. */
    caPem: z.string().max(MAX_CA_PEM_CHARS).optional(),
    /** Local source address for the connection (multi-homed hosts; tests use distinct loopback sources). */
    localAddress: z
      .string()
      .max(45)
      .regex(/^[0-9A-Fa-f:.]+$/, 'an IP address')
      .optional(),
  })
  .strict();
export type ProbeEndpointOverride = z.infer<typeof ProbeEndpointOverrideSchema>;

export const ProbeOverridesSchema = z
  .object({
    imap: ProbeEndpointOverrideSchema.optional(),
    pop: ProbeEndpointOverrideSchema.optional(),
    smtp: ProbeEndpointOverrideSchema.optional(),
    graph: ProbeEndpointOverrideSchema.optional(),
  })
  .strict();
export type ProbeOverrides = z.infer<typeof ProbeOverridesSchema>;

export const DEFAULT_PHASE_TIMEOUT_MS = 15_000;

/** What to probe; the token travels separately (the main process resolves it, the renderer never holds it). */
export const ProbeTargetSchema = z
  .object({
    /** The mailbox: `user=` in XOAUTH2 (the shared mailbox in delegate mode) and the Graph user. */
    mailbox: z
      .string()
      .min(3)
      .max(320)
      .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address'),
    protocols: z
      .array(ProbeProtocolSchema)
      .min(1)
      .max(PROBE_PROTOCOLS.length)
      .refine((p) => new Set(p).size === p.length, 'each protocol at most once'),
    cloud: CloudIdSchema.default('global'),
    overrides: ProbeOverridesSchema.optional(),
    /** Bound for each phase (connect, TLS, auth, first command), not the whole probe. */
    phaseTimeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();
export type ProbeTarget = z.infer<typeof ProbeTargetSchema>;

export const ProbePhaseSchema = z.enum(['connect', 'tls', 'auth', 'firstCommand']);
export type ProbePhase = z.infer<typeof ProbePhaseSchema>;

/** Milliseconds spent in each phase that ran; a phase that never started is absent. */
export const ProbeTimingsSchema = z
  .object({
    connect: z.number().nonnegative().optional(),
    tls: z.number().nonnegative().optional(),
    auth: z.number().nonnegative().optional(),
    firstCommand: z.number().nonnegative().optional(),
    total: z.number().nonnegative(),
  })
  .strict();
export type ProbeTimings = z.infer<typeof ProbeTimingsSchema>;

export const ProbeResultSchema = z
  .object({
    protocol: ProbeProtocolSchema,
    outcome: ProbeOutcomeSchema,
    code: z.string(),
    /** host:port actually contacted (or the Graph URL without query). */
    endpoint: z.string().max(600),
    /** The phase that failed, when one did. */
    failedPhase: ProbePhaseSchema.optional(),
    /** The server's own words (redacted), most relevant last; bounded. */
    serverWords: z.array(z.string().max(1000)).max(20),
    timings: ProbeTimingsSchema,
    /** e.g. "12 messages in INBOX". */
    detail: z.string().max(500).optional(),
    /** One line: what happened and why. */
    explanation: z.string().max(1000),
    /** One line: what to do next. */
    nextStep: z.string().max(1000),
  })
  .strict();
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

/** What the probes learnt from the token itself (never the token). */
export const ProbeTokenFactsSchema = z
  .object({
    identity: z.string().max(320).optional(),
    expired: z.boolean(),
    expiresAt: z.string().optional(),
    appOnly: z.boolean(),
    audience: z.string().max(500).optional(),
    decodable: z.boolean(),
  })
  .strict();
export type ProbeTokenFacts = z.infer<typeof ProbeTokenFactsSchema>;

export const ProbeRunResultSchema = z
  .object({
    runId: z.string(),
    mailbox: z.string(),
    token: ProbeTokenFactsSchema,
    results: z.array(ProbeResultSchema),
  })
  .strict();
export type ProbeRunResult = z.infer<typeof ProbeRunResultSchema>;

/** Run ids are chosen by the caller so it can cancel a run that is still going. */
export const ProbeRunIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Largest pasted token accepted (a JWT is a few KiB; 1 MiB leaves room for whole token responses). */
export const MAX_PROBE_TOKEN_CHARS = 1024 * 1024;

/**
 * `probes.run` over IPC: the target plus where the token comes from. The renderer never holds tokens from the
 * authorize flow, so it names them by `tokenSetId` (the main-process token store); a pasted `token` (Inspect)
 * is the other way in. `runId`, chosen by the caller, lets `probes.cancel` stop the run.
 */
export const ProbesRunRequestSchema = z
  .object({
    ...ProbeTargetSchema.shape,
    runId: ProbeRunIdSchema.optional(),
    tokenSetId: z.string().min(1).max(128).optional(),
    token: z.string().min(1).max(MAX_PROBE_TOKEN_CHARS).optional(),
    /** Graph: the mailbox's Inbox (default) or /me. */
    graphTarget: z.enum(['mailbox', 'me']).optional(),
  })
  .strict()
  .refine((r) => (r.tokenSetId === undefined) !== (r.token === undefined), {
    message: 'give exactly one of tokenSetId or token',
    path: ['token'],
  });
export type ProbesRunRequest = z.input<typeof ProbesRunRequestSchema>;

export const ProbesCancelRequestSchema = z.object({ runId: ProbeRunIdSchema }).strict();
export const ProbesCancelResponseSchema = z.object({ cancelled: z.boolean() }).strict();

/** `probes.results`: the latest result per protocol of a run's Test mailbox, kept by main for that run. */
export const ProbesResultsRequestSchema = z.object({ tokenSetId: z.string().min(1).max(128) }).strict();
export const ProbesResultsResponseSchema = z
  .object({
    /** In PROBE_PROTOCOLS order; only protocols that were tested. */
    results: z.array(ProbeResultSchema),
    /** The mailbox the results are for. */
    mailbox: z.string().optional(),
  })
  .strict();
export type ProbesResults = z.infer<typeof ProbesResultsResponseSchema>;
