// The Microsoft clouds the product knows: login, Graph, Outlook resource and mail protocol hosts.
// Sources (checked with the docs search against Microsoft's published pages):
//  - entra-docs `authentication-national-cloud.md` (learn.microsoft.com/entra/identity-platform/
//    authentication-national-cloud): Entra authentication base URLs are login.microsoftonline.com (global),
//    login.microsoftonline.us (US Government, GCC High and DoD share it) and login.partner.microsoftonline.cn
//    (21Vianet). MSAL and older pages still name login.chinacloudapi.cn for China: kept as a legacy host.
//  - microsoft-graph-docs `deployments.md` (learn.microsoft.com/graph/deployments): Graph service roots
//    graph.microsoft.com, graph.microsoft.us (L4: GCC High), dod-graph.microsoft.us (L5: DoD),
//    microsoftgraph.chinacloudapi.cn. The same page notes short Graph scope names are valid in every cloud.
//  - Exchange `how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth.md`: Global delegated scopes
//    are https://outlook.office.com/{IMAP.AccessAsUser.All|POP.AccessAsUser.All|SMTP.Send}; app-only uses
//    https://outlook.office365.com/.default. Only the Global values are spelled out there.
//  - Microsoft 365 endpoint lists / POP-IMAP settings: outlook.office365.com 993/995, smtp.office365.com 587.
//  - Atlassian KB "Detailed steps to configure OAuth 2.0 integration with Microsoft Azure": GCC High and DoD
//    scopes on https://outlook.office365.us/... (not Microsoft).
// Values that Microsoft does not spell out are marked `verified: false` with a note; the UI says so and lets
// the user override hosts. Read one cloud's hosts through hostsFor (hosts.ts); CLOUDS is read directly only to
// look a host up across all clouds (cloudForLoginHost, cloudForResourceHost).
// No zod here: the renderer draws its cloud pickers from this table, and the schemas (schema.ts) stay with main,
// the contract and the tests.

export const CLOUD_IDS = ['global', 'usgov-high', 'usgov-dod', 'china', 'custom'] as const;
export type CloudId = (typeof CLOUD_IDS)[number];

/** A value from outside (a picker, a file) parsed as a cloud id; the contract parses with CloudIdSchema instead. */
export const isCloudId = (value: unknown): value is CloudId =>
  typeof value === 'string' && (CLOUD_IDS as readonly string[]).includes(value);

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface Sourced<T> {
  readonly value: T;
  /** true when Microsoft documents this value for this cloud; false when derived by pattern. */
  readonly verified: boolean;
  readonly note?: string;
}

export interface Cloud {
  readonly id: Exclude<CloudId, 'custom'>;
  readonly label: string;
  /** Authority host, e.g. login.microsoftonline.com. */
  readonly loginHost: string;
  /** Other login hosts seen in older docs for the same cloud. */
  readonly legacyLoginHosts: readonly string[];
  readonly graphHost: Sourced<string>;
  /** Resource for delegated IMAP/POP/SMTP scopes: https://<host>/IMAP.AccessAsUser.All. */
  readonly outlookResourceHost: Sourced<string>;
  /** Resource for app-only (client credentials) Exchange access: https://<host>/.default. */
  readonly outlookAppOnlyResourceHost: Sourced<string>;
  readonly imap: Sourced<HostPort>;
  readonly pop: Sourced<HostPort>;
  readonly smtp: Sourced<HostPort>;
}

const v = <T>(value: T, note?: string): Sourced<T> =>
  note === undefined ? { value, verified: true } : { value, verified: true, note };
const derived = <T>(value: T, note: string): Sourced<T> => ({ value, verified: false, note });

