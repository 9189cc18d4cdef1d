// The process half of an audit (as oauth4webapi splits request and response): what Microsoft Graph answered for
// each read, in; the facts (no secret values), one status per read, and Diagnose's findings, each at the form field
// it is about, out. Pure and synchronous, so every judgement is unit-tested on plain objects; the service
// (electron/services/audit) does the sign-in and the reads, the CLI prints the same result. Fixes are worded twice:
// where to click in the Entra admin center, and which field of the product to change (the preset's labels).
import { diagnoseFinding, type DiagnoseFinding, type FieldKey } from '../diagnose/types';
import { bySeverity, finding, type Severity } from '../findings';
import { presetById } from '../presets';
import { PROTOCOL_REQUIREMENTS } from '../tokens/requirements';
import type { Preset, ProtocolId, ValueSource } from '../presets/schema';
import { assertNever } from '../assert-never';
import { CONSENT_GRANTERS, GRAPH_READS, MAIL_RESOURCES, graphReadOf, type AuditCheckId } from './graph-calls';
import type {
  AuditAccount,
  AuditCheck,
  AuditCredential,
  AuditFacts,
  AuditPermission,
  AuditTarget,
  GraphApplication,
  GraphAppRoleAssignment,
  GraphPermissionGrant,
  GraphServicePrincipal,
  GraphUser,
} from './schema';

/** What one Graph read gave: its value, a refusal for want of permission, another failure, or not done. */
export type Reading<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'denied'; readonly code: string; readonly message: string }
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  | { readonly status: 'skipped'; readonly why: string };

export interface AuditReadings {
  /** undefined: no app registration with that client id. */
  readonly application: Reading<GraphApplication | undefined>;
  /** undefined: no enterprise application (service principal) in the tenant. */
  readonly servicePrincipal: Reading<GraphServicePrincipal | undefined>;
  /** The service principals of the APIs the registration asks permissions of (Microsoft Graph, Exchange Online…). */
  readonly resources: Reading<readonly GraphServicePrincipal[]>;
  readonly grants: Reading<readonly GraphPermissionGrant[]>;
  readonly appRoles: Reading<readonly GraphAppRoleAssignment[]>;
  /** undefined: no such user. */
  readonly mailbox: Reading<GraphUser | undefined>;
  readonly signInAccount: Reading<GraphUser | undefined>;
}

export interface AuditOutcome {
  readonly facts: AuditFacts;
  readonly checks: AuditCheck[];
  readonly findings: DiagnoseFinding[];
}

const DAY_MS = 86_400_000;
/** A credential ending within this many days is worth a warning now (Watch warns at 30, 7 and 1 days too). */
export const EXPIRY_WARNING_DAYS = 30;

// --- the product's and the portal's words --------------------------------------------------------------------
/** `"Client Secret" (System OAuth > Application Registry …)`: a product field by where its value comes from. */
export function productField(preset: Preset, source: ValueSource, fallback: string): string {
  const f = preset.fields.find((x) => x.valueFrom === source);
  return f === undefined ? `the ${fallback} field` : `${preset.label}'s “${f.label}” (${f.where})`;
}

const portalApp = (name: string): string => `Entra admin center > App registrations > ${name}`;
const portalEnterprise = (name: string): string => `Entra admin center > Enterprise applications > ${name}`;
const day = (iso: string): string => iso.slice(0, 10);

/** The permissions a product needs for the chosen protocols: delegated from its scopes, application from its roles. */
export function neededPermissions(
  preset: Preset,
  protocols: readonly ProtocolId[],
  mode: AuditTarget['mode'],
): { readonly resource: 'graph' | 'outlook'; readonly name: string; readonly type: AuditPermission['type'] }[] {
  const out: { resource: 'graph' | 'outlook'; name: string; type: AuditPermission['type'] }[] = [];
  const add = (resource: 'graph' | 'outlook', name: string, type: AuditPermission['type']): void => {
    if (!out.some((x) => x.resource === resource && x.name === name && x.type === type))
      out.push({ resource, name, type });
  };
  for (const p of preset.protocols) {
    if (!protocols.includes(p.id)) continue;
    if (mode === 'app-only') {
      for (const r of p.applicationPermissions ?? []) add(r.resource, r.role, 'Application');
      // A custom product lists no roles of its own: Microsoft's application permission for the protocol is the need.
      const microsoft = p.id === 'ews' ? undefined : PROTOCOL_REQUIREMENTS[p.id];
      if (preset.id === 'generic' && microsoft !== undefined)
        for (const role of microsoft.appRoles) add(microsoft.resource, role, 'Application');
      continue;
    }
    for (const template of p.scopes) {
      const uri = /^https:\/\/\{(graph|outlook)\}\/(.+)$/.exec(template);
      if (uri) add(uri[1] === 'graph' ? 'graph' : 'outlook', uri[2] ?? '', 'Delegated');
      else if (/^[A-Z]/.test(template)) add('graph', template, 'Delegated');
    }
  }
  return out;
}

