// The reads of one audit, in the order their answers depend on each other: the app registration, its enterprise
// application and the mailbox accounts at once; then the resource principals named by its API permissions, its
// delegated consent grants and its app role assignments. Returns every Reading for shared/audit/process.ts. Used by
// the app's audit (after the admin's sign-in) and by `cli audit` (a token from stdin or client credentials).
import { EXCHANGE_RESOURCE_APP_ID, GRAPH_RESOURCE_APP_ID } from '../../../shared/audit/graph-calls';
import type { AuditReadings, Reading } from '../../../shared/audit/process';
import {
  GraphApplicationSchema,
  GraphAppRoleAssignmentSchema,
  GraphPermissionGrantSchema,
  GraphServicePrincipalSchema,
  GraphUserSchema,
  type AuditTarget,
  type GraphServicePrincipal,
} from '../../../shared/audit/schema';
import type { GraphReader } from './graph-reader';

/** OData string literal: a quote inside is doubled. */
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const USER_SELECT = '$select=id,userPrincipalName,mail,accountEnabled,userType,assignedPlans';
const skipped = (why: string): Reading<never> => ({ status: 'skipped', why });

/** The one object a `$filter=… eq …` list found, or undefined when it found none. */
function single<T>(r: Reading<T[]>): Reading<T | undefined> {
  return r.status === 'ok' ? { status: 'ok', value: r.value[0] } : r;
}

export async function readDirectory(reader: GraphReader, target: AuditTarget): Promise<AuditReadings> {
  const clientId = target.clientId.trim();
  const user = (upn: string | undefined) =>
    upn === undefined
      ? Promise.resolve(skipped('no account given'))
      : reader.get(`/users/${encodeURIComponent(upn.trim())}?${USER_SELECT}`, GraphUserSchema);
  const delegate =
    target.signInAccount !== undefined &&
    target.mailbox !== undefined &&
    target.signInAccount.toLowerCase() !== target.mailbox.toLowerCase();

  const [application, servicePrincipal, mailbox, signInAccount] = await Promise.all([
    reader
      .list(`/applications?$filter=${encodeURIComponent(`appId eq ${literal(clientId)}`)}`, GraphApplicationSchema)
      .then(single),
    reader
      .list(
        `/servicePrincipals?$filter=${encodeURIComponent(`appId eq ${literal(clientId)}`)}`,
        GraphServicePrincipalSchema,
      )
      .then(single),
    user(target.mailbox ?? target.signInAccount),
    delegate ? user(target.signInAccount) : Promise.resolve(skipped('not delegate mode')),
  ]);

  const app = application.status === 'ok' ? application.value : undefined;
  const sp = servicePrincipal.status === 'ok' ? servicePrincipal.value : undefined;
  // The APIs whose permission names the registration uses, plus the two a mail product needs anyway.
  const resourceAppIds = [
    ...new Set([
      GRAPH_RESOURCE_APP_ID,
      EXCHANGE_RESOURCE_APP_ID,
      ...(app?.requiredResourceAccess.map((r) => r.resourceAppId) ?? []),
    ]),
  ];
  const [resourceReads, grants, appRoles] = await Promise.all([
    app === undefined
      ? Promise.resolve([])
      : Promise.all(
          resourceAppIds.map((id) =>
            reader.list(
              `/servicePrincipals?$filter=${encodeURIComponent(`appId eq ${literal(id)}`)}`,
              GraphServicePrincipalSchema,
            ),
          ),
        ),
    sp === undefined
      ? Promise.resolve(skipped('no enterprise application'))
      : reader.list(
          `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq ${literal(sp.id)}`)}`,
          GraphPermissionGrantSchema,
        ),
    sp === undefined
      ? Promise.resolve(skipped('no enterprise application'))
      : reader.list(`/servicePrincipals/${encodeURIComponent(sp.id)}/appRoleAssignments`, GraphAppRoleAssignmentSchema),
  ]);
  let resources: Reading<readonly GraphServicePrincipal[]> = skipped('no app registration');
  if (app !== undefined) {
    const value: GraphServicePrincipal[] = [];
    resources = { status: 'ok', value };
    for (const r of resourceReads) {
      if (r.status !== 'ok') {
        resources = r;
        break;
      }
      value.push(...r.value);
    }
  }
  return { application, servicePrincipal, resources, grants, appRoles, mailbox, signInAccount };
}
