// Lint rules on the scope string: empty, wrong separators or line breaks, duplicates, offline_access missing,
// two resources in one request, Exchange permissions as short names, scopes that do not fit the protocols, and
// scope hosts of another cloud than the endpoints or the selected cloud.
import { cloudForLoginHost, sameCloudFamily } from '../../cloud/clouds';
import { fillScope, scopeHostsFor, scopesFor, type ScopeHosts } from '../../cloud/scopes';
import { cloudLabel, fieldLabel, type Hit, type KnownCloud, type LintContext, type LintRule } from './context';

const isUsGov = (id: KnownCloud) => id === 'usgov-high' || id === 'usgov-dod';

/** The scopes the selected protocols need, in the preset's order ([] when the hosts are unknown). */
const expectedScopes = (c: LintContext): string[] => (c.hosts ? scopesFor(c.preset, c.input.protocols, c.hosts) : []);

/** The cloud the endpoints point at, when both agree (or only one is given) and the host is known. */
function endpointCloud(c: LintContext): KnownCloud | undefined {
  const clouds = [c.authorize, c.token]
    .flatMap((e) => (e ? [cloudForLoginHost(e.host)] : []))
    .filter((x): x is KnownCloud => x !== undefined);
  return clouds[0];
}

function scopeCloudHit(
  c: LintContext,
  when: (scopeCloud: KnownCloud, ref: KnownCloud) => boolean,
  say: (ref: KnownCloud, src: 'endpoints' | 'selected cloud') => { message: string; nextStep: string },
): Hit | undefined {
  const ep = endpointCloud(c);
  const ref = ep ?? (c.input.cloud === 'custom' ? undefined : c.input.cloud);
  if (ref === undefined) return undefined;
  const bad = c.scopes.filter((s) => s.cloud !== undefined && when(s.cloud, ref));
  if (bad.length === 0) return undefined;
  const h = say(ref, ep ? 'endpoints' : 'selected cloud');
  return { ...h, detail: bad.map((s) => s.raw).join(' ') };
}

