// Owns the emulator's directory model: the typed shape of directory.json (tenants, users, app registrations
// with secrets and permissions) and the lookups the endpoints need. The seed is data, so a test can pass its
// own directory to startEmulator({ directory }) without touching code.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const tenantSchema = z.object({ id: z.string().uuid(), domain: z.string(), displayName: z.string() });
const userSchema = z.object({
  upn: z.string(),
  displayName: z.string(),
  /** null for accounts that cannot sign in at all (shared mailboxes) */
  password: z.string().nullable(),
  tenant: z.string(),
  oid: z.string().uuid(),
  enabled: z.boolean(),
  admin: z.boolean(),
  /** the account a browser is typically already signed in as (the SSO trap) */
  ssoSession: z.boolean(),
  /** mailboxes this user has Exchange FullAccess to (delegate mode) */
  fullAccessTo: z.array(z.string()),
  sharedMailbox: z.boolean().optional(),
  /** Holds an Exchange Online licence (assignedPlans 'exchange'); default: a member with a password. */
  exchangeLicence: z.boolean().optional(),
});
const secretSchema = z.object({
  id: z.string().uuid(),
  value: z.string(),
  expires: z.string(),
  description: z.string(),
  /** When the secret was added (Graph's startDateTime); default two years before it expires. */
  created: z.string().optional(),
});
const delegatedSchema = z.object({ resource: z.string(), scope: z.string(), adminConsent: z.boolean() });
const applicationSchema = z.object({ resource: z.string(), role: z.string(), adminConsent: z.boolean() });
const appSchema = z.object({
  key: z.string(),
  displayName: z.string(),
  tenant: z.string(),
  clientId: z.string().uuid(),
  servicePrincipalId: z.string().uuid(),
  redirectUris: z.array(z.string()),
  secrets: z.array(secretSchema),
  delegated: z.array(delegatedSchema),
  application: z.array(applicationSchema),
  /**
   * Authentication → "ID tokens (used for implicit and hybrid flows)" (Graph: web.implicitGrantSettings.
   * enableIdTokenIssuance); off unless set, as on a new registration.
   */
  enableIdTokenIssuance: z.boolean().optional(),
  // What the Graph directory surface (graph-directory.ts) shows beyond the sign-in data; all optional, with the
  // defaults an app registration made in the portal has.
  /** A public client: the token endpoint redeems its codes without a secret (PKCE). Its URIs are "Mobile and desktop". */
  publicClient: z.boolean().optional(),
  /** Redirect URIs by platform as the portal lists them; default: every redirectUris entry under Web. */
  platforms: z
    .object({
      web: z.array(z.string()).optional(),
      spa: z.array(z.string()).optional(),
      publicClient: z.array(z.string()).optional(),
    })
    .optional(),
  /** "Allow public client flows" (Graph isFallbackPublicClient). */
  isFallbackPublicClient: z.boolean().optional(),
  /** Supported account types (Graph signInAudience); default AzureADMyOrg. */
  signInAudience: z.string().optional(),
  /**
   * Certificates & secrets → Certificates. `pem` (the public certificate the admin uploaded) lets the token endpoint
   * verify a client assertion signed with its private key (client-assertion.ts); without it the entry is only listed.
   */
  certificates: z
    .array(
      z.object({
        id: z.string().uuid(),
        displayName: z.string(),
        expires: z.string(),
        pem: z.string().optional(),
      }),
    )
    .optional(),
  /** The enterprise application (service principal): Enabled for users to sign in, Assignment required. */
  servicePrincipal: z
    .object({ accountEnabled: z.boolean().optional(), appRoleAssignmentRequired: z.boolean().optional() })
    .optional(),
  /**
   * Exchange's limit on the app's application permissions (RBAC for Applications, or an application access policy):
   * the mailboxes it may reach. Absent: none set, every mailbox in the tenant (mailbox-access.ts).
   */
  mailboxScope: z.array(z.string()).optional(),
  /** Exchange knows the app's service principal (New-ServicePrincipal) with FullAccess to these mailboxes. */
  exchangeServicePrincipal: z.object({ fullAccessTo: z.array(z.string()) }).optional(),
});
export const directorySchema = z.object({
  tenants: z.array(tenantSchema),
  users: z.array(userSchema),
  apps: z.array(appSchema),
});