// --- one read's status -----------------------------------------------------------------------------------------
function checkOf(id: AuditCheckId, status: AuditCheck['status']): AuditCheck {
  const r = graphReadOf(id);
  return { id, label: r.label, status, request: r.request, permission: r.permission };
}

/** The client the admin signed in with (or, for the CLI, the app the token was issued to). */
export interface AuditClientName {
  readonly label: string;
  readonly clientId?: string | undefined;
}

/** A refused read as a finding: what could not be checked and who must grant which permission to whom. */
function deniedFinding(id: AuditCheckId, field: FieldKey, client: AuditClientName): DiagnoseFinding {
  const r = graphReadOf(id);
  const where =
    client.clientId === undefined
      ? 'Entra admin center > Enterprise applications > (that app) > Permissions > Grant admin consent'
      : `Entra admin center > Enterprise applications > search ${client.clientId} > Permissions > Grant admin consent`;
  return diagnoseFinding(
    finding(
      'warning',
      'AUDIT_READ_DENIED',
      `Not checked: Microsoft Graph refused to read the ${r.label.toLowerCase()} (403 Authorization_RequestDenied); it needs ${r.permission}.`,
      `Ask ${CONSENT_GRANTERS} to grant admin consent for ${r.permission} (Microsoft Graph, delegated) to ${client.label}: ${where}. Then audit again.`,
      { detail: `${r.request}; also allowed by ${r.alsoAllowedBy.join(', ')}` },
    ),
    field,
    { source: 'audit', check: id },
  );
}

function failedFinding(id: AuditCheckId, field: FieldKey, code: string, message: string): DiagnoseFinding {
  const r = graphReadOf(id);
  return diagnoseFinding(
    finding(
      'warning',
      'AUDIT_READ_FAILED',
      `Not checked: reading the ${r.label.toLowerCase()} failed (${code}): ${message}`,
      'Audit again; if it keeps failing, check the network and the cloud setting.',
      { detail: r.request },
    ),
    field,
    { source: 'audit', check: id },
  );
}

/** Records one finding at its field, from the read (check) that showed it; the judges below all take it. */
type Add = (
  severity: Severity,
  code: string,
  field: FieldKey,
  check: AuditCheckId,
  message: string,
  nextStep: string,
  detail?: string,
) => void;

