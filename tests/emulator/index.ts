// Owns the emulator's typed client for tests, benchmarks and the demo: startEmulator() brings up the HTTPS
// listener on 127.0.0.1 with a fresh CA, and the returned Emulator hands out URLs, the CA (file, PEM, SPKI
// hash), the seeded directory, token minting, SSO cookies, fault control and stop().
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { uploadedCertificate } from './client-assertion';
import { loadSeedDirectory, seedView, tenantOf, type Directory, type SeedView } from './directory';
import { FaultPlan, type Faults } from './faults';
import { createCertificateAuthority, issueServerCertificate, type IssuedCertificate } from './pki';
import { SSO_COOKIE, handle, mintSession, type EmulatorState } from './server';
import {
  GRAPH,
  OUTLOOK,
  appOnlyAccessClaims,
  createSigningKey,
  delegatedAccessClaims,
  newSid,
  signJwt,
  type SigningKey,
} from './tokens';

export type { Faults } from './faults';
export type { Directory, DirectoryUser, AppRegistration, SeedView } from './directory';
export { GRAPH, OUTLOOK, OUTLOOK365 } from './tokens';

export interface EmulatorOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** replaces the seed; must keep the seed's users/apps if tests use `directory` views */
  directory?: Directory;
  /** items per page of the Graph directory lists without $top (default 100, as Graph); small values test paging */
  graphPageSize?: number;
}

/** What a test may change on an app registration while the emulator runs (the admin's changes in the portal or PowerShell). */
export interface AppSettings {
  enableIdTokenIssuance?: boolean;
  /** Grant admin consent for these application permissions (adding them to the registration when missing). */
  grantApplication?: readonly { resource: string; role: string }[];
  /** Exchange's mailbox scope for the app (RBAC for Applications); null removes it (every mailbox again). */
  mailboxScope?: readonly string[] | null;
  /** New-ServicePrincipal + Add-MailboxPermission FullAccess for these mailboxes; null removes the principal. */
  exchangeFullAccessTo?: readonly string[] | null;
  /** Certificates & secrets → Upload certificate: this public certificate (PEM) signs the app's client assertions. */
  uploadCertificate?: string;
}

export interface PlaywrightCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'None';
}

export interface Emulator {
  port: number;
  /** https://localhost:<port> */
  baseUrl: string;
  /** localhost:<port>, what MSAL's knownAuthorities wants */
  host: string;
  /** https://localhost:<port>/<tenant>; default tenant contoso.test */
  authority(tenant?: string): string;
  /** POST token=<jwt> here (Dovecot oauth2 passdb, introspection_mode = post) */
  introspectionUrl: string;
  caPath: string;
  caPem: string;
  /** base64 sha256 of the server certificate's SPKI for Chromium's --ignore-certificate-errors-spki-list */
  spkiHash: string;
  /** the seeded directory as typed views (users with passwords, apps with secrets); `.all` is the raw data */
  directory: SeedView;
  signToken(
    claims: Record<string, unknown>,
    opts?: { header?: Record<string, unknown>; key?: 'emulator' | 'foreign'; graphNonce?: boolean },
  ): Promise<string>;
  /** a delegated v1 access token as the token endpoint would issue it (default Outlook IMAP for the generic app) */
  mintUserAccessToken(
    upn: string,
    opts?: { resource?: string; scopes?: string[]; appKey?: string; lifetimeSec?: number },
  ): Promise<string>;
  mintAppAccessToken(appKey: string, opts?: { resource?: string; roles?: string[] }): Promise<string>;
  /** cookie that makes a browser context "already signed in" as this user (the SSO trap) */
  ssoCookieFor(upn: string): PlaywrightCookie;
  setFaults(f: Faults): void;
  clearFaults(): void;
  /** moves the emulator's clock (code expiry, token lifetimes) */
  advanceTime(ms: number): void;
  /** a TLS server certificate signed by the emulator CA, e.g. for Dovecot */
  issueCertificate(names?: { dns: string[]; ip: string[] }): Promise<IssuedCertificate>;
  /** makes this process's TLS clients (https, fetch, MSAL-node) trust the emulator CA; see README */
  trustInProcess(): void;
  requestLog: EmulatorState['requestLog'];
  /** Every authorization code handed out so far (for leak scans). */
  issuedCodes(): string[];
  /** every code and token the emulator issued, in order (kind, value, client id) */
  issued: EmulatorState['issued'];
  /** changes an app registration's settings while running, e.g. turning implicit ID tokens on */
  configureApp(appKey: string, settings: AppSettings): void;
  stop(): Promise<void>;
}