export const CLOUDS: Readonly<Record<Exclude<CloudId, 'custom'>, Cloud>> = {
  global: {
    id: 'global',
    label: 'Global (incl. GCC)',
    loginHost: 'login.microsoftonline.com',
    legacyLoginHosts: ['login.windows.net', 'sts.windows.net'],
    graphHost: v('graph.microsoft.com'),
    outlookResourceHost: v('outlook.office.com'),
    outlookAppOnlyResourceHost: v('outlook.office365.com'),
    imap: v({ host: 'outlook.office365.com', port: 993 }),
    pop: v({ host: 'outlook.office365.com', port: 995 }),
    smtp: v({ host: 'smtp.office365.com', port: 587 }),
  },
  'usgov-high': {
    id: 'usgov-high',
    label: 'US Government GCC High',
    loginHost: 'login.microsoftonline.us',
    legacyLoginHosts: [],
    graphHost: v('graph.microsoft.us'),
    outlookResourceHost: derived(
      'outlook.office365.us',
      'Atlassian KB lists these scopes; Microsoft does not spell them out.',
    ),
    outlookAppOnlyResourceHost: derived(
      'outlook.office365.us',
      'Follows the Global pattern on the GCC High Exchange host.',
    ),
    imap: v({ host: 'outlook.office365.us', port: 993 }),
    pop: v({ host: 'outlook.office365.us', port: 995 }),
    smtp: derived(
      { host: 'smtp.office365.us', port: 587 },
      'Some tenants use outlook.office365.us:587; override if needed.',
    ),
  },
  'usgov-dod': {
    id: 'usgov-dod',
    label: 'US Government DoD',
    loginHost: 'login.microsoftonline.us',
    legacyLoginHosts: [],
    graphHost: v('dod-graph.microsoft.us'),
    // Atlassian's OAuth 2.0 / Azure KB uses outlook.office365.us for DoD too; Microsoft's DoD endpoint list names
    // outlook-dod.office365.us (and webmail.apps.mil). Neither is spelled out for OAuth scopes.
    outlookResourceHost: derived(
      'outlook-dod.office365.us',
      'Docs disagree: Atlassian uses outlook.office365.us for DoD; webmail.apps.mil is also listed.',
    ),
    outlookAppOnlyResourceHost: derived(
      'outlook-dod.office365.us',
      'Follows the Global pattern on the DoD Exchange host.',
    ),
    imap: derived({ host: 'outlook-dod.office365.us', port: 993 }, 'Derived from the DoD Exchange host.'),
    pop: derived({ host: 'outlook-dod.office365.us', port: 995 }, 'Derived from the DoD Exchange host.'),
    smtp: derived({ host: 'outlook-dod.office365.us', port: 587 }, 'Derived from the DoD Exchange host.'),
  },
  china: {
    id: 'china',
    label: 'China (operated by 21Vianet)',
    loginHost: 'login.partner.microsoftonline.cn',
    legacyLoginHosts: ['login.chinacloudapi.cn'],
    graphHost: v('microsoftgraph.chinacloudapi.cn'),
    outlookResourceHost: derived('partner.outlook.cn', 'Derived from the 21Vianet Exchange host.'),
    outlookAppOnlyResourceHost: derived('partner.outlook.cn', 'Derived from the 21Vianet Exchange host.'),
    imap: derived({ host: 'partner.outlook.cn', port: 993 }, 'Derived from the 21Vianet Exchange host.'),
    pop: derived({ host: 'partner.outlook.cn', port: 995 }, 'Derived from the 21Vianet Exchange host.'),
    smtp: derived({ host: 'partner.outlook.cn', port: 587 }, 'Derived from the 21Vianet Exchange host.'),
  },
};

export const CLOUD_LIST: readonly { id: CloudId; label: string }[] = [
  ...Object.values(CLOUDS).map((c) => ({ id: c.id, label: c.label })),
  { id: 'custom', label: 'Custom authority (host + CA file)' },
];

/** The login hosts of every cloud, current and legacy: where Microsoft's authorities (and token issuers) live. */
export const LOGIN_HOSTS: readonly string[] = Object.values(CLOUDS).flatMap((c) => [
  c.loginHost,
  ...c.legacyLoginHosts,
]);

// Every login host and Graph host we recognise, mapped to its cloud, built once: every token inspected asks both
// questions (issue 22). The first cloud listed wins a shared host (GCC High and DoD sign in at the same one), as the
// loop over CLOUDS did.
const CLOUD_BY_LOGIN_HOST = new Map<string, Exclude<CloudId, 'custom'>>();
const GRAPH_CLOUD_BY_HOST = new Map<string, Exclude<CloudId, 'custom'>>();
for (const c of Object.values(CLOUDS)) {
  for (const h of [c.loginHost, ...c.legacyLoginHosts])
    if (!CLOUD_BY_LOGIN_HOST.has(h)) CLOUD_BY_LOGIN_HOST.set(h, c.id);
  if (!GRAPH_CLOUD_BY_HOST.has(c.graphHost.value)) GRAPH_CLOUD_BY_HOST.set(c.graphHost.value, c.id);
}

export function cloudForLoginHost(host: string): Exclude<CloudId, 'custom'> | undefined {
  return CLOUD_BY_LOGIN_HOST.get(host.toLowerCase());
}

/** Every Exchange (Outlook) resource host we know, for any cloud, including alternates seen in docs. */
const EXTRA_OUTLOOK_HOSTS: Readonly<Record<string, Exclude<CloudId, 'custom'>>> = {
  'outlook.office365.com': 'global',
  'outlook.office.com': 'global',
  'outlook.office365.us': 'usgov-high',
  'outlook-dod.office365.us': 'usgov-dod',
  'webmail.apps.mil': 'usgov-dod',
  'partner.outlook.cn': 'china',
};

export type ResourceKind = 'graph' | 'outlook';

/**
 * Which cloud and which API a scope's resource host belongs to (`graph.microsoft.us` → GCC High Graph).
 * outlook.office365.us is claimed by GCC High although DoD tenants are told to use it too: callers that care
 * treat the two US clouds as one family (see sameCloudFamily).
 */
export function cloudForResourceHost(
  host: string,
): { cloud: Exclude<CloudId, 'custom'>; kind: ResourceKind } | undefined {
  const h = host.toLowerCase();
  const g = GRAPH_CLOUD_BY_HOST.get(h);
  if (g !== undefined) return { cloud: g, kind: 'graph' };
  // Own keys only: a host such as "constructor" must not read Object.prototype.
  const o = Object.hasOwn(EXTRA_OUTLOOK_HOSTS, h) ? EXTRA_OUTLOOK_HOSTS[h] : undefined;
  return o === undefined ? undefined : { cloud: o, kind: 'outlook' };
}

/** GCC High and DoD share a login host and, per Atlassian, the Exchange scope host: one family for mismatch checks. */
export function sameCloudFamily(a: Exclude<CloudId, 'custom'>, b: Exclude<CloudId, 'custom'>): boolean {
  const fam = (c: string) => (c.startsWith('usgov') ? 'usgov' : c);
  return fam(a) === fam(b);
}