// --- the judgement --------------------------------------------------------------------------------------------
export function processAudit(
  target: AuditTarget,
  readings: AuditReadings,
  now: Date,
  client: AuditClientName,
): AuditOutcome {
  const preset = presetById(target.presetId);
  const findings: DiagnoseFinding[] = [];
  const checks: AuditCheck[] = [];
  const add: Add = (severity, code, field, check, message, nextStep, detail) => {
    findings.push(
      diagnoseFinding(finding(severity, code, message, nextStep, { detail }), field, { source: 'audit', check }),
    );
  };
  /** Records the read's status; returns its value when it was read. */
  const read = <T>(id: AuditCheckId, field: FieldKey, r: Reading<T>): T | undefined => {
    switch (r.status) {
      case 'ok':
        checks.push(checkOf(id, 'ok'));
        return r.value;
      case 'denied':
        checks.push(checkOf(id, 'denied'));
        findings.push(deniedFinding(id, field, client));
        return undefined;
      case 'failed':
        checks.push(checkOf(id, 'problems'));
        findings.push(failedFinding(id, field, r.code, r.message));
        return undefined;
      case 'skipped':
        checks.push(checkOf(id, 'skipped'));
        return undefined;
      default:
        return assertNever(r, 'reading');
    }
  };
  const mark = (id: AuditCheckId, status: AuditCheck['status']): void => {
    const c = checks.find((x) => x.id === id);
    if (c !== undefined && c.status === 'ok') checks[checks.indexOf(c)] = { ...c, status };
  };
  const findingsOf = (id: AuditCheckId): number => findings.filter((f) => f.check === id).length;

  const facts: { -readonly [K in keyof AuditFacts]: AuditFacts[K] } = { permissions: [] };

  // --- the app registration -------------------------------------------------------------------------------
  const app = read('application', 'clientId', readings.application);
  const appName = app?.displayName ?? target.clientId;
  if (readings.application.status === 'ok' && app === undefined) {
    mark('application', 'not-found');
    add(
      'error',
      'AUDIT_APP_NOT_FOUND',
      'clientId',
      'application',
      `No app registration in tenant ${target.tenant} has the Application (client) ID ${target.clientId}.`,
      `Compare ${productField(preset, 'clientId', 'client ID')} with the Application (client) ID under Entra admin center > App registrations > All applications; if the app lives in another tenant, audit that tenant.`,
    );
  }
  if (app !== undefined) {
    const credentials: AuditCredential[] = [
      ...app.passwordCredentials.map((c): AuditCredential => ({
        kind: 'secret',
        keyId: c.keyId,
        description: c.displayName ?? '',
        ...(c.endDateTime ? { endsAt: c.endDateTime } : {}),
      })),
      ...app.keyCredentials.map((c): AuditCredential => ({
        kind: 'certificate',
        keyId: c.keyId,
        description: c.displayName ?? '',
        ...(c.endDateTime ? { endsAt: c.endDateTime } : {}),
      })),
    ];
    facts.application = {
      displayName: appName,
      appId: app.appId,
      objectId: app.id,
      ...(app.signInAudience ? { signInAudience: app.signInAudience } : {}),
      publicClientFlows: app.isFallbackPublicClient === true,
      redirectUris: {
        web: app.web?.redirectUris ?? [],
        spa: app.spa?.redirectUris ?? [],
        publicClient: app.publicClient?.redirectUris ?? [],
      },
      credentials,
    };
    credentialFindings(credentials, now, preset, appName, add);
    if (target.mode === 'delegated' && target.redirectUri !== undefined && target.redirectUri !== '')
      redirectFindings(target.redirectUri, facts.application.redirectUris, preset, appName, add);
    audienceFindings(app.signInAudience ?? undefined, preset, appName, add);
    if (app.isFallbackPublicClient === true && target.mode === 'delegated')
      add(
        'warning',
        'AUDIT_PUBLIC_CLIENT_FLOWS',
        'clientId',
        'application',
        `“Allow public client flows” is on for ${appName}: anyone who knows its client ID can start device-code or password sign-ins with it, and ${preset.label} does not need them (it signs in with a secret).`,
        `${portalApp(appName)} > Authentication > Advanced settings: set “Allow public client flows” to No, unless another tool relies on it.`,
      );
    if (findingsOf('application') > 0) mark('application', 'problems');
  }

  // --- the enterprise application ----------------------------------------------------------------------------
  const sp = app === undefined ? undefined : read('service-principal', 'clientId', readings.servicePrincipal);
  if (app === undefined) checks.push(checkOf('service-principal', 'skipped'));
  if (app !== undefined && readings.servicePrincipal.status === 'ok' && sp === undefined) {
    mark('service-principal', 'not-found');
    add(
      'error',
      'AUDIT_NO_SERVICE_PRINCIPAL',
      'clientId',
      'service-principal',
      `${appName} has no enterprise application in this tenant, so nobody has consented to it and no sign-in can succeed yet.`,
      `${portalApp(appName)} > API permissions > Grant admin consent for the tenant (that creates the enterprise application), then authorize again.`,
    );
  }
  if (sp !== undefined) {
    facts.servicePrincipal = {
      objectId: sp.id,
      enabled: sp.accountEnabled !== false,
      assignmentRequired: sp.appRoleAssignmentRequired === true,
    };
    if (sp.accountEnabled === false)
      add(
        'error',
        'AUDIT_APP_DISABLED',
        'clientId',
        'service-principal',
        `The enterprise application ${appName} is disabled: every sign-in and token request for it fails (AADSTS7000112).`,
        `${portalEnterprise(appName)} > Properties: set “Enabled for users to sign in?” to Yes.`,
      );
    if (sp.appRoleAssignmentRequired === true && target.mode === 'delegated') {
      const who = target.signInAccount ?? target.mailbox ?? 'the account that signs in';
      add(
        'warning',
        'AUDIT_ASSIGNMENT_REQUIRED',
        'signInAccount',
        'service-principal',
        `“Assignment required?” is Yes for ${appName}: ${who} can sign in only if assigned to it, otherwise Entra answers AADSTS50105.`,
        `${portalEnterprise(appName)} > Users and groups > Add user/group: add ${who}.`,
      );
    }
    if (findingsOf('service-principal') > 0) mark('service-principal', 'problems');
  }

  // --- API permissions and consent -------------------------------------------------------------------------
  const resources = app === undefined ? undefined : read('resources', 'scopes', readings.resources);
  if (app === undefined) checks.push(checkOf('resources', 'skipped'));
  const grants = sp === undefined ? undefined : read('consent', 'scopes', readings.grants);
  if (sp === undefined) checks.push(checkOf('consent', 'skipped'));
  const roles = sp === undefined ? undefined : read('app-roles', 'scopes', readings.appRoles);
  if (sp === undefined) checks.push(checkOf('app-roles', 'skipped'));
  if (app !== undefined && resources !== undefined) {
    facts.permissions = permissionFacts(app, resources, grants, roles, sp?.id, target, preset);
    permissionFindings(facts.permissions, target, preset, appName, add);
    for (const id of ['resources', 'consent', 'app-roles'] as const) if (findingsOf(id) > 0) mark(id, 'problems');
  }
  const appOnlyNotUsed =
    target.mode === 'app-only' &&
    preset.id !== 'generic' &&
    neededPermissions(preset, target.protocols, target.mode).length === 0;
  if (appOnlyNotUsed)
    add(
      'info',
      'AUDIT_APP_ONLY_NOT_USED',
      'scopes',
      'resources',
      `${preset.label} connects with a user sign-in (delegated permissions) for the chosen protocols; its setup has no app-only mode, so no application permission is needed and none is marked as used.`,
      `Choose “A user signs in (delegated permissions)” and audit again: that is how ${preset.label} connects.`,
    );
  // Only where the product has an app-only setup: for one that signs in as a user, Exchange's app registration is moot.
  if (target.mode === 'app-only' && !appOnlyNotUsed && target.protocols.some((p) => p === 'imap' || p === 'pop'))
    add(
      'info',
      'AUDIT_EXCHANGE_REGISTRATION_UNSEEN',
      'mailbox',
      'app-roles',
      'Microsoft Graph cannot show whether Exchange Online knows this app (New-ServicePrincipal) and may open the mailbox (Add-MailboxPermission); IMAP and POP app-only logins need both.',
      `In Exchange Online PowerShell: Get-ServicePrincipal | where AppId -eq '${target.clientId}', and Get-MailboxPermission -Identity ${target.mailbox ?? '<mailbox>'}.`,
    );

  // --- the mailbox and the delegate --------------------------------------------------------------------------
  const delegate =
    target.signInAccount !== undefined &&
    target.mailbox !== undefined &&
    target.signInAccount.toLowerCase() !== target.mailbox.toLowerCase();
  const mailboxAddress = target.mailbox ?? target.signInAccount;
  const mailbox = mailboxAddress === undefined ? undefined : read('mailbox', 'mailbox', readings.mailbox);
  if (mailboxAddress === undefined) checks.push(checkOf('mailbox', 'skipped'));
  if (mailboxAddress !== undefined && readings.mailbox.status === 'ok' && mailbox === undefined) {
    mark('mailbox', 'not-found');
    add(
      'error',
      'AUDIT_MAILBOX_NOT_FOUND',
      'mailbox',
      'mailbox',
      `No account ${mailboxAddress} exists in tenant ${target.tenant}.`,
      `Check the address in ${productField(preset, 'mailbox', 'mailbox')} against Entra admin center > Users (a shared mailbox is listed there too).`,
    );
  }
  if (mailbox !== undefined) {
    facts.mailbox = accountFacts(mailbox);
    mailboxFindings(facts.mailbox, delegate, target, preset, add);
    if (findingsOf('mailbox') > 0) mark('mailbox', 'problems');
  }
  const signIn = delegate ? read('sign-in-account', 'signInAccount', readings.signInAccount) : undefined;
  if (!delegate) checks.push(checkOf('sign-in-account', 'skipped'));
  if (delegate && readings.signInAccount.status === 'ok' && signIn === undefined) {
    mark('sign-in-account', 'not-found');
    add(
      'error',
      'AUDIT_SIGN_IN_ACCOUNT_NOT_FOUND',
      'signInAccount',
      'sign-in-account',
      `No account ${target.signInAccount ?? ''} exists in tenant ${target.tenant} to sign in for ${target.mailbox ?? ''}.`,
      'Pick a licensed user with Full Access to the shared mailbox as the delegate.',
    );
  }
  if (signIn !== undefined) {
    facts.signInAccount = accountFacts(signIn);
    if (facts.signInAccount.accountEnabled === false)
      add(
        'error',
        'AUDIT_SIGN_IN_BLOCKED',
        'signInAccount',
        'sign-in-account',
        `The delegate ${signIn.userPrincipalName} has sign-in blocked, so it cannot authorize the mailbox (AADSTS50057).`,
        `Entra admin center > Users > ${signIn.userPrincipalName}: allow sign-in, or pick another user with Full Access to ${target.mailbox ?? 'the mailbox'}.`,
      );
    if (findingsOf('sign-in-account') > 0) mark('sign-in-account', 'problems');
  }

  // Reads are listed in the documented order whatever order they were judged in.
  checks.sort((a, b) => GRAPH_READS.findIndex((r) => r.id === a.id) - GRAPH_READS.findIndex((r) => r.id === b.id));
  return { facts, checks, findings: findings.sort(bySeverity) };
}

