// The identity providers the authorize e2e runs against, behind one shape: the Entra emulator (tests/emulator) and
// an Entra-shaped oidc-provider (tests/idp), which share no code. A spec takes a TestIdp and never asks which one it
// has; the app gets no hint either (a custom authority host and the CA file the admin chooses).
import { startEmulator, type Emulator } from '../emulator';
import { startIdp, type Idp } from '../idp';

export interface TestAccount {
  readonly upn: string;
  readonly password: string;
}

export interface TestIdp {
  /** For test titles only. */
  readonly name: string;
  /** host:port, what the admin types as the authority host. */
  readonly host: string;
  readonly caPem: string;
  /** The CA file the admin chooses in the open dialog. */
  readonly caPath: string;
  /** The tenant as the admin types it (a verified domain). */
  readonly tenant: string;
  /** The tenant id the tokens carry. */
  readonly tenantId: string;
  readonly app: { readonly clientId: string; readonly clientSecret: string; readonly redirectUri: string };
  /** The mailbox account, another user (the admin with a browser session), a delegate with Full Access on support. */
  readonly users: { readonly servicedesk: TestAccount; readonly adele: TestAccount; readonly delegate: TestAccount };
  readonly sharedMailbox: string;
  /** Authorization codes handed out so far, for leak scans. */
  issuedCodes(): readonly string[];
  stop(): Promise<void>;
}

const account = (u: { upn: string; password: string | null }): TestAccount => ({
  upn: u.upn,
  password: u.password ?? '',
});

export function emulatorAsTestIdp(em: Emulator): TestIdp {
  const app = em.directory.apps.servicenow;
  const u = em.directory.users;
  return {
    name: 'the Entra emulator',
    host: em.host,
    caPem: em.caPem,
    caPath: em.caPath,
    tenant: 'contoso.test',
    tenantId: em.directory.tenant.id,
    app: { clientId: app.clientId, clientSecret: app.secret.value, redirectUri: app.redirectUris[0] ?? '' },
    users: { servicedesk: account(u.servicedesk), adele: account(u.adele), delegate: account(u.delegate) },
    sharedMailbox: u.support.upn,
    issuedCodes: () => em.issuedCodes(),
    stop: () => em.stop(),
  };
}

export function oidcProviderAsTestIdp(idp: Idp): TestIdp {
  return {
    name: 'oidc-provider (Entra-shaped)',
    host: idp.host,
    caPem: idp.caPem,
    caPath: idp.caPath,
    tenant: idp.domain,
    tenantId: idp.tenantId,
    app: idp.client,
    users: {
      servicedesk: account(idp.users.servicedesk),
      adele: account(idp.users.adele),
      delegate: account(idp.users.delegate),
    },
    sharedMailbox: idp.users.support.upn,
    issuedCodes: () => idp.issuedCodes,
    stop: () => idp.stop(),
  };
}

/** Both providers, for a parametrised describe. */
export const TEST_IDPS: readonly { readonly name: string; readonly start: () => Promise<TestIdp> }[] = [
  { name: 'the Entra emulator', start: async () => emulatorAsTestIdp(await startEmulator()) },
  { name: 'oidc-provider (Entra-shaped)', start: async () => oidcProviderAsTestIdp(await startIdp()) },
];
