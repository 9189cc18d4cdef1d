// Turns a preset's scope templates into the exact scope strings for one cloud, and the reverse: classifies a
// scope string the user typed (resource, cloud, short or full). Pure; used by presets, lint and the field sheet.
import { cloudForResourceHost, type CloudId, type ResourceKind } from '../cloud/clouds';
import { hostsFor, type CustomAuthorityHosts } from '../cloud/hosts';
import type { Preset, ProtocolId } from './schema';

type KnownCloud = Exclude<CloudId, 'custom'>;

/** The hosts a scope template can name, for a known cloud or a custom authority. */
export interface ScopeHosts {
  readonly graph: string;
  readonly outlook: string;
}

/** The Graph and Outlook resource hosts scope templates are filled with, for a cloud or a custom authority. */
export function scopeHostsFor(cloud: CloudId, customAuthority?: CustomAuthorityHosts): ScopeHosts {
  const h = hostsFor(cloud, customAuthority);
  return { graph: h.graphHost.value, outlook: h.outlookResourceHost.value };
}

export const fillScope = (template: string, hosts: ScopeHosts): string =>
  template.replace('{graph}', hosts.graph).replace('{outlook}', hosts.outlook);

/** Scopes for the selected protocols, de-duplicated, in the preset's order. */
export function scopesFor(preset: Preset, protocols: readonly ProtocolId[], hosts: ScopeHosts): string[] {
  const out: string[] = [];
  for (const p of preset.protocols) {
    if (!protocols.includes(p.id)) continue;
    for (const s of p.scopes) {
      const filled = fillScope(s, hosts);
      if (!out.includes(filled)) out.push(filled);
    }
  }
  return out;
}

/** OIDC / refresh scopes that belong to no resource and may ride along with any resource's scopes. */
export const RESOURCELESS_SCOPES = new Set(['offline_access', 'openid', 'profile', 'email']);

/** Exchange delegated permission names: short forms of these mean nothing to Graph. */
export const OUTLOOK_PERMISSIONS = new Set([
  'IMAP.AccessAsUser.All',
  'POP.AccessAsUser.All',
  'SMTP.Send',
  'EWS.AccessAsUser.All',
  'IMAP.AccessAsApp',
  'POP.AccessAsApp',
  'full_access_as_app',
]);

export interface ClassifiedScope {
  readonly raw: string;
  /** Permission name without resource (`Mail.Read`, `offline_access`, `.default`). */
  readonly name: string;
  /** 'none' for offline_access/openid…; 'unknown' for a URI host we do not recognise. */
  readonly resource: ResourceKind | 'none' | 'unknown';
  /** Cloud of the resource host, when the scope is a full URI on a known host. */
  readonly cloud?: KnownCloud;
  readonly host?: string;
  readonly form: 'full' | 'short';
}

export function classifyScope(raw: string, extraHosts?: ScopeHosts): ClassifiedScope {
  const m = /^(?:https?:\/\/)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?)\/(.+)$/.exec(raw);
  if (m) {
    const host = (m[1] ?? '').toLowerCase();
    const name = m[2] ?? '';
    if (extraHosts && host === extraHosts.graph.toLowerCase())
      return { raw, name, resource: 'graph', host, form: 'full' };
    if (extraHosts && host === extraHosts.outlook.toLowerCase())
      return { raw, name, resource: 'outlook', host, form: 'full' };
    const known = cloudForResourceHost(host);
    if (known) return { raw, name, resource: known.kind, cloud: known.cloud, host, form: 'full' };
    return { raw, name, resource: 'unknown', host, form: 'full' };
  }
  if (RESOURCELESS_SCOPES.has(raw)) return { raw, name: raw, resource: 'none', form: 'short' };
  // A bare permission name: Entra resolves it against Microsoft Graph.
  return { raw, name: raw, resource: OUTLOOK_PERMISSIONS.has(raw) ? 'outlook' : 'graph', form: 'short' };
}
