// Motadata ServiceOps preset: Admin > Support Channel > Emails > Incoming/Outgoing Email Server > OAuth Configuration.
// From Motadata ServiceOps' "Azure OAuth Configuration Troubleshooting": fields, scope strings, permissions table.
import { CONNECTION_TEST_CAVEAT, PROVE_OWNER_ANY_PRODUCT } from './prove-owner';
import type { Preset } from './schema';

const OAUTH = 'Admin > Support Channel > Emails > Incoming Email Server (or Outgoing) > OAuth Configuration';

export const MOTADATA_SERVICEOPS: Preset = {
  id: 'motadata-serviceops',
  label: 'Motadata ServiceOps',
  platform: 'web',
  tenancy: 'single',
  redirect: {
    template: 'https://{instance}/oauth/callback',
    howToFill:
      'Cloud-hosted: {instance} is your ServiceOps host (e.g. demo.serviceops.com). Self-hosted: copy the Redirect URL shown in the OAuth Configuration form; it is built from the Base URL in Admin > Organization > System Preference > Application Settings.',
    instanceLabel: 'ServiceOps host',
    instanceExample: 'demo.serviceops.com',
    templateVerified: true,
  },
  scopeFormat: 'full-uri',
  scopeSeparator: ' ',
  scopeEntry: 'single-field',
  editableEndpoints: true,
  protocols: [
    {
      id: 'graph-read',
      label: 'Microsoft Graph (recommended)',
      scopes: [
        'https://{graph}/Mail.ReadWrite',
        'https://{graph}/Files.Read.All',
        'https://{graph}/User.Read',
        'offline_access',
      ],
      applicationPermissions: [{ resource: 'graph', role: 'Mail.ReadWrite' }],
      note: 'ServiceOps documents Mail.ReadWrite as an Application permission (background fetching) with admin consent; Files.Read.All, User.Read and offline_access as Delegated.',
    },
    {
      id: 'imap',
      label: 'IMAP (legacy protocol)',
      scopes: ['https://{outlook}/IMAP.AccessAsUser.All', 'offline_access'],
    },
    { id: 'smtp', label: 'SMTP (legacy protocol)', scopes: ['https://{outlook}/SMTP.Send', 'offline_access'] },
  ],
  fields: [
    { key: 'clientId', label: 'Client ID', valueFrom: 'clientId', where: OAUTH },
    { key: 'clientSecret', label: 'Client Secret', valueFrom: 'clientSecret', where: OAUTH, secret: true },
    {
      key: 'tenantId',
      label: 'Tenant ID',
      valueFrom: 'tenantId',
      where: OAUTH,
      hint: 'Directory (tenant) ID from the app registration Overview.',
    },
    {
      key: 'authorizationEndpointUrl',
      label: 'Authorization Endpoint URL',
      valueFrom: 'authorizeUrl',
      where: OAUTH,
      hint: 'The v2 authorization endpoint from Overview > Endpoints.',
    },
    {
      key: 'tokenEndpointUrl',
      label: 'Token Endpoint URL',
      valueFrom: 'tokenUrl',
      where: OAUTH,
      hint: 'The v2 token endpoint from Overview > Endpoints.',
    },
    {
      key: 'scope',
      label: 'Scope',
      valueFrom: 'scopes',
      where: OAUTH,
      hint: 'One line, full URIs separated by single spaces.',
    },
    {
      key: 'redirectUrl',
      label: 'Redirect URL',
      valueFrom: 'redirectUri',
      where: OAUTH,
      hint: 'Shown by ServiceOps; register exactly this under Authentication > Web.',
    },
    {
      key: 'emailAddress',
      label: 'Email',
      valueFrom: 'mailbox',
      where: 'Admin > Support Channel > Emails > Incoming Email Server',
    },
  ],
  notes: [
    {
      id: 'application-type',
      severity: 'warning',
      text: 'Mail.ReadWrite must be added as an Application permission, not Delegated; Delegated needs a signed-in user and breaks background fetching.',
      protocols: ['graph-read'],
    },
    {
      id: 'admin-consent',
      severity: 'warning',
      text: 'Every permission must show "Granted for <organization>" in API permissions; grant admin consent after adding any.',
    },
    {
      id: 'global-admin',
      modes: ['delegated'],
      severity: 'info',
      text: 'Where user consent is disabled, re-authentication from ServiceOps must be run by a Global Administrator.',
    },
    {
      id: 'single-tenant',
      severity: 'info',
      text: 'ServiceOps expects a single-tenant app registration ("Accounts in this organizational directory only").',
    },
    {
      id: 'secret-renewal',
      severity: 'info',
      text: 'Azure sends no secret-expiry alerts: note the expiry and renew 30 days ahead, then update ServiceOps before closing the portal.',
    },
  ],
  proveOwner: {
    facility: 'none',
    text: `ServiceOps shows nowhere whose account its stored token belongs to (nothing found in Motadata’s email server documentation). ${PROVE_OWNER_ANY_PRODUCT} ${CONNECTION_TEST_CAVEAT}`,
  },
  sources: ['000'],
};
