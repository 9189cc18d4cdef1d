// ServiceNow preset: Application Registry (third-party OAuth provider) + OAuth Entity Profile + Email Account.
// From the ServiceNow community article on setting up an OAuth provider for Office 365 IMAP/SMTP (KB0816072 /
// KB2071947).
import { CONNECTION_TEST_CAVEAT } from './prove-owner';
import type { Preset } from './schema';

const REGISTRY = 'System OAuth > Application Registry > New > Connect to a third-party OAuth Provider';

export const SERVICENOW: Preset = {
  id: 'servicenow',
  label: 'ServiceNow',
  platform: 'web',
  tenancy: 'single',
  redirect: {
    template: 'https://{instance}/oauth_redirect.do',
    howToFill:
      'Replace {instance} with the instance host name, e.g. acme.service-now.com (no https://, no trailing slash). The path is oauth_redirect.do, lower case.',
    instanceLabel: 'Instance host',
    instanceExample: 'acme.service-now.com',
    templateVerified: true,
  },
  scopeFormat: 'full-uri',
  scopeSeparator: ' ',
  scopeEntry: 'one-per-row',
  editableEndpoints: true,
  protocols: [
    { id: 'imap', label: 'IMAP (receive)', scopes: ['https://{outlook}/IMAP.AccessAsUser.All', 'offline_access'] },
    { id: 'smtp', label: 'SMTP (send)', scopes: ['https://{outlook}/SMTP.Send', 'offline_access'] },
    {
      id: 'graph-read',
      label: 'Microsoft Graph (receive)',
      scopes: ['https://{graph}/Mail.ReadWrite', 'offline_access'],
      note: 'The seed names the "Microsoft Graph (Receiving)" plugin but not its scopes; confirm against the plugin documentation. Graph and IMAP/SMTP scopes need separate OAuth profiles.',
    },
  ],
  fields: [
    {
      key: 'name',
      label: 'Name',
      valueFrom: 'providerName',
      where: REGISTRY,
      hint: 'Any name, e.g. "Microsoft 365 mail"; the OAuth Entity Profile refers to it.',
    },
    { key: 'clientId', label: 'Client ID', valueFrom: 'clientId', where: REGISTRY },
    {
      key: 'clientSecret',
      label: 'Client Secret',
      valueFrom: 'clientSecret',
      where: REGISTRY,
      secret: true,
      hint: 'The secret Value from Certificates & secrets, not the Secret ID.',
    },
    {
      key: 'defaultGrantType',
      label: 'Default Grant type',
      valueFrom: 'fixed',
      fixedValue: 'Authorization Code',
      where: REGISTRY,
    },
    { key: 'authorizationUrl', label: 'Authorization URL', valueFrom: 'authorizeUrl', where: REGISTRY },
    { key: 'tokenUrl', label: 'Token URL', valueFrom: 'tokenUrl', where: REGISTRY },
    { key: 'redirectUrl', label: 'Redirect URL', valueFrom: 'redirectUri', where: REGISTRY },
    {
      key: 'entityScopes',
      label: 'OAuth Entity Scopes (Name / OAuth scope)',
      valueFrom: 'scopes',
      where: `${REGISTRY} > OAuth Entity Scopes related list`,
      multiRow: true,
      hint: 'One row per scope; the OAuth scope column holds the full URI, the Name column any short label.',
    },
    {
      key: 'profileScopes',
      label: 'OAuth Entity Profile Scopes',
      valueFrom: 'scopes',
      where: 'Application Registry record > OAuth Entity Profiles > (profile) > OAuth Entity Profile Scopes',
      multiRow: true,
      hint: 'Add every scope row again here; the profile only requests the scopes it lists.',
    },
    {
      key: 'emailUserName',
      label: 'User name',
      valueFrom: 'mailbox',
      where: 'System Mailboxes > Email Accounts > (account)',
      hint: 'The mailbox address, e.g. servicedesk@contoso.com.',
    },
    {
      key: 'imapServer',
      label: 'Server (IMAP account)',
      valueFrom: 'imapHost',
      where: 'Email Accounts > (IMAP account)',
    },
    {
      key: 'imapPort',
      label: 'Port (IMAP account)',
      valueFrom: 'imapPort',
      where: 'Email Accounts > (IMAP account)',
    },
    {
      key: 'smtpServer',
      label: 'Server (SMTP account)',
      valueFrom: 'smtpHost',
      where: 'Email Accounts > (SMTP account)',
    },
    {
      key: 'smtpPort',
      label: 'Port (SMTP account)',
      valueFrom: 'smtpPort',
      where: 'Email Accounts > (SMTP account)',
    },
  ],
  notes: [
    {
      id: 'plugin',
      severity: 'info',
      text: 'Install the plugin that adds OAuth support for IMAP, Microsoft Graph receiving and SMTP before creating the email account.',
    },
    {
      id: 'user-read',
      modes: ['delegated'],
      severity: 'info',
      text: 'Keep the default User.Read delegated permission on the app registration; removing it is a known cause of odd failures.',
    },
    {
      id: 'side-door',
      modes: ['delegated'],
      severity: 'warning',
      text: 'When you click "Authorize Email Account Access", sign in to ServiceNow through side_door.do (local login) in a private window, or use this app: an existing Microsoft session makes Entra silently authorize your own account instead of the mailbox.',
    },
    {
      id: 'profile-scopes',
      modes: ['delegated'],
      severity: 'warning',
      text: 'Scopes must be added twice: as OAuth Entity Scopes on the provider and again on the OAuth Entity Profile.',
    },
    {
      id: 'test-connection',
      modes: ['delegated'],
      severity: 'info',
      text: 'After tokens arrive, "Test Connection" on the email account fails with an authentication error if the token belongs to the wrong account: check whose token it is.',
    },
  ],
  proveOwner: {
    facility: 'product-script',
    text: `Ask ServiceNow itself: in this app’s Product session (product ServiceNow), give the email account and the OAuth Entity Profile, run the generated script under System Definition > Scripts - Background, and paste what it prints there or into Inspect. It reads the token ServiceNow stored and prints only its claims (never a token); the app judges its account against the mailbox. ${CONNECTION_TEST_CAVEAT}`,
  },
  sources: ['001'],
};