let foreignKey: Promise<SigningKey> | undefined;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const dir = options.directory ?? loadSeedDirectory();
  const [ca, key] = await Promise.all([createCertificateAuthority(), createSigningKey()]);
  const leaf = await issueServerCertificate(ca, { dns: ['localhost'], ip: ['127.0.0.1'] });
  const tmp = await mkdtemp(join(tmpdir(), 'entra-emulator-'));
  const caPath = join(tmp, 'emulator-ca.pem');
  await writeFile(caPath, ca.certPem, { mode: 0o600 });

  const faults = new FaultPlan();
  const state: EmulatorState = {
    dir,
    key,
    host: '',
    faults,
    clockOffsetMs: 0,
    flows: new Map(),
    codes: new Map(),
    refreshTokens: new Map(),
    sessions: new Map(),
    passwordsAccepted: new Map(),
    graphPageSize: options.graphPageSize ?? 100,
    requestLog: [],
    issued: [],
  };
  const server: Server = createServer({ key: leaf.keyPem, cert: leaf.certPem, ca: ca.certPem }, (req, res) => {
    handle(state, req, res, (path, perRequest) => faults.take(path, perRequest)).catch((err: unknown) => {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  // Keep-alive sockets would hold stop() open; clients reconnect cheaply on loopback.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = `localhost:${port}`;
  state.host = host;
  const view = seedView(dir);
  const nowSec = (): number => Math.floor((Date.now() + state.clockOffsetMs) / 1000);
  const appByKey = (k: string) => {
    const a = dir.apps.find((x) => x.key === k);
    if (!a) throw new Error(`no app registration with key "${k}"`);
    return a;
  };

  return {
    port,
    baseUrl: `https://${host}`,
    host,
    authority: (tenant = 'contoso.test') => `https://${host}/${tenant}`,
    introspectionUrl: `https://${host}/introspect`,
    caPath,
    caPem: ca.certPem,
    spkiHash: leaf.spkiHash,
    directory: view,
    async signToken(claims, opts = {}) {
      const signingKey = opts.key === 'foreign' ? await (foreignKey ??= createSigningKey()) : key;
      return signJwt(claims, signingKey, {
        ...(opts.header ? { header: opts.header } : {}),
        ...(opts.graphNonce ? { graphNonce: true } : {}),
      });
    },
    async mintUserAccessToken(upn, opts = {}) {
      const user = dir.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase());
      if (!user) throw new Error(`no user ${upn} in the emulator directory`);
      const resource = opts.resource ?? OUTLOOK;
      const app = appByKey(opts.appKey ?? 'generic');
      const claims = delegatedAccessClaims({
        host,
        tenant: tenantOf(dir, user.tenant),
        user,
        app,
        nowSec: nowSec(),
        sid: newSid(),
        resource,
        scopes:
          opts.scopes ??
          (resource === GRAPH ? ['User.Read'] : ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send']),
      });
      if (opts.lifetimeSec !== undefined) claims.exp = nowSec() + opts.lifetimeSec;
      return signJwt(claims, key, { graphNonce: resource === GRAPH });
    },
    async mintAppAccessToken(appKey, opts = {}) {
      const app = appByKey(appKey);
      const resource = opts.resource ?? GRAPH;
      const roles =
        opts.roles ?? app.application.filter((p) => p.resource === resource && p.adminConsent).map((p) => p.role);
      return signJwt(
        appOnlyAccessClaims({ tenant: tenantOf(dir, app.tenant), app, nowSec: nowSec(), resource, roles }),
        key,
        { graphNonce: resource === GRAPH },
      );
    },
    ssoCookieFor(upn) {
      const user = dir.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase());
      if (!user?.enabled) throw new Error(`${upn} cannot hold a session (unknown or disabled)`);
      return {
        name: SSO_COOKIE,
        value: mintSession(state, user.upn),
        domain: 'localhost',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
      };
    },
    setFaults: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    advanceTime: (ms) => {
      state.clockOffsetMs += ms;
    },
    issueCertificate: (names = { dns: ['localhost'], ip: ['127.0.0.1'] }) => issueServerCertificate(ca, names),
    trustInProcess() {
      const current = tls.getCACertificates('default');
      if (!current.includes(ca.certPem)) tls.setDefaultCACertificates([...current, ca.certPem]);
    },
    requestLog: state.requestLog,
    issuedCodes: () => [...state.codes.keys()],
    issued: state.issued,
    configureApp(appKey, settings) {
      const app = appByKey(appKey);
      if (settings.enableIdTokenIssuance !== undefined) app.enableIdTokenIssuance = settings.enableIdTokenIssuance;
      for (const g of settings.grantApplication ?? []) {
        const have = app.application.find((p) => p.resource === g.resource && p.role === g.role);
        if (have) have.adminConsent = true;
        else app.application.push({ ...g, adminConsent: true });
      }
      if (settings.mailboxScope === null) delete app.mailboxScope;
      else if (settings.mailboxScope !== undefined) app.mailboxScope = [...settings.mailboxScope];
      if (settings.uploadCertificate !== undefined)
        app.certificates = [...(app.certificates ?? []), uploadedCertificate(settings.uploadCertificate, randomUUID())];
      if (settings.exchangeFullAccessTo === null) delete app.exchangeServicePrincipal;
      else if (settings.exchangeFullAccessTo !== undefined)
        app.exchangeServicePrincipal = { fullAccessTo: [...settings.exchangeFullAccessTo] };
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
