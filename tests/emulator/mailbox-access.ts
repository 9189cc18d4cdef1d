// Which mailboxes an app reaches with its own identity (client credentials), as Exchange Online decides it:
// - Graph: an application permission (Mail.Read, Mail.ReadWrite, Mail.ReadBasic.All) reaches every mailbox in the
//   tenant unless Exchange limits it. The limit is modelled as "this app may reach these mailboxes" (app.mailboxScope),
//   which is what RBAC for Applications (New-ManagementScope + New-ManagementRoleAssignment -App … -CustomResourceScope,
//   "Role Based Access Control for Applications in Exchange Online",
//   https://learn.microsoft.com/exchange/permissions-exo/application-rbac) and the older application access policy
//   (New-ApplicationAccessPolicy -AccessRight RestrictAccess, "Limiting application permissions to specific Exchange
//   Online mailboxes", https://learn.microsoft.com/graph/auth-limit-mailbox-access) both amount to for one app.
//   Out of scope, Graph answers 403 ErrorAccessDenied "Access to OData is disabled: [RAOP] : Blocked by tenant
//   configured AppOnly AccessPolicy settings." — the body tenants report for a blocked app-only read; the Graph page's
//   "Handling API errors" shows it as "Access to OData is disabled." (the app's verdict accepts both).
// - IMAP/POP: IMAP.AccessAsApp / POP.AccessAsApp open a mailbox only when Exchange knows the app's service principal
//   (New-ServicePrincipal with the Enterprise application's object id) and that principal has FullAccess to the mailbox
//   (Add-MailboxPermission -AccessRights FullAccess), "Authenticate an IMAP, POP or SMTP connection using OAuth",
//   https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth.
//   Modelled as app.exchangeServicePrincipal.fullAccessTo.
// Kept out of server.ts so the endpoints there only ask: may this app reach this mailbox?
import { createHash } from 'node:crypto';
import type { AppRegistration, Directory, DirectoryUser } from './directory';
import { findUser } from './directory';

/** The Graph body for an app-only read of a mailbox outside the app's scope. */
export const OUT_OF_SCOPE = {
  status: 403,
  code: 'ErrorAccessDenied',
  message: 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
} as const;

export const findAppByClientId = (dir: Directory, clientId: unknown): AppRegistration | undefined =>
  typeof clientId === 'string' ? dir.apps.find((a) => a.clientId === clientId.toLowerCase()) : undefined;

/** Exchange's scope for the app: none set means every mailbox in the tenant. */
export function inMailboxScope(app: AppRegistration | undefined, mailbox: DirectoryUser): boolean {
  const scope = app?.mailboxScope;
  if (scope === undefined) return true;
  return scope.some((m) => m.toLowerCase() === mailbox.upn.toLowerCase());
}

/** The roles that let an app-only token open a mailbox over IMAP or POP, or authenticate SMTP AUTH as it. */
const PROTOCOL_ROLES = ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp'];

/**
 * The account an app-only Exchange token opens over IMAP/POP, for the Dovecot introspection: the mailbox the app's
 * Exchange service principal has FullAccess to. Dovecot 2.3's oauth2 passdb posts only the token (not the XOAUTH2
 * user=), so the introspection cannot see which mailbox is asked for; it answers the principal's (first) FullAccess
 * mailbox and Dovecot refuses any other user= as a username mismatch. Undefined: no role, no service principal or no
 * FullAccess — Exchange answers "AUTHENTICATE failed".
 */
export function appOnlyProtocolMailbox(
  dir: Directory,
  clientId: unknown,
  roles: readonly string[],
): string | undefined {
  if (!roles.some((r) => PROTOCOL_ROLES.includes(r))) return undefined;
  const app = findAppByClientId(dir, clientId);
  const first = app?.exchangeServicePrincipal?.fullAccessTo[0];
  return first === undefined ? undefined : findUser(dir, first)?.upn;
}

/** A read-only GET /users/{id}/messages (or …/mailFolders/inbox/messages) answer: ids, and a subject only if selected. */
export function messagesReply(host: string, target: DirectoryUser, url: URL): Record<string, unknown> {
  const top = Math.max(1, Math.min(10, Number(url.searchParams.get('$top') ?? '10') || 10));
  const select = (url.searchParams.get('$select') ?? '').split(',').map((s) => s.trim().toLowerCase());
  const items = [1, 2, 3].slice(0, top).map((n) => ({
    id: createHash('sha256').update(`message:${target.oid}:${n}`).digest('base64url'),
    ...(select.includes('subject') ? { subject: `Seeded message ${n} for ${target.displayName}` } : {}),
  }));
  return { '@odata.context': `https://${host}/v1.0/$metadata#users('${target.upn}')/messages`, value: items };
}
