// The IPC contract: every method the renderer may call, with zod schemas for request and response.
// The preload exposes exactly these names (see contract-methods.ts); ipc.ts and the test harness bind the
// same handler table. Feature schemas live beside their feature; the channels are all declared here.
import { z } from 'zod';
import { AppOnlyRunRequestSchema, AppOnlyRunResultSchema, ChosenCertificateSchema } from './app-only/schema';
import { AuditCancelRequestSchema, AuditResultSchema, AuditRunRequestSchema } from './audit/schema';
import { AuthorizeStartRequestSchema, FlowStateSchema } from './authorize/schema';
import { CaPemSchema, CloudIdSchema } from './cloud/schema';
import { MAX_INPUT_CHARS } from './limits';
import {
  ProbeRunResultSchema,
  ProbesCancelRequestSchema,
  ProbesCancelResponseSchema,
  ProbesResultsRequestSchema,
  ProbesResultsResponseSchema,
  ProbesRunRequestSchema,
} from './probes/schema';
import { OnlineRequestSchema, OnlineResponseSchema } from './diagnose/online';
import {
  FieldSheetSchema,
  HandoverCopyRequestSchema,
  HandoverCopyResponseSchema,
  HandoverExportRequestSchema,
  HandoverExportResponseSchema,
  HandoverReportRequestSchema,
  HandoverReportResponseSchema,
  HandoverSheetRequestSchema,
} from './handover/schema';
import { ProductSessionOpenRequestSchema, ProductSessionStateSchema } from './product-session/timeline';
import {
  ProfilesDeleteResponseSchema,
  ProfilesIdRequestSchema,
  ProfilesListResponseSchema,
  ProfilesLoadResponseSchema,
  ProfilesRenameRequestSchema,
  ProfilesSaveRequestSchema,
} from './profiles/profile';
import { OpenLogFolderResponseSchema, SettingsUpdateSchema, SettingsViewSchema } from './settings/schema';
import { WatchStatusRequestSchema, WatchStatusSchema } from './watch/schema';

const Empty = z.object({}).strict();

// --- app -------------------------------------------------------------------------------------------------
export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['win32', 'darwin', 'linux', 'other']),
  runtime: z.enum(['electron', 'harness', 'node']),
  versions: z.record(z.string(), z.string()),
  clouds: z.array(z.object({ id: CloudIdSchema, label: z.string() })),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

// --- tokens ----------------------------------------------------------------------------------------------
export const TokensVerifyRequestSchema = z
  .object({ token: z.string().min(1).max(MAX_INPUT_CHARS), expectedIssuer: z.string().max(2048).optional() })
  .strict();
export const TokensVerifyResponseSchema = z.object({
  status: z.enum([
    'valid',
    'invalid-signature',
    'untrusted-issuer',
    'not-verifiable-by-design',
    'not-verified-offline',
    'not-verifiable',
  ]),
  code: z.string(),
  reason: z.string(),
  issuer: z.string().optional(),
  keyId: z.string().optional(),
  jwksUri: z.string().optional(),
});

// --- the contract ----------------------------------------------------------------------------------------
export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  /** One line for docs and the contract test. */
  readonly summary: string;
}