export type Tenant = z.infer<typeof tenantSchema>;
export type DirectoryUser = z.infer<typeof userSchema>;
export type AppSecret = z.infer<typeof secretSchema>;
export type AppRegistration = z.infer<typeof appSchema>;
export type Directory = z.infer<typeof directorySchema>;

export function loadSeedDirectory(): Directory {
  // Read fresh each time so a test mutating its directory never leaks into another emulator. Read at runtime
  // rather than imported: the JSON stays plain data outside the TypeScript project.
  return directorySchema.parse(JSON.parse(readFileSync(new URL('./directory.json', import.meta.url), 'utf8')));
}

/** Resolves a tenant path segment (GUID or verified domain, case-insensitive). */
export function findTenant(dir: Directory, segment: string): Tenant | undefined {
  const s = segment.toLowerCase();
  return dir.tenants.find((t) => t.id === s || t.domain.toLowerCase() === s);
}

export function findUser(dir: Directory, upn: string): DirectoryUser | undefined {
  const u = upn.trim().toLowerCase();
  return dir.users.find((x) => x.upn.toLowerCase() === u);
}

export function findApp(dir: Directory, clientId: string): AppRegistration | undefined {
  return dir.apps.find((a) => a.clientId === clientId.trim().toLowerCase());
}

export function tenantOf(dir: Directory, domain: string): Tenant {
  const t = findTenant(dir, domain);
  if (!t) throw new Error(`directory.json names tenant "${domain}" that is not in tenants[]`);
  return t;
}

/** A convenient typed view of the seed for tests: `emulator.directory.users.adele.password`. */
export function seedView(dir: Directory) {
  const user = (upn: string): DirectoryUser => {
    const u = findUser(dir, upn);
    if (!u) throw new Error(`seed user ${upn} missing`);
    return u;
  };
  const app = (key: string): AppRegistration & { secret: AppSecret; expiredSecret: AppSecret } => {
    const a = dir.apps.find((x) => x.key === key);
    if (!a) throw new Error(`seed app ${key} missing`);
    const now = Date.now();
    const secret = a.secrets.find((s) => Date.parse(s.expires) > now);
    const expiredSecret = a.secrets.find((s) => Date.parse(s.expires) <= now);
    if (!secret || !expiredSecret) throw new Error(`seed app ${key} needs one valid and one expired secret`);
    return { ...a, secret, expiredSecret };
  };
  const client = (key: string): AppRegistration => {
    const a = dir.apps.find((x) => x.key === key);
    if (!a) throw new Error(`seed audit client ${key} missing`);
    return a;
  };
  return {
    tenant: tenantOf(dir, 'contoso.test'),
    otherTenant: tenantOf(dir, 'fabrikam.test'),
    users: {
      adele: user('adele@contoso.test'),
      servicedesk: user('servicedesk@contoso.test'),
      delegate: user('helpdesk-delegate@contoso.test'),
      support: user('support@contoso.test'),
      disabled: user('former.employee@contoso.test'),
      otherTenant: user('megan@fabrikam.test'),
    },
    /** The clients an admin audits with: Microsoft's public client, our own public registration without admin
     * consent, and an app-only job with the read roles (CLI). */
    auditClients: {
      graphCli: client('graph-cli'),
      ownWithoutConsent: client('auditor'),
      job: client('audit-job'),
    },
    apps: {
      servicenow: app('servicenow'),
      serviceops: app('serviceops'),
      jira: app('jira'),
      generic: app('generic'),
    },
    all: dir,
  };
}
export type SeedView = ReturnType<typeof seedView>;
