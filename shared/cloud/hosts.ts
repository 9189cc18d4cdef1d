// Owns the hosts of one cloud (or custom authority): login host, Microsoft Graph host, the Exchange (Outlook)
// resource hosts and the IMAP/POP/SMTP endpoints, each marked verified or derived with why; and the authority
// URL and v2 endpoints built on the login host. Every other module asks here instead of reading CLOUDS itself.
import { CLOUDS, type Cloud, type CloudId, type Sourced } from './clouds';
import type { CustomAuthority } from './schema';

/** What a custom authority (the emulator, a test tenant) names; a missing resource host falls back to Global's. */
export type CustomAuthorityHosts = Partial<
  Pick<CustomAuthority, 'authorityHost' | 'graphHost' | 'outlookResourceHost'>
>;

/** One cloud's hosts as the CLOUDS table states them, for a known cloud or a custom authority. */
export type CloudHosts = Omit<Cloud, 'id' | 'loginHost' | 'legacyLoginHosts'> & {
  readonly cloud: CloudId;
  /** host[:port] of the authority (login.microsoftonline.com); undefined for a custom authority without a host. */
  readonly loginHost: string | undefined;
};

const CUSTOM_LABEL = 'Custom authority';
const NO_MAIL_HOSTS =
  'A custom authority has no published mail hosts: the Global hosts are shown; use your test server’s if it differs.';

const custom = <T>(value: T, note: string): Sourced<T> => ({ value, verified: false, note });

/**
 * The hosts of a cloud. A custom authority has its own login host and (when it names them) its own Graph and
 * Outlook resource hosts; everything it does not name is Global's, marked unverified with a note saying so.
 */
export function hostsFor(cloud: CloudId, customAuthority?: CustomAuthorityHosts | undefined): CloudHosts {
  if (cloud !== 'custom') {
    const c = CLOUDS[cloud];
    return {
      cloud,
      label: c.label,
      loginHost: c.loginHost,
      graphHost: c.graphHost,
      outlookResourceHost: c.outlookResourceHost,
      outlookAppOnlyResourceHost: c.outlookAppOnlyResourceHost,
      imap: c.imap,
      pop: c.pop,
      smtp: c.smtp,
    };
  }
  const g = CLOUDS.global;
  const named = (value: string | undefined, fallback: string, what: string): Sourced<string> =>
    value !== undefined && value !== ''
      ? custom(value, 'Named by the custom authority.')
      : custom(fallback, `The custom authority names no ${what}: Microsoft’s Global one is assumed.`);
  const login = customAuthority?.authorityHost;
  return {
    cloud,
    label: CUSTOM_LABEL,
    loginHost: login === undefined || login === '' ? undefined : login,
    graphHost: named(customAuthority?.graphHost, g.graphHost.value, 'Graph host'),
    outlookResourceHost: named(customAuthority?.outlookResourceHost, g.outlookResourceHost.value, 'Outlook host'),
    outlookAppOnlyResourceHost: custom(
      g.outlookAppOnlyResourceHost.value,
      'A custom authority names no app-only Exchange resource: Microsoft’s Global one is assumed.',
    ),
    imap: custom(g.imap.value, NO_MAIL_HOSTS),
    pop: custom(g.pop.value, NO_MAIL_HOSTS),
    smtp: custom(g.smtp.value, NO_MAIL_HOSTS),
  };
}

/** One line for a value Microsoft does not spell out for this cloud (what the UI shows next to it); undefined when it does. */
export function unverifiedNote(hosts: CloudHosts, value: Sourced<unknown>): string | undefined {
  if (value.verified) return undefined;
  if (hosts.cloud === 'custom') return value.note ?? NO_MAIL_HOSTS;
  return `Derived for ${hosts.label}, not spelled out by Microsoft: ${value.note ?? 'check it with your tenant.'}`;
}

/** The cloud (or custom authority) and tenant an authority is built from: a run, a profile, an authorize config. */
export interface AuthorityInput {
  readonly cloud: CloudId;
  readonly customAuthority?: CustomAuthorityHosts | undefined;
  readonly tenant: string;
}

/** https://<login host>/<tenant>, what MSAL takes as `authority`, with the host it must trust; undefined without a host. */
export function authorityOf(cfg: AuthorityInput): { readonly authority: string; readonly host: string } | undefined {
  const host = hostsFor(cfg.cloud, cfg.customAuthority).loginHost;
  if (host === undefined) return undefined;
  return { authority: `https://${host}/${encodeURIComponent(cfg.tenant.trim())}`, host };
}

export interface V2Endpoints {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
}

/** The v2 authorization and token endpoints; undefined without a login host or a tenant. */
export function v2EndpointsFor(cfg: AuthorityInput): V2Endpoints | undefined {
  const a = cfg.tenant.trim() === '' ? undefined : authorityOf(cfg);
  if (a === undefined) return undefined;
  const base = `${a.authority}/oauth2/v2.0`;
  return { authorizeUrl: `${base}/authorize`, tokenUrl: `${base}/token` };
}