export const contract = {
  'app.info': {
    request: Empty,
    response: AppInfoSchema,
    summary: 'Version, platform and the list of clouds.',
  },
  'authorize.start': {
    request: AuthorizeStartRequestSchema,
    response: z.object({ flowId: z.string() }),
    summary:
      'Start an authorize flow in a clean, isolated browser session (refused while one runs); the time limit is main’s setting.',
  },
  'authorize.status': {
    request: z
      .object({
        flowId: z.string().max(64).optional(),
        /** Long-poll: answer once the state is no longer this kind (or the sign-in host changed), at most waitMs. */
        waitWhile: z
          .enum(['idle', 'opening', 'signing-in', 'redeeming', 'verifying', 'done', 'failed', 'cancelled'])
          .optional(),
        host: z.string().max(255).optional(),
        waitMs: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
    response: FlowStateSchema,
    summary:
      'A recent run’s state by flow id, or without one the current run’s (idle after startOver): opening … done, failed or cancelled.',
  },
  'authorize.startOver': {
    request: z.object({ flowId: z.string().max(64).optional() }).strict(),
    response: z.object({ startedOver: z.boolean() }),
    summary: '“Start a new authorization”: the current run is no longer restored (it stays available by id).',
  },
  'authorize.chooseCa': {
    request: Empty,
    response: z.discriminatedUnion('chosen', [
      z.object({ chosen: z.literal(false) }),
      z.object({ chosen: z.literal(true), caPem: CaPemSchema, caLabel: z.string().max(512) }),
    ]),
    summary:
      'Choose a custom authority’s CA file in main’s own open dialog; main reads it (PEM certificates only, size-capped, no network share or device) and answers its content.',
  },
  'authorize.cancel': {
    request: z.object({ flowId: z.string().max(64).optional() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
    summary: 'Cancel the running flow and close its window.',
  },
  'diagnose.online': {
    request: OnlineRequestSchema,
    response: OnlineResponseSchema,
    summary:
      'Online configuration checks: tenant discovery, client id + secret, application roles, redirect URI registration.',
  },
  'probes.run': {
    request: ProbesRunRequestSchema,
    response: ProbeRunResultSchema,
    summary:
      'Probe IMAP, POP, SMTP and Graph with a stored or pasted token, concurrently; never writes to the mailbox.',
  },
  'probes.results': {
    request: ProbesResultsRequestSchema,
    response: ProbesResultsResponseSchema,
    summary: 'The latest Test mailbox result per protocol of an authorize run, as main kept them.',
  },
  'probes.cancel': {
    request: ProbesCancelRequestSchema,
    response: ProbesCancelResponseSchema,
    summary: 'Cancel a probe run by the run id given to probes.run.',
  },
  'tokens.verify': {
    request: TokensVerifyRequestSchema,
    response: TokensVerifyResponseSchema,
    summary: 'Verify a token signature against its issuer’s published keys (or say why it cannot be).',
  },
  'handover.sheet': {
    request: HandoverSheetRequestSchema,
    response: FieldSheetSchema,
    summary:
      'The field sheet of a run or profile: the product’s fields in its order and labels, verified values, findings; secrets as placeholders.',
  },
  'handover.copy': {
    request: HandoverCopyRequestSchema,
    response: HandoverCopyResponseSchema,
    summary:
      'Copy one field’s value to the clipboard from main (secrets and tokens auto-cleared); secrets, tokens and failing values only after main’s own confirmation dialog.',
  },
  'handover.export': {
    request: HandoverExportRequestSchema,
    response: HandoverExportResponseSchema,
    summary:
      'Export a run’s verified values as JSON or .env through a save dialog (0600, atomic; secret and refresh token only when asked).',
  },
  'handover.report': {
    request: HandoverReportRequestSchema,
    response: HandoverReportResponseSchema,
    summary:
      'Save a redacted Markdown diagnostic report of a run (config with secrets masked, verdict, findings, probes, AADSTS, versions).',
  },
  'profiles.list': {
    request: Empty,
    response: ProfilesListResponseSchema,
    summary: 'Saved profiles (without secrets), with a notice when the file had to be moved aside.',
  },
  'profiles.save': {
    request: ProfilesSaveRequestSchema,
    response: ProfilesLoadResponseSchema,
    summary: 'Save a named configuration; the client secret only when asked, sealed by the OS vault; never tokens.',
  },
  'profiles.load': {
    request: ProfilesIdRequestSchema,
    response: ProfilesLoadResponseSchema,
    summary: 'One saved profile (config and whether a secret is saved; never the secret).',
  },
  'profiles.rename': {
    request: ProfilesRenameRequestSchema,
    response: ProfilesLoadResponseSchema,
    summary: 'Rename a saved profile (its values and sealed secret unchanged).',
  },
  'profiles.delete': {
    request: ProfilesIdRequestSchema,
    response: ProfilesDeleteResponseSchema,
    summary: 'Delete a saved profile and, with it, its sealed client secret.',
  },
  'settings.get': {
    request: Empty,
    response: SettingsViewSchema,
    summary:
      'The settings (theme, sign-in time limit, clipboard delay, proxy), the log folder and what uses the proxy.',
  },
  'settings.set': {
    request: SettingsUpdateSchema,
    response: SettingsViewSchema,
    summary: 'Change some settings; main validates, saves them atomically in the data folder and acts on them.',
  },
  'settings.openLogFolder': {
    request: Empty,
    response: OpenLogFolderResponseSchema,
    summary: 'Open the folder the app writes its log to (the folder is main’s own, never one the renderer names).',
  },
  'productSession.open': {
    request: ProductSessionOpenRequestSchema,
    response: z.object({ sessionId: z.string() }),
    summary:
      'Open the product in a clean, isolated session that watches (and optionally rewrites) its Microsoft authorize requests.',
  },
  'productSession.status': {
    request: z.object({ sessionId: z.string().max(64).optional() }).strict(),
    response: ProductSessionStateSchema,
    summary: 'The product session and its timeline of observed OAuth steps with findings.',
  },
  'productSession.close': {
    request: z.object({ sessionId: z.string().max(64).optional() }).strict(),
    response: z.object({ closed: z.boolean(), wiped: z.boolean() }),
    summary: 'Close the product session and wipe its cookies, storage and cache.',
  },
  'audit.run': {
    request: AuditRunRequestSchema,
    response: AuditResultSchema,
    summary:
      'Audit an app registration, its enterprise application and the mailbox through Microsoft Graph, after an admin signs in in a separate clean window; no token is returned.',
  },
  'audit.cancel': {
    request: AuditCancelRequestSchema,
    response: z.object({ cancelled: z.boolean() }),
    summary: 'Cancel a running audit and close its admin sign-in window.',
  },
  'watch.status': {
    request: WatchStatusRequestSchema,
    response: WatchStatusSchema,
    summary: 'Each saved connection’s health: credential end dates from its last audit, refresh-token age, warnings.',
  },
  'appOnly.run': {
    request: AppOnlyRunRequestSchema,
    response: AppOnlyRunResultSchema,
    summary:
      "Test the app's own identity (client credentials) against a mailbox: the roles its tokens carry, Graph/IMAP/POP with them, and whether it can reach a canary mailbox; no token is returned.",
  },
  'appOnly.chooseCertificate': {
    request: Empty,
    response: ChosenCertificateSchema,
    summary:
      'Choose the app’s certificate with its private key (PEM) in main’s own open dialog; main keeps the key and answers an id, the subject, the SHA-1 thumbprint and the expiry.',
  },
  // --- new channels go above this line, grouped by feature ---
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;
