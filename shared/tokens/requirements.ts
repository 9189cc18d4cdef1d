// Owns what each mail protocol needs from a token (resource, delegated scopes, application roles). Product
// presets (shared/presets) map onto this small input; the defaults follow Microsoft's Exchange OAuth doc and
// Graph permission reference.
import type { Protocol, ProtocolRequirement } from './schema';

export const PROTOCOL_REQUIREMENTS: Readonly<Record<Protocol, Required<ProtocolRequirement>>> = {
  imap: {
    protocol: 'imap',
    resource: 'outlook',
    scopes: ['IMAP.AccessAsUser.All'],
    appRoles: ['IMAP.AccessAsApp'],
    mode: 'either',
  },
  pop: {
    protocol: 'pop',
    resource: 'outlook',
    scopes: ['POP.AccessAsUser.All'],
    appRoles: ['POP.AccessAsApp'],
    mode: 'either',
  },
  smtp: { protocol: 'smtp', resource: 'outlook', scopes: ['SMTP.Send'], appRoles: ['SMTP.SendAsApp'], mode: 'either' },
  'graph-read': {
    protocol: 'graph-read',
    resource: 'graph',
    scopes: ['Mail.ReadWrite'],
    appRoles: ['Mail.ReadWrite'],
    mode: 'either',
  },
  'graph-send': {
    protocol: 'graph-send',
    resource: 'graph',
    scopes: ['Mail.Send'],
    appRoles: ['Mail.Send'],
    mode: 'either',
  },
  'graph-shared': {
    protocol: 'graph-shared',
    resource: 'graph',
    scopes: ['Mail.ReadWrite.Shared'],
    appRoles: ['Mail.ReadWrite'],
    mode: 'either',
  },
  'graph-send-shared': {
    protocol: 'graph-send-shared',
    resource: 'graph',
    scopes: ['Mail.Send.Shared'],
    appRoles: ['Mail.Send'],
    mode: 'either',
  },
};

export const PROTOCOL_LABELS: Readonly<Record<Protocol, string>> = {
  imap: 'IMAP',
  pop: 'POP',
  smtp: 'SMTP',
  'graph-read': 'Graph mail read',
  'graph-send': 'Graph mail send',
  'graph-shared': 'Graph shared-mailbox read',
  'graph-send-shared': 'Graph shared-mailbox send',
};

/** Higher permissions that include a lower one (Mail.ReadWrite covers Mail.Read; .Shared covers the own mailbox). */
const IMPLIED_BY: Readonly<Record<string, readonly string[]>> = {
  'mail.read': ['mail.readwrite', 'mail.read.shared', 'mail.readwrite.shared'],
  'mail.readwrite': ['mail.readwrite.shared'],
  'mail.read.shared': ['mail.readwrite.shared'],
  'mail.send': ['mail.send.shared'],
};

/** Does a granted list (scp or roles) satisfy a required permission? Case-insensitive, with implications. */
export function grants(granted: readonly string[], required: string): boolean {
  const want = required.toLowerCase();
  // Own keys only: a required scope typed as "constructor" must not reach Object.prototype's.
  const implied = Object.hasOwn(IMPLIED_BY, want) ? IMPLIED_BY[want] : undefined;
  // A loop over the (short) list: a Set of lower-cased copies per call cost more than the comparisons (issue 22).
  for (const g of granted) {
    const have = g.toLowerCase();
    if (have === want || (implied !== undefined && implied.includes(have))) return true;
  }
  return false;
}
