// Servicely preset: the "System OAuth Provider" record used by messaging accounts.
// From Servicely Administration's "Azure configuration" page (Messaging Accounts).
import { CONNECTION_TEST_CAVEAT, PROVE_OWNER_ANY_PRODUCT } from './prove-owner';
import type { Preset } from './schema';

const PROVIDER = 'Servicely > Messaging Accounts > System OAuth Provider (record)';

export const SERVICELY: Preset = {
  id: 'servicely',
  label: 'Servicely',
  platform: 'web',
  tenancy: 'single',
  redirect: {
    template: 'https://{instance}.servicely.ai/sso/oauth_callback',
    howToFill:
      'Replace {instance} with your Servicely instance name, or copy the Redirect URI field of the System OAuth Provider record (authoritative).',
    instanceLabel: 'Instance name',
    instanceExample: 'acme',
    // The seed's text lost its punctuation ("sso/oauth callback"); the underscore is reconstructed.
    templateVerified: false,
  },
  scopeFormat: 'short-or-full',
  scopeSeparator: ' ',
  scopeEntry: 'single-field',
  editableEndpoints: true,
  protocols: [
    { id: 'imap', label: 'IMAP', scopes: ['https://{outlook}/IMAP.AccessAsUser.All', 'offline_access'] },
    { id: 'smtp', label: 'SMTP', scopes: ['https://{outlook}/SMTP.Send', 'offline_access'] },
  ],
  fields: [
    { key: 'name', label: 'Name', valueFrom: 'providerName', where: PROVIDER },
    { key: 'clientId', label: 'Client ID', valueFrom: 'clientId', where: PROVIDER },
    { key: 'clientSecret', label: 'Client Secret', valueFrom: 'clientSecret', where: PROVIDER, secret: true },
    { key: 'authorizationUrl', label: 'Authorization URL', valueFrom: 'authorizeUrl', where: PROVIDER },
    { key: 'tokenUrl', label: 'Token URL', valueFrom: 'tokenUrl', where: PROVIDER },
    { key: 'scope', label: 'Scope', valueFrom: 'scopes', where: PROVIDER },
    { key: 'redirectUri', label: 'Redirect URI', valueFrom: 'redirectUri', where: `${PROVIDER} (read-only)` },
    {
      key: 'emailAddress',
      label: 'Email address',
      valueFrom: 'mailbox',
      where: 'Servicely > Messaging Accounts > (account)',
    },
  ],
  notes: [
    {
      id: 'web-platform',
      modes: ['delegated'],
      severity: 'info',
      text: 'Register the redirect URI under "Add a platform" > Web; the Overview page then shows "1 web".',
    },
    {
      id: 'secret-value',
      severity: 'warning',
      text: 'Record the generated secret Value when it is shown; it cannot be displayed again.',
    },
  ],
  proveOwner: {
    facility: 'none',
    text: `Servicely shows nowhere whose account its stored token belongs to (nothing found in its Azure configuration page). ${PROVE_OWNER_ANY_PRODUCT} ${CONNECTION_TEST_CAVEAT}`,
  },
  sources: ['002'],
};
