// The product's own words for the next step of an explanation: where in ServiceNow, ServiceOps, Jira, Email This
// Issue, Servicely or a script the field to change lives (from the preset's fields), and how that product starts an
// authorization again or tests the connection. Used for every code the catalog explains in detail and for the mail
// server and Graph answers, so each card ends with a step the admin can do in the product they have open.
import type { FieldKey } from '../diagnose/types';
import { presetById, type PresetField, type PresetId, type ValueSource } from '../presets';
import type { AadstsCategory } from './categories';

interface ProductActions {
  /** How this product starts the authorization again (a phrase that follows "then"). */
  readonly reauthorize: string;
  /** How this product tests the mail connection again (follows "then"). */
  readonly retest: string;
}

const ACTIONS: Readonly<Record<PresetId, ProductActions>> = {
  servicenow: {
    reauthorize:
      'click "Authorize Email Account Access" on the email account (System Mailboxes > Email Accounts), in a private window signed in through side_door.do, or authorize from this app',
    retest: 'click "Test Connection" on the email account',
  },
  'motadata-serviceops': {
    reauthorize:
      're-authenticate from the OAuth Configuration of the incoming or outgoing email server (Admin > Support Channel > Emails), as a Global Administrator where user consent is off',
    retest: 'click Test Connection on the email server',
  },
  'jira-data-center': {
    reauthorize:
      'authorize the Microsoft OAuth 2.0 integration again (Administration > Applications > Application links; older Jira: System > OAuth 2.0) and re-check the incoming mail server that uses it',
    retest: 'test the incoming mail server again (failures are logged in atlassian-jira.log)',
  },
  'email-this-issue': {
    reauthorize: 'authorize the entry again in Email This Issue > OAuth2 Client Credentials',
    retest: 'run the mail handler or sender that uses the entry again',
  },
  servicely: {
    reauthorize: 'authenticate the System OAuth Provider record again (Servicely > Messaging Accounts)',
    retest: 'test the messaging account again',
  },
  generic: {
    reauthorize:
      "run your product's or script's authorization step again (or authorize from this app and hand the tokens over)",
    retest: 'connect again',
  },
};

/** The preset values that carry a configuration field, in the order to try; the first that the product has wins. */
const FIELD_SOURCES: Readonly<Record<FieldKey, readonly (readonly ValueSource[])[]>> = {
  preset: [],
  cloud: [['authorizeUrl', 'tokenUrl']],
  protocols: [['scopes']],
  tenant: [['tenantId'], ['authorizeUrl', 'tokenUrl']],
  clientId: [['clientId']],
  clientSecret: [['clientSecret']],
  secretExpiry: [['clientSecret']],
  authorizeUrl: [['authorizeUrl']],
  tokenUrl: [['tokenUrl']],
  redirectUri: [['redirectUri']],
  scopes: [['scopes']],
  signInAccount: [],
  mailbox: [['mailbox']],
};

function productFields(preset: PresetId, field: FieldKey): PresetField[] {
  const fields = presetById(preset).fields;
  for (const sources of FIELD_SOURCES[field]) {
    const found = fields.filter((f) => sources.includes(f.valueFrom));
    if (found.length > 0) return found;
  }
  return [];
}

/** This app's own names of the configuration fields (the Diagnose page's), for a card without a product. */
const FIELD_NAMES: Readonly<Record<FieldKey, string>> = {
  preset: 'Product',
  cloud: 'Cloud',
  protocols: 'Protocols',
  tenant: 'Tenant ID',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  secretExpiry: 'Secret expiry date',
  authorizeUrl: 'Authorization URL',
  tokenUrl: 'Token URL',
  redirectUri: 'Redirect URI',
  scopes: 'Scopes',
  signInAccount: 'Account that signs in',
  mailbox: 'Mailbox',
};

/** The name an admin knows a field by: the product's own label(s) when a product is chosen, else this app's. */
export function fieldName(field: FieldKey, preset?: PresetId): string {
  const own = preset === undefined ? [] : productFields(preset, field);
  return own.length > 0 ? [...new Set(own.map((f) => f.label))].join(' and ') : FIELD_NAMES[field];
}

const named = (fields: readonly PresetField[]): string => fields.map((f) => `"${f.label}" (${f.where})`).join(' and ');

/**
 * Categories whose fix happens in Entra ID or Exchange Online rather than in the product: a field named for them is
 * where the product holds the value involved (to compare), not something to retype.
 */
const OUTSIDE_PRODUCT: ReadonlySet<AadstsCategory> = new Set<AadstsCategory>([
  'consent',
  'conditional-access',
  'device',
  'mfa',
  'sign-in',
  'federation',
  'saml',
  'password-change',
  'pass-through',
  'seamless-sso',
  'claims',
  'cross-tenant',
  'personal-account',
  'app-config',
]);

/**
 * One sentence saying what to do in the product: change a field (named as the product labels it, and where it
 * lives), sign in as the right account, authorize again, or test again. `category` 'mail' is a mail server's or
 * Graph's answer: its field, when given, is a product setting to correct; without one the product only tests again.
 */
export function productStep(preset: PresetId, field: FieldKey | undefined, category: AadstsCategory | 'mail'): string {
  const p = presetById(preset);
  const a = ACTIONS[preset];
  if (field === 'signInAccount')
    return `In ${p.label}, ${a.reauthorize}, and sign in as the mailbox account (for a shared mailbox: the delegate with Full Access) when Microsoft asks.`;
  const fields = field === undefined ? [] : productFields(preset, field);
  if (field === 'redirectUri' && fields.length > 0)
    return `In ${p.label}, the redirect URI to register is the value of ${named(fields)}; after changing the registration, ${a.reauthorize}.`;
  if (fields.length > 0 && category !== 'mail' && OUTSIDE_PRODUCT.has(category))
    return `In ${p.label}, the setting involved is ${named(fields)}: compare it with the app registration; once the fix is done, ${a.reauthorize}.`;
  if (fields.length > 0) {
    const then = category === 'mail' ? a.retest : a.reauthorize;
    return `In ${p.label}, correct ${named(fields)}, save, then ${then}.`;
  }
  if (category === 'service') return `Nothing changes in ${p.label}; wait a few minutes, then ${a.retest}.`;
  if (category === 'mail') return `Then, in ${p.label}, ${a.retest}.`;
  if (OUTSIDE_PRODUCT.has(category)) return `Nothing changes in ${p.label}; once that is done, ${a.reauthorize}.`;
  return `In ${p.label}, authorizing again means: ${a.reauthorize}.`;
}