function credentialFindings(
  credentials: readonly AuditCredential[],
  now: Date,
  preset: Preset,
  appName: string,
  add: Add,
): void {
  const secretField = productField(preset, 'clientSecret', 'client secret');
  const live = credentials.filter((c) => c.endsAt === undefined || Date.parse(c.endsAt) > now.getTime());
  if (credentials.length === 0) {
    add(
      'error',
      'AUDIT_NO_CREDENTIAL',
      'clientSecret',
      'application',
      `${appName} has no client secret and no certificate, so ${preset.label} cannot redeem an authorization code (AADSTS7000218).`,
      `${portalApp(appName)} > Certificates & secrets > New client secret; copy its Value into ${secretField}.`,
    );
    return;
  }
  for (const c of credentials) {
    if (c.endsAt === undefined) continue;
    const ends = Date.parse(c.endsAt);
    const secret = c.kind === 'secret';
    // The portal's column names: "Secret ID" under Client secrets, "Certificate ID" under Certificates.
    const what = `${secret ? 'Client secret' : 'Certificate'} “${c.description || c.keyId}” (${secret ? 'Secret ID' : 'Certificate ID'} ${c.keyId})`;
    const where = `${portalApp(appName)} > Certificates & secrets`;
    // An expired secret answers AADSTS7000222; an expired certificate fails the signed client assertion (AADSTS700027).
    const failsWith = secret ? 'AADSTS7000222' : 'AADSTS700027';
    const replace = secret
      ? `${where} > New client secret; put its Value in ${secretField}`
      : `${where} > Certificates > Upload certificate; give ${preset.label} the new certificate's private key`;
    if (ends <= now.getTime()) {
      const onlyOnes = live.length === 0;
      add(
        onlyOnes ? 'error' : 'warning',
        c.kind === 'secret' ? 'AUDIT_SECRET_EXPIRED' : 'AUDIT_CERTIFICATE_EXPIRED',
        'secretExpiry',
        'application',
        onlyOnes
          ? `${what} expired on ${day(c.endsAt)} and ${appName} has no other valid one: every token request fails with ${failsWith}.`
          : `${what} expired on ${day(c.endsAt)}. If ${preset.label} still holds this one, its token requests fail with ${failsWith}.`,
        onlyOnes
          ? `${replace}, then delete the expired one.`
          : secret
            ? `Make sure ${secretField} holds a current secret's Value, then delete the expired one under ${where}.`
            : `Make sure ${preset.label} signs with a current certificate, then delete the expired one under ${where}.`,
        `ended ${c.endsAt}`,
      );
      continue;
    }
    const days = Math.ceil((ends - now.getTime()) / DAY_MS);
    if (days <= EXPIRY_WARNING_DAYS)
      add(
        'warning',
        c.kind === 'secret' ? 'AUDIT_SECRET_EXPIRING' : 'AUDIT_CERTIFICATE_EXPIRING',
        'secretExpiry',
        'application',
        `${what} expires on ${day(c.endsAt)}, in ${days} day${days === 1 ? '' : 's'}; Azure sends no reminder, and mail stops that day.`,
        secret
          ? `Create a new client secret now (${where} > New client secret) and put its Value in ${secretField} before ${day(c.endsAt)}; then delete the old one.`
          : `Upload a new certificate now (${where} > Certificates > Upload certificate) and have ${preset.label} sign with it before ${day(c.endsAt)}; then delete the old one.`,
        `ends ${c.endsAt}`,
      );
  }
}