export const SCOPE_RULES: readonly LintRule[] = [
  {
    // Microsoft's dates (Deprecation of Exchange Web Services in Exchange Online): blocked from 1 October 2026
    // unless an admin keeps EWS on with an allow list, removed in April 2027.
    code: 'PROTOCOL_EWS_RETIRING',
    severity: 'warning',
    field: 'protocols',
    summary: 'Exchange Web Services is being turned off in Exchange Online.',
    check: (c) =>
      c.input.protocols.includes('ews')
        ? {
            message:
              'Exchange Web Services (EWS) is being turned off in Exchange Online: blocked from October 2026 (unless an admin keeps it on with an allow list) and removed in April 2027.',
            nextStep:
              'Move the product to Microsoft Graph (Mail.Send to send, Mail.ReadWrite to read) and authorize the mailbox for it; ask the vendor for a version that no longer needs EWS.',
          }
        : undefined,
  },
  {
    code: 'SCOPES_MISSING',
    severity: 'error',
    field: 'scopes',
    summary: 'No scopes.',
    check: (c) =>
      c.scopeTokens.length === 0
        ? {
            message: `${fieldLabel(c, 'scopes')} is empty, so the token would carry no mail permission.`,
            nextStep: `Enter: ${expectedScopes(c).join(' ') || 'the scopes for your protocol'}`,
          }
        : undefined,
  },
  {
    code: 'SCOPE_SEPARATOR',
    severity: 'error',
    field: 'scopes',
    summary: 'Scopes separated by commas or semicolons.',
    check: (c) => {
      const m = /[,;]/.exec(c.input.scopes);
      return m
        ? {
            message: `${fieldLabel(c, 'scopes')} uses "${m[0]}" between scopes; Entra reads the whole thing as one unknown scope (AADSTS70011).`,
            nextStep: `Separate scopes with single spaces: ${c.scopeTokens.join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_NEWLINE',
    severity: 'error',
    field: 'scopes',
    summary: 'Line breaks in a single-line scope field.',
    check: (c) =>
      c.preset.scopeEntry === 'single-field' && /[\r\n]/.test(c.input.scopes.trim())
        ? {
            message: `${fieldLabel(c, 'scopes')} contains line breaks; ${c.preset.label} sends the field as typed, and a line break is not a scope separator.`,
            nextStep: `Put all scopes on one line separated by single spaces: ${c.scopeTokens.join(' ')}`,
          }
        : undefined,
  },
  {
    code: 'SCOPE_EXTRA_SPACES',
    severity: 'warning',
    field: 'scopes',
    summary: 'Leading, trailing or doubled spaces in the scope string.',
    check: (c) => {
      if (c.preset.scopeEntry !== 'single-field') return undefined;
      const s = c.input.scopes;
      if (s === '' || /[\r\n,;]/.test(s)) return undefined;
      return s !== s.trim() || / {2,}|\t/.test(s)
        ? {
            message: `${fieldLabel(c, 'scopes')} has extra spaces at the ends or between scopes; some products pass them on and the request fails.`,
            nextStep: `Use exactly: ${c.scopeTokens.join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_DUPLICATE',
    severity: 'warning',
    field: 'scopes',
    summary: 'The same scope listed twice.',
    check: (c) => {
      const seen = new Set<string>();
      const dups: string[] = [];
      for (const s of c.scopes) {
        const k = `${s.resource}|${s.host ?? ''}|${s.name.toLowerCase()}`;
        if (seen.has(k) && !dups.includes(s.raw)) dups.push(s.raw);
        seen.add(k);
      }
      return dups.length
        ? {
            message: `${fieldLabel(c, 'scopes')} lists ${dups.join(', ')} more than once.`,
            nextStep: 'Keep each scope once.',
            detail: dups.join(' '),
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_OFFLINE_ACCESS_MISSING',
    severity: 'error',
    field: 'scopes',
    summary: 'offline_access missing: no refresh token.',
    check: (c) =>
      c.scopeTokens.length > 0 && !c.scopes.some((s) => s.name.toLowerCase() === 'offline_access')
        ? {
            message:
              'offline_access is not requested, so no refresh token is issued: mail works for about an hour and then stops.',
            nextStep: `Add offline_access to ${fieldLabel(c, 'scopes')} (and as a delegated permission on the app registration).`,
          }
        : undefined,
  },
  {
    code: 'SCOPE_MIXED_RESOURCES',
    severity: 'error',
    field: 'scopes',
    summary: 'Scopes of two resources (Graph and Exchange) in one token request.',
    check: (c) => {
      const res = new Set(
        c.scopes
          .filter((s) => s.resource === 'graph' || s.resource === 'outlook')
          .map((s) => `${s.resource}:${s.form === 'short' ? 'short' : s.host}`),
      );
      const kinds = new Set(
        c.scopes.filter((s) => s.resource === 'graph' || s.resource === 'outlook').map((s) => s.resource),
      );
      if (kinds.size < 2 && res.size < 2) return undefined;
      if (kinds.size < 2) {
        const hosts = new Set(
          c.scopes
            .filter((s) => s.form === 'full' && (s.resource === 'graph' || s.resource === 'outlook'))
            .map((s) => s.host),
        );
        if (hosts.size < 2) return undefined;
      }
      return {
        message:
          'The scopes name two resources (e.g. Graph and Exchange Online); one access token is for one resource, so Entra refuses the request (AADSTS28000 / 700022).',
        nextStep:
          'Keep only the scopes of one resource per product configuration; configure Graph and IMAP/SMTP as separate OAuth profiles.',
      };
    },
  },
  {
    code: 'SCOPE_SHORT_EXCHANGE',
    severity: 'error',
    field: 'scopes',
    summary: 'Exchange permission written as a short name (means Graph).',
    check: (c) => {
      const bad = c.scopes.filter((s) => s.resource === 'outlook' && s.form === 'short').map((s) => s.raw);
      const host = (c.hosts ?? scopeHostsFor('global')).outlook;
      return bad.length
        ? {
            message: `${bad.join(', ')} written without a resource is resolved against Microsoft Graph, where that permission does not exist; Exchange rejects the token.`,
            nextStep: `Write the full URI: ${bad.map((b) => `https://${host}/${b}`).join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_SHORT_NAME',
    severity: 'warning',
    field: 'scopes',
    summary: 'Short scope names where the product needs full URIs.',
    check: (c) => {
      if (c.preset.scopeFormat !== 'full-uri') return undefined;
      const bad = c.scopes.filter((s) => s.resource === 'graph' && s.form === 'short').map((s) => s.raw);
      const host = (c.hosts ?? scopeHostsFor('global')).graph;
      return bad.length
        ? {
            message: `${c.preset.label} expects full scope URIs; ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} a short name.`,
            nextStep: `Use ${bad.map((b) => `https://${host}/${b}`).join(' ')}`,
          }
        : undefined;
    },
  },
  {
    code: 'SCOPE_PROTOCOL_MISMATCH',
    severity: 'error',
    field: 'scopes',
    summary: 'Graph scopes with an IMAP/POP/SMTP protocol, or Exchange scopes with Graph.',
    check: (c) => {
      const wantsExchange = c.input.protocols.some((p) => p === 'imap' || p === 'pop' || p === 'smtp' || p === 'ews');
      const wantsGraph = c.input.protocols.some((p) => p === 'graph-read' || p === 'graph-send');
      const hasGraph = c.scopes.some((s) => s.resource === 'graph' && s.name.toLowerCase() !== 'offline_access');
      const hasExchange = c.scopes.some((s) => s.resource === 'outlook');
      if (wantsExchange && !wantsGraph && hasGraph && !hasExchange)
        return {
          message:
            'The protocol is IMAP/POP/SMTP but the scopes are Microsoft Graph permissions; the token is for Graph and the mail server rejects it (AUTHENTICATE failed).',
          nextStep: `Use the Exchange scopes: ${expectedScopes(c).join(' ')}`,
        };
      if (wantsGraph && !wantsExchange && hasExchange && !hasGraph)
        return {
          message:
            'The protocol is Microsoft Graph but the scopes are Exchange IMAP/POP/SMTP permissions; Graph rejects that token (401).',
          nextStep: `Use the Graph scopes: ${expectedScopes(c).join(' ')}`,
        };
      return undefined;
    },
  },
  {
    code: 'SCOPE_MISSING_FOR_PROTOCOL',
    severity: 'warning',
    field: 'scopes',
    summary: 'A selected protocol has no scope in the scope string.',
    check: (c) => {
      if (!c.hosts || c.scopeTokens.length === 0) return undefined;
      const names = new Set(c.scopes.map((s) => s.name.toLowerCase()));
      return c.preset.protocols
        .filter((p) => c.input.protocols.includes(p.id))
        .flatMap((p) => {
          const main = p.scopes
            .map((s) => fillScope(s, c.hosts as ScopeHosts))
            .filter((s) => !/offline_access$/.test(s));
          const missing = main.filter((m) => !names.has((m.split('/').pop() ?? m).toLowerCase()));
          return missing.length
            ? [
                {
                  message: `${p.label} is selected but ${missing.join(', ')} is not requested.`,
                  nextStep: `Add ${missing.join(' ')} to ${fieldLabel(c, 'scopes')}, or unselect ${p.label}.`,
                },
              ]
            : [];
        });
    },
  },
  {
    code: 'SCOPE_GCC_HIGH_ON_GLOBAL',
    severity: 'error',
    field: 'scopes',
    summary: 'US Government (.us) scopes with Global endpoints or cloud.',
    check: (c) =>
      scopeCloudHit(
        c,
        (scope, ref) => isUsGov(scope) && ref === 'global',
        (ref, src) => ({
          message: `The scopes use US Government (.us) hosts but the ${src} ${src === 'endpoints' ? 'are' : 'is'} ${cloudLabel(ref)}; GCC High scopes on a commercial or plain GCC tenant fail.`,
          nextStep: `Use the ${cloudLabel(ref)} scopes: ${expectedScopes(c).join(' ') || 'https://outlook.office.com/…'}`,
        }),
      ),
  },
  {
    code: 'SCOPE_GLOBAL_ON_GCC_HIGH',
    severity: 'error',
    field: 'scopes',
    summary: 'Global scopes with US Government endpoints or cloud.',
    check: (c) =>
      scopeCloudHit(
        c,
        (scope, ref) => scope === 'global' && isUsGov(ref),
        (ref, src) => ({
          message: `The scopes use Global hosts (outlook.office.com / graph.microsoft.com) but the ${src} ${src === 'endpoints' ? 'are' : 'is'} ${cloudLabel(ref)}; a GCC High or DoD tenant needs the .us resources.`,
          nextStep: `Use the ${cloudLabel(ref)} scopes: ${expectedScopes(c).join(' ')}`,
        }),
      ),
  },
  {
    code: 'SCOPE_CLOUD_MISMATCH',
    severity: 'error',
    field: 'scopes',
    summary: 'Scopes of another cloud than the endpoints or the selected cloud (other than the GCC cases).',
    check: (c) =>
      scopeCloudHit(
        c,
        (scope, ref) =>
          !sameCloudFamily(scope, ref) &&
          !(isUsGov(scope) && ref === 'global') &&
          !(scope === 'global' && isUsGov(ref)),
        (ref, src) => ({
          message: `Some scopes belong to another cloud than the ${src} (${cloudLabel(ref)}); the resource does not exist in that cloud.`,
          nextStep: `Use the ${cloudLabel(ref)} scope hosts: ${expectedScopes(c).join(' ')}`,
        }),
      ),
  },
];
