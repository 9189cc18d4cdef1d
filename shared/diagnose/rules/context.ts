// What every lint rule works on: the context computed once per lint run (cleaned values, parsed endpoints,
// classified scopes, the preset's labels), a rule's shape and its hits, and the field helpers the rules share
// (the product's label for a field, the raw value of a field).
import type { CloudId } from '../../cloud/clouds';
import { hostsFor } from '../../cloud/hosts';
import { classifyScope, scopeHostsFor, splitScopes, type ClassifiedScope, type ScopeHosts } from '../../cloud/scopes';
import { assertNever } from '../../assert-never';
import type { Severity } from '../../findings';
import { presetById, type Preset } from '../../presets';
import type { ValueSource } from '../../presets/schema';
import { clean } from '../../text/invisible-chars';
import { parseEndpoint, type ParsedEndpoint } from '../text-checks';
import type { DiagnoseInput, FieldKey } from '../types';

export type KnownCloud = Exclude<CloudId, 'custom'>;

/** Everything the rules need, computed once per lint run. */
export interface LintContext {
  readonly input: DiagnoseInput;
  readonly preset: Preset;
  readonly now: Date;
  /** Cleaned values (invisible characters removed, trimmed). */
  readonly tenant: string;
  readonly clientId: string;
  readonly secret: string;
  readonly redirect: string;
  readonly authorize: ParsedEndpoint | undefined;
  readonly token: ParsedEndpoint | undefined;
  readonly scopeTokens: readonly string[];
  readonly scopes: readonly ClassifiedScope[];
  readonly hosts: ScopeHosts | undefined;
  /** Product's label for a value, e.g. ServiceNow's "Client Secret" vs Jira's "Client secret". */
  readonly label: (v: ValueSource, fallback: string) => string;
}

export interface Hit {
  readonly message: string;
  readonly nextStep: string;
  readonly field?: FieldKey;
  readonly severity?: Severity;
  readonly detail?: string;
}

export interface LintRule {
  readonly code: string;
  readonly severity: Severity;
  readonly field: FieldKey;
  /** One line for docs and the rule table. */
  readonly summary: string;
  readonly check: (c: LintContext) => Hit | readonly Hit[] | undefined;
}

/** The preset value (and so the product's field) a form field holds; the other fields are this app's own. */
export const FIELD_VALUE: Readonly<Partial<Record<FieldKey, ValueSource>>> = {
  tenant: 'tenantId',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  authorizeUrl: 'authorizeUrl',
  tokenUrl: 'tokenUrl',
  redirectUri: 'redirectUri',
  scopes: 'scopes',
  mailbox: 'mailbox',
  signInAccount: 'signInAccount',
};
/**
 * What the app calls each field when it speaks about the registration: the Azure portal's names (Directory (tenant)
 * ID, Application (client) ID, the client secret's Value, Redirect URI), the same on every page. The product's own
 * labels appear only on its field sheet.
 */
export const FIELD_NAMES: Readonly<Record<FieldKey, string>> = {
  preset: 'Product',
  cloud: 'Cloud',
  protocols: 'Protocols',
  tenant: 'Directory (tenant) ID',
  clientId: 'Application (client) ID',
  clientSecret: 'Client secret (Value)',
  secretExpiry: 'Client secret expiry date',
  authorizeUrl: 'Authorization endpoint',
  tokenUrl: 'Token endpoint',
  redirectUri: 'Redirect URI',
  scopes: 'Scopes',
  signInAccount: 'Account that signs in',
  mailbox: 'Mailbox',
};
/** The name a lint message uses for a field: the portal's (FIELD_NAMES), whichever product is chosen. */
export const fieldLabel = (_c: LintContext, f: FieldKey): string => FIELD_NAMES[f];

/** The field's value exactly as typed. */
export const rawOf = (i: DiagnoseInput, f: FieldKey): string | undefined => {
  switch (f) {
    case 'tenant':
      return i.tenant;
    case 'clientId':
      return i.clientId;
    case 'clientSecret':
      return i.clientSecret;
    case 'authorizeUrl':
      return i.authorizeUrl;
    case 'tokenUrl':
      return i.tokenUrl;
    case 'redirectUri':
      return i.redirectUri;
    case 'scopes':
      return i.scopes;
    case 'signInAccount':
      return i.signInAccount;
    case 'mailbox':
      return i.mailbox;
    case 'secretExpiry':
      return i.secretExpiry;
    case 'preset':
    case 'cloud':
    case 'protocols':
      return undefined; // chosen from lists, not typed
    default:
      return assertNever(f, 'field');
  }
};

/** Fields Entra compares character for character. */
export const EXACT_FIELDS: readonly FieldKey[] = [
  'tenant',
  'clientId',
  'clientSecret',
  'authorizeUrl',
  'tokenUrl',
  'redirectUri',
  'signInAccount',
  'mailbox',
];
export const ENDPOINT_FIELDS = ['authorizeUrl', 'tokenUrl'] as const;
export const endpointOf = (c: LintContext, f: (typeof ENDPOINT_FIELDS)[number]) =>
  f === 'authorizeUrl' ? c.authorize : c.token;

export const cloudLabel = (id: KnownCloud) => hostsFor(id).label;

export function buildContext(input: DiagnoseInput, now: Date): LintContext {
  const preset = presetById(input.preset);
  // A custom authority that names no hosts gives no scopes to expect.
  const hosts: ScopeHosts | undefined =
    input.cloud === 'custom' && input.customAuthority === undefined
      ? undefined
      : scopeHostsFor(input.cloud, input.customAuthority);
  const scopeTokens = splitScopes(input.scopes);
  const ep = (raw: string | undefined) => {
    const v = clean(raw);
    return v === '' ? undefined : parseEndpoint(v);
  };
  return {
    input,
    preset,
    now,
    tenant: clean(input.tenant),
    clientId: clean(input.clientId),
    secret: clean(input.clientSecret),
    redirect: clean(input.redirectUri),
    authorize: ep(input.authorizeUrl),
    token: ep(input.tokenUrl),
    scopeTokens,
    scopes: scopeTokens.map((s) => classifyScope(s, hosts)),
    hosts,
    label: (v, fallback) => preset.fields.find((f) => f.valueFrom === v)?.label ?? fallback,
  };
}