/** Exact match as Entra compares (scheme, host, path, trailing slash); near misses say which part differs. */
function redirectFindings(
  wanted: string,
  registered: {
    readonly web: readonly string[];
    readonly spa: readonly string[];
    readonly publicClient: readonly string[];
  },
  preset: Preset,
  appName: string,
  add: Add,
): void {
  if (registered.web.includes(wanted)) return;
  const where = `${portalApp(appName)} > Authentication`;
  const productUri = productField(preset, 'redirectUri', 'redirect URI');
  const otherPlatform = registered.spa.includes(wanted)
    ? 'Single-page application'
    : registered.publicClient.includes(wanted)
      ? 'Mobile and desktop applications'
      : undefined;
  if (otherPlatform !== undefined) {
    add(
      'error',
      'AUDIT_REDIRECT_WRONG_PLATFORM',
      'redirectUri',
      'application',
      `${wanted} is registered under “${otherPlatform}”, not “Web”: ${preset.label} redeems the code with a secret, which Entra refuses for that platform (AADSTS700025 or AADSTS9002327).`,
      `${where}: remove it from ${otherPlatform} and add it under Web > Redirect URIs.`,
    );
    return;
  }
  const norm = (u: string): string =>
    u
      .toLowerCase()
      .replace(/\/+$/, '')
      .replace(/^http:/, 'https:');
  const near = registered.web.find((u) => norm(u) === norm(wanted));
  const differs =
    near === undefined
      ? undefined
      : near.replace(/\/+$/, '') === wanted.replace(/\/+$/, '')
        ? 'a trailing slash'
        : near.toLowerCase() === wanted.toLowerCase()
          ? 'letter case'
          : 'http vs https';
  add(
    'error',
    'AUDIT_REDIRECT_NOT_REGISTERED',
    'redirectUri',
    'application',
    near === undefined
      ? `${wanted} is not among the Web redirect URIs of ${appName}; sign-in stops with AADSTS50011.`
      : `${wanted} differs from the registered ${near} by ${differs ?? 'one character'}; Entra compares exactly and answers AADSTS50011.`,
    near === undefined
      ? `${where} > Web > Add URI: ${wanted} (exactly as ${productUri} shows it).`
      : `Make ${productUri} and ${where} > Web agree character for character (add ${wanted}, or change the product to ${near}).`,
    `Web: ${registered.web.join(' ') || '(none)'}`,
  );
}

