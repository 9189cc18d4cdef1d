// Jira Data Center / Jira Service Management preset: an outgoing application link to Microsoft used by mail handlers.
// From Atlassian's KB "Detailed steps to configure OAuth 2.0 integration with Microsoft Azure" (Data Center),
// incl. GCC High scopes and the Secret ID pitfall.
import { CONNECTION_TEST_CAVEAT, PROVE_OWNER_ANY_PRODUCT } from './prove-owner';
import type { Preset } from './schema';

const LINK =
  'Jira administration > Applications > Application links > Create link > External application, Outgoing (older Jira: System > OAuth 2.0)';

export const JIRA_DATA_CENTER: Preset = {
  id: 'jira-data-center',
  label: 'Jira Data Center / Service Management',
  platform: 'web',
  tenancy: 'single-or-multi',
  redirect: {
    howToFill:
      'Copy the Redirect URL shown at the bottom of the Jira OAuth 2.0 integration you are creating; it is specific to that integration and that Jira base URL.',
    templateVerified: false,
  },
  scopeFormat: 'full-uri',
  scopeSeparator: ' ',
  scopeEntry: 'single-field',
  editableEndpoints: true,
  protocols: [
    { id: 'imap', label: 'IMAP', scopes: ['https://{outlook}/IMAP.AccessAsUser.All', 'offline_access'] },
    { id: 'pop', label: 'POP', scopes: ['https://{outlook}/POP.AccessAsUser.All', 'offline_access'] },
    {
      id: 'graph-read',
      label: 'Microsoft Graph (Jira 9.9+ / JSM 5.8+)',
      scopes: ['https://{graph}/Mail.ReadWrite', 'https://{graph}/offline_access'],
      optionalScopes: [{ scope: 'https://{graph}/Mail.ReadWrite.Shared', when: 'the mailbox is a shared mailbox' }],
    },
  ],
  fields: [
    {
      key: 'provider',
      label: 'Service provider',
      valueFrom: 'fixed',
      fixedValue: 'Microsoft (Global / GCC); Custom (GCC High / DoD)',
      where: LINK,
    },
    { key: 'name', label: 'Name', valueFrom: 'providerName', where: LINK },
    {
      key: 'clientId',
      label: 'Client ID',
      valueFrom: 'clientId',
      where: LINK,
      hint: 'Application (client) ID from the app registration Overview.',
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      valueFrom: 'clientSecret',
      where: LINK,
      secret: true,
      hint: 'The secret Value, never the Secret ID.',
    },
    { key: 'scopes', label: 'Scopes', valueFrom: 'scopes', where: LINK },
    {
      key: 'authorizationEndpoint',
      label: 'Authorization endpoint',
      valueFrom: 'authorizeUrl',
      where: LINK,
      hint: 'Compare with "OAuth 2.0 authorization endpoint (v2)" in Overview > Endpoints.',
    },
    {
      key: 'tokenEndpoint',
      label: 'Token endpoint',
      valueFrom: 'tokenUrl',
      where: LINK,
      hint: 'Compare with "OAuth 2.0 token endpoint (v2)".',
    },
    {
      key: 'redirectUrl',
      label: 'Redirect URL',
      valueFrom: 'redirectUri',
      where: `${LINK} (read-only, bottom of the form)`,
    },
    {
      key: 'mailHandlerEmail',
      label: 'Email address',
      valueFrom: 'mailbox',
      where: 'System > Incoming mail (or JSM project > Email requests)',
    },
  ],
  notes: [
    {
      id: 'secret-id',
      severity: 'warning',
      text: 'Jira needs the secret Value. Pasting the Secret ID (a GUID) gives AADSTS7000215 in atlassian-jira.log.',
    },
    {
      id: 'gcc-high',
      severity: 'warning',
      text: 'GCC High and DoD tenants use the Custom provider and .us scopes; GCC High scopes on a commercial or plain GCC tenant fail, and the reverse.',
    },
    {
      id: 'endpoints',
      severity: 'info',
      text: 'Jira defaults to the common endpoints; for a single-tenant app registration replace them with the tenant-specific v2 endpoints from Overview > Endpoints.',
    },
    {
      id: 'shared-mailbox',
      modes: ['delegated'],
      severity: 'warning',
      text: 'With Graph, a shared mailbox needs Full Access granted to the signing-in account and must be fully in Exchange Online; hybrid or on-premises mailboxes are not supported.',
      protocols: ['graph-read'],
    },
    {
      id: 'versions',
      severity: 'info',
      text: 'Keep Jira Core, Software and JSM on the same version; mismatches break the email channel.',
    },
    {
      id: 'network',
      severity: 'info',
      text: 'Jira must reach Microsoft endpoints through the firewall with a trusted TLS chain ("unable to find valid certification path" means a certificate problem).',
    },
  ],
  proveOwner: {
    facility: 'none',
    text: `Jira shows nowhere whose account the token it stored belongs to (nothing found in Atlassian’s documentation for the mail server’s OAuth 2.0 link). ${PROVE_OWNER_ANY_PRODUCT} ${CONNECTION_TEST_CAVEAT}`,
  },
  sources: ['004'],
};
