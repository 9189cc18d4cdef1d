// What an audit reads through Microsoft Graph v1.0 and what it needs to be allowed to: each read with its request,
// the least privileged delegated permission Microsoft documents for it (and the higher ones that also work), and
// the clients an admin can sign in with. Plain data without zod, so the Audit page shows the same facts the
// service uses. Sources (microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/…):
//  - List applications: includes/permissions/application-list-permissions.md @ 6d445d85 — Application.Read.All
//    (higher: Application.ReadWrite.All, Directory.ReadWrite.All, Directory.Read.All).
//  - List servicePrincipals: includes/permissions/serviceprincipal-list-permissions.md @ c9bbab2c — Application.Read.All
//    (higher: Application.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All).
//  - List appRoleAssignments granted to a service principal: api/serviceprincipal-list-approleassignments.md
//    @ 00e146a9 — Application.Read.All, Directory.Read.All, Application.ReadWrite.All, Directory.ReadWrite.All.
//  - List oauth2PermissionGrants: includes/permissions/oauth2permissiongrant-list-permissions.md @ 76f025a0 —
//    Directory.Read.All (higher: DelegatedPermissionGrant.ReadWrite.All, Directory.ReadWrite.All). No narrower
//    read permission is listed for this API, so reading delegated consent needs Directory.Read.All.
//  - Get user: api/user-get.md @ 00609221 — accountEnabled is not a default property and "User.Read.All" is part of
//    the least privileged combination that reads it; assignedPlans and mail come with the same read.
// Directory.Read.All alone would cover every read; the audit asks for each read's own least privileged permission
// so that a refusal names the one permission that read needs.
// Microsoft's application ids: Microsoft Graph 00000003-0000-0000-c000-000000000000, Office 365 Exchange Online
// 00000002-0000-0ff1-ce00-000000000000 (SupportArticles-docs support/azure/active-directory/
// verify-first-party-apps-sign-in.md @ 05bc63dd).

export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_RESOURCE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

/** The resources a mail product's permissions are on, by their application ids, with the portal's names. */
export const MAIL_RESOURCES: Readonly<Record<'graph' | 'outlook', { readonly appId: string; readonly label: string }>> =
  {
    graph: { appId: GRAPH_RESOURCE_APP_ID, label: 'Microsoft Graph' },
    outlook: { appId: EXCHANGE_RESOURCE_APP_ID, label: 'Office 365 Exchange Online' },
  };

/** The delegated permissions the admin's sign-in asks for: each read's least privileged one. */
export const AUDIT_SCOPES = ['Application.Read.All', 'Directory.Read.All', 'User.Read.All'] as const;
export type AuditScope = (typeof AUDIT_SCOPES)[number];

export const AUDIT_CHECK_IDS = [
  'application',
  'service-principal',
  'resources',
  'consent',
  'app-roles',
  'mailbox',
  'sign-in-account',
] as const;
export type AuditCheckId = (typeof AUDIT_CHECK_IDS)[number];

export interface GraphRead {
  readonly id: AuditCheckId;
  /** What the read tells, in the portal's words. */
  readonly label: string;
  /** The request, with placeholders. */
  readonly request: string;
  /** Microsoft's least privileged delegated permission for it. */
  readonly permission: AuditScope;
  /** Higher permissions Microsoft lists that also allow it. */
  readonly alsoAllowedBy: readonly string[];
}

export const GRAPH_READS: readonly GraphRead[] = [
  {
    id: 'application',
    label: 'App registration (secrets, certificates, redirect URIs, API permissions, audience)',
    request: "GET /v1.0/applications?$filter=appId eq '{client id}'",
    permission: 'Application.Read.All',
    alsoAllowedBy: ['Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    id: 'service-principal',
    label: 'Enterprise application (exists, enabled, assignment required)',
    request: "GET /v1.0/servicePrincipals?$filter=appId eq '{client id}'",
    permission: 'Application.Read.All',
    alsoAllowedBy: ['Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    id: 'resources',
    label: 'Names of the Microsoft Graph and Exchange Online permissions',
    request: "GET /v1.0/servicePrincipals?$filter=appId eq '{resource app id}'",
    permission: 'Application.Read.All',
    alsoAllowedBy: ['Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    id: 'consent',
    label: 'Admin consent for delegated permissions',
    request: "GET /v1.0/oauth2PermissionGrants?$filter=clientId eq '{service principal id}'",
    permission: 'Directory.Read.All',
    alsoAllowedBy: ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  {
    id: 'app-roles',
    label: 'Admin consent for application permissions',
    request: 'GET /v1.0/servicePrincipals/{service principal id}/appRoleAssignments',
    permission: 'Application.Read.All',
    alsoAllowedBy: ['Directory.Read.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  {
    id: 'mailbox',
    label: 'Mailbox account (exists, sign-in allowed, Exchange licence)',
    request: 'GET /v1.0/users/{mailbox}?$select=id,userPrincipalName,mail,accountEnabled,userType,assignedPlans',
    permission: 'User.Read.All',
    alsoAllowedBy: ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    id: 'sign-in-account',
    label: 'Delegate account (exists, sign-in allowed)',
    request:
      'GET /v1.0/users/{sign-in account}?$select=id,userPrincipalName,mail,accountEnabled,userType,assignedPlans',
    permission: 'User.Read.All',
    alsoAllowedBy: ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
];

export const graphReadOf = (id: AuditCheckId): GraphRead => {
  const read = GRAPH_READS.find((r) => r.id === id);
  if (read === undefined) throw new Error(`no Graph read ${id}`);
  return read;
};

/**
 * The clients the admin can sign in with. Microsoft Graph Command Line Tools is the public client Microsoft's
 * Graph PowerShell SDK signs in with (Connect-MgGraph): nothing to register, and in many tenants an admin has
 * already consented to it. Its id is Connect-MgGraph's default ClientId (microsoftgraph/msgraph-sdk-powershell
 * src/Authentication/Authentication/Models/AuthContext.cs @ ee5fc747: PowerShellClientId). Its use can be blocked (Conditional Access, or an admin who removed it), so the
 * admin's own public-client registration is the other choice.
 */
export const GRAPH_CLI_CLIENT = {
  clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
  label: 'Microsoft Graph Command Line Tools',
  redirectUri: 'http://localhost',
} as const;

/** What an own registration for auditing needs, in the portal's words (shown on the Audit page). */
export const OWN_CLIENT_SETUP =
  'App registrations > New registration; Authentication > Add a platform > Mobile and desktop applications with redirect URI http://localhost; API permissions > Microsoft Graph > Delegated: Application.Read.All, Directory.Read.All, User.Read.All; Grant admin consent.';

/** The roles that may grant tenant-wide admin consent to Microsoft Graph permissions, for next steps. */
export const CONSENT_GRANTERS = 'a Global Administrator or Privileged Role Administrator';