function audienceFindings(audience: string | undefined, preset: Preset, appName: string, add: Add): void {
  if (audience === undefined || audience === 'AzureADMyOrg') return;
  if (audience === 'PersonalMicrosoftAccount') {
    add(
      'error',
      'AUDIT_AUDIENCE_PERSONAL_ONLY',
      'tenant',
      'application',
      `${appName} accepts personal Microsoft accounts only, so no work mailbox can sign in to it.`,
      `Register a new app with “Accounts in this organizational directory only” (the supported account type cannot be changed back in ${portalApp(appName)} > Authentication).`,
    );
    return;
  }
  if (preset.tenancy === 'single')
    add(
      'info',
      'AUDIT_AUDIENCE_MULTITENANT',
      'tenant',
      'application',
      `${appName} accepts accounts from other directories (${audience}); ${preset.label} only needs your own tenant.`,
      `Keep the tenant ID (not common) in the product's URLs; consider “Accounts in this organizational directory only” under ${portalApp(appName)} > Authentication.`,
    );
}

function permissionFacts(
  app: GraphApplication,
  resources: readonly GraphServicePrincipal[],
  grants: readonly GraphPermissionGrant[] | undefined,
  roles: readonly GraphAppRoleAssignment[] | undefined,
  spId: string | undefined,
  target: AuditTarget,
  preset: Preset,
): AuditPermission[] {
  const out: AuditPermission[] = [];
  const labelOf = (appId: string): string =>
    Object.values(MAIL_RESOURCES).find((r) => r.appId === appId)?.label ??
    resources.find((r) => r.appId === appId)?.displayName ??
    appId;
  const delegatedGranted = (resourceSpId: string | undefined, name: string): boolean | undefined => {
    if (grants === undefined || resourceSpId === undefined) return undefined;
    return grants.some(
      (g) =>
        g.clientId === spId &&
        g.resourceId === resourceSpId &&
        g.consentType === 'AllPrincipals' &&
        (g.scope ?? '').split(/\s+/).includes(name),
    );
  };
  const roleGranted = (resourceSpId: string | undefined, roleId: string): boolean | undefined => {
    if (roles === undefined || resourceSpId === undefined) return undefined;
    return roles.some((r) => r.resourceId === resourceSpId && r.appRoleId === roleId);
  };
  const needed = neededPermissions(preset, target.protocols, target.mode);
  for (const rra of app.requiredResourceAccess) {
    const resource = resources.find((r) => r.appId === rra.resourceAppId);
    for (const access of rra.resourceAccess) {
      const isScope = access.type === 'Scope';
      const name =
        (isScope
          ? resource?.oauth2PermissionScopes.find((s) => s.id === access.id)?.value
          : resource?.appRoles.find((r) => r.id === access.id)?.value) ?? access.id;
      const type: AuditPermission['type'] = isScope ? 'Delegated' : 'Application';
      const granted = isScope ? delegatedGranted(resource?.id, name) : roleGranted(resource?.id, access.id);
      out.push({
        api: labelOf(rra.resourceAppId),
        name,
        type,
        configured: true,
        ...(granted === undefined ? {} : { granted }),
        needed: needed.some(
          (n) => MAIL_RESOURCES[n.resource].appId === rra.resourceAppId && n.name === name && n.type === type,
        ),
      });
    }
  }
  for (const n of needed) {
    const appId = MAIL_RESOURCES[n.resource].appId;
    if (out.some((p) => p.api === labelOf(appId) && p.name === n.name && p.type === n.type)) continue;
    out.push({ api: labelOf(appId), name: n.name, type: n.type, configured: false, needed: true });
  }
  return out;
}

