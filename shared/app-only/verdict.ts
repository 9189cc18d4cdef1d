// The app-only run's judgement, pure: the roles each client-credentials token carries (in the portal's words), the
// scope proof from one read-only Graph request for a canary mailbox (reached → red: the app can read every mailbox;
// Exchange's policy refusal → green: scoped; anything else → amber: not proven), and the explanation of an IMAP/POP
// app-only login that failed (the Exchange service principal and its FullAccess). Every fix is in Exchange Online
// PowerShell words from the Microsoft document it cites (SOURCES). Checked against the documents' sources (2026-12):
// New-ManagementRoleAssignment's App parameter set (-App <ServicePrincipalIdParameter> -Role -CustomResourceScope; the
// App value is the ObjectId from Get-ServicePrincipal, the role an application role such as "Application Mail.Read"),
// Test-ServicePrincipalAuthorization -Identity -Resource (InScope), New-ApplicationAccessPolicy -AppId
// -PolicyScopeGroupId -AccessRight RestrictAccess and Test-ApplicationAccessPolicy -Identity -AppId
// (MicrosoftDocs/office-docs-powershell, microsoft-graph-docs-contrib). New-ServicePrincipal: "-ServiceId … is being
// deprecated. Use the ObjectId parameter instead.", so the fix names -ObjectId.
// The RBAC page's title and address (SOURCES.rbacApps) are as Microsoft's own pages name and link it (checked 2026-12):
// the "Test-ServicePrincipalAuthorization" cmdlet reference ("…test the access granted by role-based access control
// (RBAC) for Applications. For more information, see Role Based Access Control for Applications in Exchange Online.")
// and Microsoft Graph's "Create place" page, which links that title to learn.microsoft.com/…/permissions-exo/
// application-rbac. The page's own text is not in any stored docs source: the fix's commands and parameters are checked
// against the cmdlet pages above, not against it.
import { finding, type Finding } from '../findings';

/** The Microsoft documents the verdict's words come from. */
export const SOURCES = {
  imapOauth: {
    title: 'Authenticate an IMAP, POP or SMTP connection using OAuth',
    url: 'https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth',
  },
  rbacApps: {
    title: 'Role Based Access Control for Applications in Exchange Online',
    url: 'https://learn.microsoft.com/exchange/permissions-exo/application-rbac',
  },
  accessPolicy: {
    title: 'Limiting application permissions to specific Exchange Online mailboxes',
    url: 'https://learn.microsoft.com/graph/auth-limit-mailbox-access',
  },
} as const;

/** The Graph resource's application permissions that read mail in any mailbox. */
export const GRAPH_MAIL_ROLES = ['Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic.All', 'Mail.ReadBasic'] as const;

export type AppOnlyResource = 'graph' | 'exchange';

/**
 * The protocols an app-only run tests. SMTP is one: "Authenticate an IMAP, POP or SMTP connection using OAuth" (section
 * "Use client credentials grant flow to authenticate SMTP, IMAP, and POP connections") lists SMTP.SendAsApp with the
 * same Exchange service principal and mailbox permission as IMAP.AccessAsApp and POP.AccessAsApp.
 */
export type AppOnlyMailProtocol = 'graph' | 'imap' | 'pop' | 'smtp';

/** The application permissions a resource's token carried ('roles' claim). */
export interface TokenRoles {
  readonly resource: AppOnlyResource;
  readonly roles: readonly string[];
}

const RESOURCE_NAME: Readonly<Record<AppOnlyResource, string>> = {
  graph: 'Microsoft Graph',
  exchange: 'Office 365 Exchange Online',
};

/** What each resource needs for the protocols of the run, as the API permissions page lists it. */
export function neededRoles(protocols: readonly AppOnlyMailProtocol[]): readonly TokenRoles[] {
  const out: TokenRoles[] = [];
  if (protocols.includes('graph')) out.push({ resource: 'graph', roles: ['Mail.Read'] });
  const exchange = [
    ...(protocols.includes('imap') ? ['IMAP.AccessAsApp'] : []),
    ...(protocols.includes('pop') ? ['POP.AccessAsApp'] : []),
    ...(protocols.includes('smtp') ? ['SMTP.SendAsApp'] : []),
  ];
  if (exchange.length > 0) out.push({ resource: 'exchange', roles: exchange });
  return out;
}

