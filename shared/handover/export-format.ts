// The export file formats: JSON (the field sheet in the product's vocabulary plus plain keys for scripts) and
// .env (documented MAH_* variable names). Pure text builders; main adds the secret and refresh token only
// when the user ticked them, and writes the file (0600, atomic).
import { v2EndpointsFor } from '../cloud/hosts';
import { mailHostsFor, productScopes } from './field-sheet';
import type { RunConfig } from '../authorize/schema';
import type { FieldSheet } from './schema';

export const EXPORT_FORMAT_ID = 'mailbox-auth-helper/handover';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportInput {
  readonly run: RunConfig;
  readonly sheet: FieldSheet;
  readonly exportedAt: Date;
  /** Only when the user ticked "include client secret". */
  readonly clientSecret?: string;
  /** Only when the user ticked "include refresh token". */
  readonly refreshToken?: string;
}

/** .env variable names, in file order. The README's "Export formats" section lists the same. */
export const ENV_NAMES = [
  'MAH_PRODUCT',
  'MAH_VERIFIED',
  'MAH_VERDICT',
  'MAH_CLOUD',
  'MAH_TENANT',
  'MAH_CLIENT_ID',
  'MAH_CLIENT_SECRET',
  'MAH_AUTHORIZE_URL',
  'MAH_TOKEN_URL',
  'MAH_REDIRECT_URI',
  'MAH_SCOPES',
  'MAH_MAILBOX',
  'MAH_SIGN_IN_ACCOUNT',
  'MAH_IMAP_HOST',
  'MAH_IMAP_PORT',
  'MAH_POP_HOST',
  'MAH_POP_PORT',
  'MAH_SMTP_HOST',
  'MAH_SMTP_PORT',
  'MAH_GRAPH_HOST',
  'MAH_REFRESH_TOKEN',
] as const;
export type EnvName = (typeof ENV_NAMES)[number];

export function exportValues(input: ExportInput): Partial<Record<EnvName, string>> {
  const { run, sheet } = input;
  const ep = v2EndpointsFor(run);
  const hosts = mailHostsFor(run);
  const v: Partial<Record<EnvName, string>> = {
    MAH_PRODUCT: sheet.presetId,
    MAH_VERIFIED: sheet.status === 'verified' ? 'true' : 'false',
    MAH_VERDICT: sheet.verdictCode ?? 'NOT_VERIFIED',
    MAH_CLOUD: run.cloud,
    MAH_TENANT: run.tenant.trim(),
    MAH_CLIENT_ID: run.clientId.trim(),
    MAH_REDIRECT_URI: run.redirectUri.trim(),
    MAH_SCOPES: productScopes(run).join(' '),
    MAH_IMAP_HOST: hosts.imap.host,
    MAH_IMAP_PORT: String(hosts.imap.port),
    MAH_POP_HOST: hosts.pop.host,
    MAH_POP_PORT: String(hosts.pop.port),
    MAH_SMTP_HOST: hosts.smtp.host,
    MAH_SMTP_PORT: String(hosts.smtp.port),
    MAH_GRAPH_HOST: hosts.graph,
  };
  if (ep) {
    v.MAH_TOKEN_URL = ep.tokenUrl;
    if (!run.appOnly) v.MAH_AUTHORIZE_URL = ep.authorizeUrl;
  }
  // App-only: nobody signs in, so no authorization URL, redirect URI or sign-in account goes to the product.
  if (run.appOnly) delete v.MAH_REDIRECT_URI;
  const mailbox = run.mailbox ?? run.signInAccount;
  if (mailbox !== undefined) v.MAH_MAILBOX = mailbox;
  if (run.signInAccount !== undefined && !run.appOnly) v.MAH_SIGN_IN_ACCOUNT = run.signInAccount;
  if (input.clientSecret !== undefined) v.MAH_CLIENT_SECRET = input.clientSecret;
  if (input.refreshToken !== undefined) v.MAH_REFRESH_TOKEN = input.refreshToken;
  return v;
}

/**
 * Double-quoted dotenv value: backslash, double quote, `$` and backtick escaped, so neither a shell sourcing the file
 * nor dotenv-expand or Docker Compose expands `$VAR` or runs a command inside a secret; line breaks refused (no value
 * has one).
 */
export function envQuote(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error('A value with a line break cannot be written to a .env file.');
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

export function toEnv(input: ExportInput): string {
  const v = exportValues(input);
  const lines = [
    `# Exported by Mailbox Auth Helper at ${input.exportedAt.toISOString()} for ${input.sheet.productLabel}.`,
    `# ${input.sheet.statusSentence}`,
    ...(v.MAH_CLIENT_SECRET !== undefined || v.MAH_REFRESH_TOKEN !== undefined
      ? ['# Contains credentials: keep this file private (owner-only) and delete it when done.']
      : []),
  ];
  for (const name of ENV_NAMES) {
    const value = v[name];
    if (value !== undefined) lines.push(`${name}=${envQuote(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function toJson(input: ExportInput): string {
  const { run, sheet } = input;
  const ep = v2EndpointsFor(run);
  const hosts = mailHostsFor(run);
  const doc = {
    format: EXPORT_FORMAT_ID,
    version: EXPORT_FORMAT_VERSION,
    exportedAt: input.exportedAt.toISOString(),
    product: { id: sheet.presetId, label: sheet.productLabel },
    verified: sheet.status === 'verified',
    status: sheet.status,
    verdict: sheet.verdictCode ?? null,
    cloud: run.cloud,
    tenant: run.tenant.trim(),
    clientId: run.clientId.trim(),
    ...(input.clientSecret !== undefined ? { clientSecret: input.clientSecret } : {}),
    ...(run.appOnly ? { mode: 'app-only', credential: run.appOnly.credential } : {}),
    authorizeUrl: run.appOnly ? null : (ep?.authorizeUrl ?? null),
    tokenUrl: ep?.tokenUrl ?? null,
    redirectUri: run.appOnly ? null : run.redirectUri.trim(),
    scopes: productScopes(run),
    mailbox: run.mailbox ?? run.signInAccount ?? null,
    signInAccount: run.appOnly ? null : (run.signInAccount ?? null),
    hosts: { imap: hosts.imap, pop: hosts.pop, smtp: hosts.smtp, graph: hosts.graph },
    // The product's own form, in its order and labels; secrets appear here only when exported at all.
    fields: sheet.fields.map((f) => ({
      key: f.key,
      label: f.label,
      where: f.where,
      status: f.status,
      ...(f.kind === 'secret'
        ? input.clientSecret !== undefined
          ? { value: input.clientSecret }
          : { value: null, omitted: 'client secret not exported' }
        : f.rows.length > 1
          ? { values: f.rows.map((r) => r.display) }
          : { value: f.rows[0]?.display ?? null }),
    })),
    ...(input.refreshToken !== undefined ? { refreshToken: input.refreshToken } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