function permissionFindings(
  permissions: readonly AuditPermission[],
  target: AuditTarget,
  preset: Preset,
  appName: string,
  add: Add,
): void {
  const where = `${portalApp(appName)} > API permissions`;
  const scopesField = productField(preset, 'scopes', 'scopes');
  for (const p of permissions) {
    const named = `${p.api} ${p.name} (${p.type})`;
    if (!p.configured) {
      const otherType = permissions.find((x) => x.api === p.api && x.name === p.name && x.type !== p.type);
      add(
        'error',
        otherType ? 'AUDIT_PERMISSION_WRONG_TYPE' : 'AUDIT_PERMISSION_MISSING',
        'scopes',
        'application',
        otherType
          ? `${p.name} is configured as an ${otherType.type} permission, but ${preset.label} needs it as ${p.type} for ${target.mode === 'app-only' ? 'an app-only setup' : 'a user sign-in'}.`
          : `${named} is not in ${appName}'s API permissions, and ${preset.label} asks for it (${scopesField}).`,
        `${where} > Add a permission > ${p.api} > ${p.type} permissions: ${p.name}; then Grant admin consent for the tenant.`,
      );
      continue;
    }
    if (p.granted !== false) continue;
    const grant = `${where} > Grant admin consent for the tenant (${CONSENT_GRANTERS} can grant it)`;
    if (p.needed)
      add(
        'error',
        p.type === 'Delegated' ? 'AUDIT_CONSENT_MISSING' : 'AUDIT_ROLE_NOT_GRANTED',
        'scopes',
        p.type === 'Delegated' ? 'consent' : 'app-roles',
        p.type === 'Delegated'
          ? `${named} has no admin consent: the mailbox account must consent itself, and where users may not, sign-in stops with AADSTS65001 or “Need admin approval”.`
          : `${named} has no admin consent, so client-credential tokens carry no such role and the mailbox answers 403.`,
        `${grant}; the Status column then says “Granted”.`,
      );
    else
      add(
        'warning',
        'AUDIT_CONSENT_NOT_GRANTED',
        'scopes',
        p.type === 'Delegated' ? 'consent' : 'app-roles',
        `${named} is configured but not granted (the portal shows “Not granted”). ${preset.label} does not ask for it with the chosen protocols.`,
        `If nothing uses it, remove it under ${where}; otherwise grant it: ${grant}.`,
      );
  }
}