/** Findings about the roles the tokens carry, in the words of the portal's API permissions page. */
export function rolesFindings(got: readonly TokenRoles[], protocols: readonly AppOnlyMailProtocol[]): Finding[] {
  const out: Finding[] = [];
  for (const need of neededRoles(protocols)) {
    const have = got.find((g) => g.resource === need.resource)?.roles ?? [];
    const name = RESOURCE_NAME[need.resource];
    const listed = have.length === 0 ? 'no application permissions' : have.join(', ');
    const satisfied =
      need.resource === 'graph'
        ? have.some((r) => (GRAPH_MAIL_ROLES as readonly string[]).includes(r))
        : need.roles.every((r) => have.includes(r));
    if (satisfied) {
      out.push(
        finding(
          'info',
          'APP_ONLY_ROLES',
          `The ${name} token carries ${listed} (application permissions).`,
          // The words the finding list hides as "nothing to do" (no empty "Next step" line on the sheet).
          'Nothing to do.',
          {
            field: 'roles',
          },
        ),
      );
    } else {
      const missing =
        need.resource === 'graph'
          ? 'Mail.Read (or Mail.ReadWrite)'
          : need.roles.filter((r) => !have.includes(r)).join(', ');
      out.push(
        finding(
          'error',
          'APP_ONLY_ROLE_MISSING',
          `The ${name} token carries ${listed}: it lacks ${missing}.`,
          `In the app registration's API permissions, add ${missing} under ${name} as an Application permission and select "Grant admin consent", then run again.`,
          { field: 'roles' },
        ),
      );
    }
  }
  return out;
}

/** What the canary read observed: reached (2xx), or Graph's error code and message, or no answer at all. */
export type CanaryObservation =
  | { readonly kind: 'reached' }
  | {
      readonly kind: 'refused';
      readonly status?: number | undefined;
      readonly code?: string;
      readonly message?: string;
    }
  | { readonly kind: 'no-answer'; readonly message: string };

export type ScopeStatus = 'red' | 'green' | 'amber';

export interface ScopeVerdict {
  readonly status: ScopeStatus;
  readonly headline: string;
  readonly explanation: string;
  /** The fix in Exchange Online PowerShell words, one command a line (red only). */
  readonly fix: readonly string[];
  readonly sources: readonly { readonly title: string; readonly url: string }[];
}

/**
 * Exchange's refusal of an app-only read outside the app's scope. "Limiting application permissions to specific
 * Exchange Online mailboxes" (Handling API errors) documents the body as 403 `ErrorAccessDenied` "Access to OData is
 * disabled."; tenants report it with a suffix, "…disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy
 * settings." Both match; the code must be ErrorAccessDenied as well (verified 2026-12 against the page's source,
 * microsoftgraph/microsoft-graph-docs-contrib concepts/auth-limit-mailbox-access.md).
 */
const POLICY_REFUSAL = /Access to OData is disabled|AppOnly AccessPolicy/i;

