// "Email This Issue" (Jira app) preset: the OAuth2 Client Credentials dialog used by its mail handlers and senders.
// From Email This Issue's "Enable OAuth2 Authorization in your Microsoft o365 Account": per-protocol permissions,
// endpoints per tenancy. The EWS retirement dates are Microsoft's ("Deprecation of Exchange Web Services in Exchange
// Online").
import { CONNECTION_TEST_CAVEAT, PROVE_OWNER_ANY_PRODUCT } from './prove-owner';
import type { Preset } from './schema';

const DIALOG = 'Email This Issue > OAuth2 Client Credentials > Add';

export const EMAIL_THIS_ISSUE: Preset = {
  id: 'email-this-issue',
  label: 'Email This Issue (Jira app)',
  platform: 'web',
  tenancy: 'single-or-multi',
  redirect: {
    howToFill:
      'Copy the Callback URL from the OAuth2 Client Credentials dialog; it is specific to this Jira instance and cannot be reused for another.',
    templateVerified: false,
  },
  scopeFormat: 'full-uri',
  scopeSeparator: ' ',
  scopeEntry: 'single-field',
  editableEndpoints: true,
  protocols: [
    { id: 'imap', label: 'IMAP (read)', scopes: ['https://{outlook}/IMAP.AccessAsUser.All', 'offline_access'] },
    { id: 'smtp', label: 'SMTP (send)', scopes: ['https://{outlook}/SMTP.Send', 'offline_access'] },
    { id: 'graph-read', label: 'Microsoft Graph (read)', scopes: ['https://{graph}/Mail.ReadWrite', 'offline_access'] },
    {
      id: 'graph-send',
      label: 'Microsoft Graph (send)',
      scopes: ['https://{graph}/Mail.Send', 'offline_access'],
      note: 'The vendor guide has the app send MIME mail through EWS under the hood, so it asks for the EWS permission too; EWS is being turned off in Exchange Online (blocked from October 2026, removed in April 2027), so ask the vendor for a version that sends through Graph alone.',
    },
    {
      id: 'ews',
      label: 'Exchange Web Services (send)',
      scopes: ['https://{outlook}/EWS.AccessAsUser.All', 'offline_access'],
      note: 'Exchange Online blocks EWS from October 2026 and removes it in April 2027: use the Microsoft Graph (send) option instead.',
    },
  ],
  fields: [
    { key: 'name', label: 'Name', valueFrom: 'providerName', where: DIALOG },
    { key: 'provider', label: 'Provider', valueFrom: 'fixed', fixedValue: 'Microsoft', where: DIALOG },
    { key: 'clientId', label: 'Client ID', valueFrom: 'clientId', where: DIALOG },
    { key: 'clientSecret', label: 'Client Secret', valueFrom: 'clientSecret', where: DIALOG, secret: true },
    {
      key: 'authorizationEndpoint',
      label: 'Authorization endpoint',
      valueFrom: 'authorizeUrl',
      where: DIALOG,
      hint: 'Single tenant: tenant-specific v2 URL from Overview > Endpoints. Multitenant: the common/organizations URL.',
    },
    { key: 'tokenEndpoint', label: 'Token endpoint', valueFrom: 'tokenUrl', where: DIALOG },
    { key: 'scopes', label: 'Scopes', valueFrom: 'scopes', where: DIALOG },
    { key: 'callbackUrl', label: 'Callback URL', valueFrom: 'redirectUri', where: `${DIALOG} (read-only)` },
  ],
  notes: [
    {
      id: 'exchange-license',
      severity: 'warning',
      text: 'The mailbox account needs an active Exchange Online licence, or authorization fails with unclear errors.',
    },
    {
      id: 'personal-accounts',
      severity: 'info',
      text: 'OAuth for IMAP/SMTP does not work with personal Microsoft accounts.',
    },
    {
      id: 'remove-user-read',
      severity: 'info',
      text: 'The vendor suggests removing the default User.Read permission and adding only the permissions for the protocols you use.',
    },
    {
      id: 'separate-registrations',
      severity: 'info',
      text: 'You may use one app registration per mailbox or per direction (incoming/outgoing); grant only what that mailbox needs.',
    },
    {
      id: 'ews-retirement',
      severity: 'warning',
      text: 'Exchange Web Services is being turned off in Exchange Online: blocked from October 2026 (unless an admin keeps it on with an allow list) and removed in April 2027. Move sending to the Microsoft Graph options (Mail.Send) before then.',
      protocols: ['ews', 'graph-send'],
    },
    {
      id: 'revoke',
      modes: ['delegated'],
      severity: 'info',
      text: 'A user can revoke the grant at myapps.microsoft.com; the current access token stays valid until it expires, only refresh fails.',
    },
  ],
  proveOwner: {
    facility: 'none',
    text: `Email This Issue shows nowhere whose account its stored token belongs to (nothing found in its OAuth2 documentation). ${PROVE_OWNER_ANY_PRODUCT} ${CONNECTION_TEST_CAVEAT}`,
  },
  sources: ['003'],
};