function accountFacts(u: GraphUser): AuditAccount {
  return {
    userPrincipalName: u.userPrincipalName,
    ...(u.accountEnabled === null || u.accountEnabled === undefined ? {} : { accountEnabled: u.accountEnabled }),
    hasExchangePlan: u.assignedPlans.some(
      (p) => (p.service ?? '').toLowerCase() === 'exchange' && (p.capabilityStatus ?? 'Enabled') === 'Enabled',
    ),
    ...(u.mail ? { mail: u.mail } : {}),
  };
}

function mailboxFindings(m: AuditAccount, delegate: boolean, target: AuditTarget, preset: Preset, add: Add): void {
  const blocked = m.accountEnabled === false;
  const looksShared = blocked && !m.hasExchangePlan;
  if (m.mail === undefined)
    add(
      'warning',
      'AUDIT_MAILBOX_NO_MAIL',
      'mailbox',
      'mailbox',
      `${m.userPrincipalName} has no email address in the directory, which usually means no Exchange mailbox exists for it.`,
      'Exchange admin center > Mailboxes: check that the mailbox exists (for a user, assign an Exchange Online licence; or create a shared mailbox).',
    );
  if (blocked && target.mode === 'delegated' && !delegate)
    add(
      'error',
      'AUDIT_MAILBOX_SIGN_IN_BLOCKED',
      'mailbox',
      'mailbox',
      `${m.userPrincipalName} has sign-in blocked${looksShared ? ' (a shared mailbox, as Microsoft recommends)' : ''}: it cannot sign in itself, so authorizing it fails with AADSTS50057.`,
      `Use delegate mode: a licensed user with Full Access to ${m.userPrincipalName} signs in (Exchange admin center > Mailboxes > ${m.userPrincipalName} > Delegation > Read and manage), and ${productField(preset, 'mailbox', 'mailbox')} stays ${m.userPrincipalName}.`,
    );
  else if (blocked)
    add(
      'info',
      'AUDIT_MAILBOX_SIGN_IN_BLOCKED_OK',
      'mailbox',
      'mailbox',
      `${m.userPrincipalName} has sign-in blocked${looksShared ? ', as a shared mailbox should' : ''}; ${target.mode === 'app-only' ? 'the app opens it with its own permissions' : `the delegate ${target.signInAccount ?? ''} signs in for it`}.`,
      target.mode === 'app-only'
        ? 'Nothing to change here.'
        : `Make sure ${target.signInAccount ?? 'the delegate'} has Full Access (Exchange admin center > Mailboxes > ${m.userPrincipalName} > Delegation).`,
    );
  if (!m.hasExchangePlan && !looksShared)
    add(
      'warning',
      'AUDIT_MAILBOX_NO_LICENCE',
      'mailbox',
      'mailbox',
      `${m.userPrincipalName} has no Exchange Online plan assigned; a user mailbox needs one (a shared mailbox under 50 GB does not).`,
      `Microsoft 365 admin center > Users > Active users > ${m.userPrincipalName} > Licenses and apps: assign a licence with Exchange Online, or convert the mailbox to a shared one.`,
    );
}
