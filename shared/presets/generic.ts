// Generic preset: a home-grown script or any product not listed. Offers every protocol and accepts short Graph
// scope names; no redirect template, so only shape checks apply to the redirect URI.
import { CONNECTION_TEST_CAVEAT, PROVE_OWNER_ANY_PRODUCT } from './prove-owner';
import type { Preset } from './schema';

const HERE = 'your product or script configuration';

export const GENERIC: Preset = {
  id: 'generic',
  label: 'Generic (custom script / other product)',
  platform: 'web',
  tenancy: 'single-or-multi',
  redirect: {
    howToFill:
      'Use the exact callback URL your product or script listens on, and register the same string under Authentication > Web.',
    templateVerified: false,
  },
  scopeFormat: 'short-or-full',
  scopeSeparator: ' ',
  scopeEntry: 'single-field',
  editableEndpoints: true,
  protocols: [
    { id: 'imap', label: 'IMAP', scopes: ['https://{outlook}/IMAP.AccessAsUser.All', 'offline_access'] },
    { id: 'pop', label: 'POP', scopes: ['https://{outlook}/POP.AccessAsUser.All', 'offline_access'] },
    { id: 'smtp', label: 'SMTP', scopes: ['https://{outlook}/SMTP.Send', 'offline_access'] },
    {
      id: 'graph-read',
      label: 'Microsoft Graph (read)',
      scopes: ['https://{graph}/Mail.ReadWrite', 'offline_access'],
      optionalScopes: [{ scope: 'https://{graph}/Mail.ReadWrite.Shared', when: 'the mailbox is a shared mailbox' }],
    },
    {
      id: 'graph-send',
      label: 'Microsoft Graph (send)',
      scopes: ['https://{graph}/Mail.Send', 'offline_access'],
      optionalScopes: [{ scope: 'https://{graph}/Mail.Send.Shared', when: 'sending as a shared mailbox' }],
    },
    {
      id: 'ews',
      label: 'Exchange Web Services',
      scopes: ['https://{outlook}/EWS.AccessAsUser.All', 'offline_access'],
      note: 'Exchange Online blocks EWS from October 2026 and removes it in April 2027: use Microsoft Graph instead.',
    },
  ],
  fields: [
    { key: 'tenantId', label: 'Tenant', valueFrom: 'tenantId', where: HERE },
    { key: 'clientId', label: 'Client ID', valueFrom: 'clientId', where: HERE },
    { key: 'clientSecret', label: 'Client secret', valueFrom: 'clientSecret', where: HERE, secret: true },
    { key: 'authorizeUrl', label: 'Authorization URL', valueFrom: 'authorizeUrl', where: HERE },
    { key: 'tokenUrl', label: 'Token URL', valueFrom: 'tokenUrl', where: HERE },
    { key: 'redirectUri', label: 'Redirect URI', valueFrom: 'redirectUri', where: HERE },
    { key: 'scopes', label: 'Scopes', valueFrom: 'scopes', where: HERE },
    { key: 'mailbox', label: 'Mailbox', valueFrom: 'mailbox', where: HERE },
  ],
  notes: [
    {
      id: 'one-resource',
      severity: 'info',
      text: 'Request scopes of one resource per token: Graph or Exchange (IMAP/POP/SMTP/EWS), not both.',
    },
    {
      id: 'shared-mailbox',
      modes: ['delegated'],
      severity: 'info',
      text: 'For a shared mailbox, a delegate with Full Access signs in; IMAP/SMTP XOAUTH2 then names the shared mailbox as the user.',
    },
  ],
  proveOwner: {
    facility: 'none',
    text: `If your product or script can print the access token’s claims (never the token itself), paste them into Inspect with the expected account. ${PROVE_OWNER_ANY_PRODUCT} ${CONNECTION_TEST_CAVEAT}`,
  },
  sources: ['000', '001', '003', '004'],
};