/** The scope proof, from the canary read. The app's names go into the fix so it can be pasted. */
export function scopeVerdict(
  obs: CanaryObservation,
  names: { readonly canary: string; readonly mailbox: string; readonly clientId: string },
): ScopeVerdict {
  if (obs.kind === 'reached') {
    return {
      status: 'red',
      headline: 'This app can read every mailbox in the tenant',
      explanation: `With its own identity the app opened ${names.canary}'s Inbox, a mailbox it must not reach: its application permission is not limited by Exchange, so it reaches every mailbox, the CEO's included.`,
      fix: [
        `# RBAC for Applications (Exchange Online PowerShell): limit the app to ${names.mailbox}`,
        `New-ServicePrincipal -AppId ${names.clientId} -ObjectId <Object ID from Enterprise applications> -DisplayName "<app name>"`,
        `New-ManagementScope -Name "${names.mailbox} only" -RecipientRestrictionFilter "PrimarySmtpAddress -eq '${names.mailbox}'"`,
        // -App takes "the ObjectId GUID value from the output of the Get-ServicePrincipal cmdlet" (New-ManagementRoleAssignment).
        `New-ManagementRoleAssignment -App <the same Object ID (Get-ServicePrincipal shows it)> -Role "Application Mail.Read" -CustomResourceScope "${names.mailbox} only"`,
        '# then remove the Mail.Read / Mail.ReadWrite application permission granted in Entra ID (API permissions): a grant there reaches every mailbox whatever the scope',
        `Test-ServicePrincipalAuthorization -Identity ${names.clientId} -Resource ${names.canary}   # InScope must be False`,
        '# tenants still on application access policies (legacy):',
        `New-ApplicationAccessPolicy -AppId ${names.clientId} -PolicyScopeGroupId <mail-enabled security group holding ${names.mailbox}> -AccessRight RestrictAccess -Description "Restrict this app to its mailbox"`,
        `Test-ApplicationAccessPolicy -AppId ${names.clientId} -Identity ${names.canary}`,
      ],
      sources: [SOURCES.rbacApps, SOURCES.accessPolicy],
    };
  }
  if (
    obs.kind === 'refused' &&
    obs.status === 403 &&
    obs.code === 'ErrorAccessDenied' &&
    POLICY_REFUSAL.test(obs.message ?? '')
  ) {
    return {
      status: 'green',
      headline: 'Scoped: this app cannot read other mailboxes',
      explanation: `Exchange refused the app's read of ${names.canary} with its policy error (${obs.code ?? 'ErrorAccessDenied'}: ${obs.message ?? ''}): the app is limited to the mailboxes its scope names.`,
      fix: [],
      sources: [SOURCES.rbacApps, SOURCES.accessPolicy],
    };
  }
  const why =
    obs.kind === 'no-answer'
      ? `Graph did not answer (${obs.message})`
      : `Graph refused the read with ${obs.status ?? '?'} ${obs.code ?? ''}${obs.message ? `: ${obs.message}` : ''}, which is not Exchange's scope refusal`;
  return {
    status: 'amber',
    headline: 'Scope not proven',
    explanation: `${why}. A missing permission, an unknown canary or a network problem says nothing about the scope.`,
    fix: [],
    sources: [SOURCES.rbacApps],
  };
}

/**
 * Why an IMAP or POP login with an app-only token failed, in the set-up steps of "Authenticate an IMAP, POP or SMTP
 * connection using OAuth": the Exchange service principal made with the Enterprise application's object id (not the
 * App registration's, the usual mix-up) and FullAccess for it on the mailbox.
 */
export function servicePrincipalExplanation(
  protocol: 'imap' | 'pop' | 'smtp',
  names: { readonly mailbox: string; readonly clientId: string },
): { readonly explanation: string; readonly nextStep: string } {
  const label = protocol === 'imap' ? 'IMAP' : protocol === 'pop' ? 'POP' : 'SMTP AUTH';
  return {
    explanation: `${label} refused the app's own token for ${names.mailbox}. With client credentials Exchange opens a mailbox only for a service principal it knows that has FullAccess to it: either New-ServicePrincipal was not run, or it was run with the App registration's Object ID instead of the Enterprise application's, or the principal has no FullAccess to ${names.mailbox}.`,
    nextStep: `In Exchange Online PowerShell: New-ServicePrincipal -AppId ${names.clientId} -ObjectId <Object ID on the Enterprise applications page, not App registrations>; then Add-MailboxPermission -Identity "${names.mailbox}" -User <its Identity, as Get-ServicePrincipal shows it> -AccessRights FullAccess (${SOURCES.imapOauth.title}, ${SOURCES.imapOauth.url}).`,
  };
}

/** Where a product field's value comes from that only a person's sign-in (authorization code flow) uses. */
const SIGN_IN_ONLY = new Set(['authorizeUrl', 'redirectUri', 'signInAccount']);

export interface AppOnlyFieldNeed {
  /** The product's own label for the field. */
  readonly label: string;
  /** What to enter for app-only, when it differs from the delegated value. */
  readonly note?: string;
}

/**
 * Which of a product's fields app-only mode needs (client credentials use the token endpoint, the client id and
 * secret, the tenant and the mailbox; the scope is the resource's `.default`) and which only a signed-in person's
 * flow uses (authorization endpoint, redirect URL, the account that signs in).
 */
export function appOnlyFields(fields: readonly { readonly label: string; readonly valueFrom: string }[]): {
  readonly needed: readonly AppOnlyFieldNeed[];
  readonly unused: readonly string[];
} {
  const needed: AppOnlyFieldNeed[] = [];
  const unused: string[] = [];
  for (const f of fields) {
    if (SIGN_IN_ONLY.has(f.valueFrom)) unused.push(f.label);
    else if (f.valueFrom === 'scopes')
      needed.push({
        label: f.label,
        note: 'https://graph.microsoft.com/.default for Graph, https://outlook.office365.com/.default for IMAP/POP/SMTP',
      });
    else needed.push({ label: f.label });
  }
  return { needed, unused };
}
