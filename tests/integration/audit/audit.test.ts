// The audit end to end against the Entra emulator: the admin signs in (browserless walk through the emulator's
// login, as the authorize integration test does) to Microsoft Graph Command Line Tools with MSAL-node, the reads go
// through Graph's directory surface, and the findings name the seeded problems at their fields. Also: the admin
// client without consent ends with who must grant what, a token without a read permission is refused per read, the
// reads page through @odata.nextLink, the token never leaves the service, and the CLI prints every seeded problem.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { AuditService } from '../../../electron/services/audit/audit-service';
import { createGraphReader } from '../../../electron/services/audit/graph-reader';
import { readDirectory } from '../../../electron/services/audit/read-directory';
import type { AuthBrowserFactory } from '../../../electron/services/authorize/auth-browser';
import { globalFetch } from '../../../electron/services/diagnose/online-requests';
import { ProfileStore } from '../../../electron/services/profiles/profile-store';
import { AesGcmVault } from '../../../electron/services/profiles/vault';
import { processAudit } from '../../../shared/audit/process';
import { AuditResultSchema, AuditRunRequestSchema, type AuditTargetInput } from '../../../shared/audit/schema';
import { matchesRedirectUri } from '../../../shared/authorize/redirect-uri';
import { CodedError } from '../../../shared/result';
import { GRAPH, startEmulator, type Emulator } from '../../emulator';
import { fetchLogin } from '../../emulator/fetch-login';
import { emulatorAuthority, serviceNowOnEmulator } from '../../support/emulator-registration';

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  // One item per page: every list the audit reads has to follow @odata.nextLink to be complete.
  emu = await startEmulator({ graphPageSize: 1 });
  emu.trustInProcess();
  dir = mkdtempSync(join(tmpdir(), 'mah-audit-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The ServiceNow demo registration, audited for its shared mailbox signing in itself. */
const serviceNowTarget = (): AuditTargetInput => ({
  presetId: 'servicenow',
  ...serviceNowOnEmulator(emu, { withCa: true }),
  protocols: ['imap', 'smtp'],
  mailbox: 'support@contoso.test',
});

/** The same registration as a saved profile keeps it (the profile the audit records the end dates in). */
const serviceNowProfileConfig = () => ({
  presetId: 'servicenow' as const,
  ...serviceNowOnEmulator(emu, { withCa: true }),
  scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'],
  mailbox: 'support@contoso.test',
});

interface Walk {
  readonly urls: string[];
  disposed: number;
}

function adminBrowser(upn: string, password: string, walk: Walk = { urls: [], disposed: 0 }): AuthBrowserFactory {
  return async () => ({
    authorize: async (url, redirectUri) => {
      walk.urls.push(url);
      const r = await fetchLogin(url, { upn, password });
      if (!r.callbackUrl || !matchesRedirectUri(r.callbackUrl, redirectUri)) return { kind: 'cancelled' };
      return { kind: 'callback', callbackUrl: r.callbackUrl };
    },
    dispose: async () => {
      walk.disposed++;
    },
  });
}

const byCode = <F extends { readonly code: string }>(findings: readonly F[], code: string): F[] =>
  findings.filter((f) => f.code === code);

describe('audit through the admin sign-in', () => {
  it('reports the expired secret, the missing consent and the blocked shared mailbox, each at its field', async () => {
    const adele = emu.directory.users.adele;
    const walk: Walk = { urls: [], disposed: 0 };
    const profiles = new ProfileStore({ dir, vault: new AesGcmVault(Buffer.alloc(32, 1)) });
    const profile = await profiles.save({
      name: 'Demo — ServiceNow',
      config: serviceNowProfileConfig(),
      secret: { action: 'keep' },
    });
    const saved: string[] = [];
    const service = new AuditService({
      browsers: adminBrowser(adele.upn, adele.password ?? '', walk),
      profiles,
      onSaved: (id) => saved.push(id),
    });
    const req = AuditRunRequestSchema.parse({
      runId: 'r1',
      target: serviceNowTarget(),
      adminAccount: adele.upn,
      profileId: profile.id,
    });
    const result = await service.run(req);
    expect(AuditResultSchema.safeParse(result).success).toBe(true);

    // The admin signed in to Microsoft Graph Command Line Tools with prompt=login, PKCE and the three read scopes.
    const signIn = new URL(walk.urls[0] ?? '');
    expect(signIn.searchParams.get('client_id')).toBe('14d82eec-204b-4c2f-b7e8-296a70dab67e');
    expect(signIn.searchParams.get('prompt')).toBe('login');
    expect(signIn.searchParams.get('code_challenge_method')).toBe('S256');
    expect(signIn.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['Application.Read.All', 'Directory.Read.All', 'User.Read.All']),
    );
    expect(walk.disposed).toBe(1);
    expect(result.signedInAs).toBe(adele.upn);

    const expired = byCode(result.findings, 'AUDIT_SECRET_EXPIRED');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ field: 'secretExpiry', severity: 'warning', source: 'audit' });
    expect(expired[0]?.message).toContain(emu.directory.apps.servicenow.expiredSecret.id);
    expect(expired[0]?.nextStep).toContain('“Client Secret”');

    const consent = byCode(result.findings, 'AUDIT_CONSENT_NOT_GRANTED');
    expect(consent.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Microsoft Graph Mail.Send (Delegated)'),
        expect.stringContaining('Microsoft Graph Mail.Send (Application)'),
      ]),
    );
    expect(consent.every((f) => f.field === 'scopes')).toBe(true);

    const blocked = byCode(result.findings, 'AUDIT_MAILBOX_SIGN_IN_BLOCKED');
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({ field: 'mailbox', severity: 'error' });
    expect(blocked[0]?.nextStep).toContain('delegate mode');

    // Every read was allowed and paged to the end (one item per page).
    expect(result.checks.filter((c) => c.status === 'denied')).toEqual([]);
    expect(result.facts.application?.credentials.map((c) => c.keyId).sort()).toEqual(
      emu.directory.apps.servicenow.secrets.map((s) => s.id).sort(),
    );
    expect(result.facts.permissions.filter((p) => p.granted === true).length).toBeGreaterThanOrEqual(5);

    // Nothing secret in the answer: no secret value, no token.
    const text = JSON.stringify(result);
    for (const s of emu.directory.apps.servicenow.secrets) expect(text).not.toContain(s.value);
    expect(text).not.toMatch(/eyJ[\w-]{20,}\.[\w-]{20,}/);

    // The end dates went to the profile, and Watch was told.
    expect(result.savedToProfile).toEqual({ id: profile.id, name: 'Demo — ServiceNow' });
    expect(saved).toEqual([profile.id]);
    const kept = await profiles.load(profile.id);
    expect(kept.watch?.audit?.credentials).toHaveLength(2);
  });

  it('an own client without admin consent ends with who must grant which permissions to whom', async () => {
    const adele = emu.directory.users.adele;
    const own = emu.directory.auditClients.ownWithoutConsent;
    const service = new AuditService({ browsers: adminBrowser(adele.upn, adele.password ?? '') });
    const req = AuditRunRequestSchema.parse({
      runId: 'r2',
      target: serviceNowTarget(),
      client: { kind: 'own', clientId: own.clientId, redirectUri: 'http://localhost' },
    });
    const e = await service.run(req).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CodedError);
    const err = (e as CodedError).toAppError();
    expect(err.code).toBe('AUDIT_CONSENT_REQUIRED');
    expect(err.message).toContain('AADSTS65001');
    expect(err.message).toContain('your audit registration has no admin consent');
    expect(err.nextStep).toContain('Global Administrator or Privileged Role Administrator');
    expect(err.nextStep).toContain('Application.Read.All, Directory.Read.All, User.Read.All');
    expect(err.nextStep).toContain(own.clientId);
  });

  it('Graph refuses the registration read (403): the audit ends naming the permission, the client and its granters', async () => {
    const adele = emu.directory.users.adele;
    // The sign-in succeeds; the reads then go out with a token that lacks Application.Read.All (as when a tenant's
    // consent to the client was narrowed), so the emulator's Graph answers 403 Authorization_RequestDenied.
    const narrow = await emu.mintUserAccessToken(adele.upn, {
      resource: GRAPH,
      scopes: ['User.Read'],
      appKey: 'graph-cli',
    });
    const statuses: number[] = [];
    const fetch: typeof globalFetch = async (url, init) => {
      const headers = { ...init?.headers, authorization: `Bearer ${narrow}` };
      const res = await globalFetch(url, { ...init, headers });
      statuses.push(res.status);
      return res;
    };
    // No CA file: the emulator is trusted in this process, so the service uses the fetch it is given.
    const service = new AuditService({ browsers: adminBrowser(adele.upn, adele.password ?? ''), fetch });
    const req = AuditRunRequestSchema.parse({
      runId: 'r-denied',
      target: { ...serviceNowTarget(), customAuthority: emulatorAuthority(emu) },
    });
    const e = await service.run(req).catch((x: unknown) => x);
    expect(statuses).toContain(403);
    expect(e).toBeInstanceOf(CodedError);
    const err = (e as CodedError).toAppError();
    expect(err.code).toBe('AUDIT_READ_DENIED');
    expect(err.message).toContain('carries no Application.Read.All');
    expect(err.nextStep).toContain(
      'Ask a Global Administrator or Privileged Role Administrator to grant admin consent for Application.Read.All',
    );
    expect(err.nextStep).toContain('Microsoft Graph Command Line Tools');
    expect(err.nextStep).toContain('14d82eec-204b-4c2f-b7e8-296a70dab67e');
  });

  it('Cancel closes the sign-in window and ends the audit; only one audit runs at a time', async () => {
    let opened: () => void = () => undefined;
    const windowOpen = new Promise<void>((r) => {
      opened = r;
    });
    let disposed = 0;
    const service = new AuditService({
      browsers: async () => ({
        authorize: (_u, _r, opts) =>
          new Promise((resolve) => {
            opts.signal?.addEventListener('abort', () => resolve({ kind: 'cancelled' }));
            opened();
          }),
        dispose: async () => {
          disposed++;
        },
      }),
    });
    const req = AuditRunRequestSchema.parse({ runId: 'r3', target: serviceNowTarget() });
    const first = service.run(req).catch((x: unknown) => x);
    await windowOpen;
    await expect(service.run({ ...req, runId: 'r4' })).rejects.toMatchObject({ code: 'AUDIT_IN_PROGRESS' });
    expect(service.cancel('r3')).toBe(true);
    expect(((await first) as CodedError).code).toBe('AUDIT_CANCELLED');
    expect(disposed).toBe(1);
    expect(service.cancel('r3')).toBe(false);
  });

  it('cancelled before the window opens: no window at all', async () => {
    let windows = 0;
    const service = new AuditService({
      browsers: async () => {
        windows++;
        return { authorize: async () => ({ kind: 'cancelled' }), dispose: async () => undefined };
      },
    });
    const req = AuditRunRequestSchema.parse({ runId: 'r5', target: serviceNowTarget() });
    const run = service.run(req).catch((x: unknown) => x);
    expect(service.cancel('r5')).toBe(true);
    expect(((await run) as CodedError).code).toBe('AUDIT_CANCELLED');
    expect(windows).toBe(0);
  });
});

describe('Graph reads with a token that lacks permissions', () => {
  it('a token without Application.Read.All is refused at the registration (the service ends the audit there)', async () => {
    const token = await emu.mintUserAccessToken('adele@contoso.test', {
      resource: GRAPH,
      scopes: ['User.Read'],
      appKey: 'graph-cli',
    });
    const reader = createGraphReader({ fetch: globalFetch, graphBase: emu.baseUrl, accessToken: token });
    const readings = await readDirectory(
      reader,
      AuditRunRequestSchema.parse({ runId: 'x', target: serviceNowTarget() }).target,
    );
    expect(readings.application).toMatchObject({ status: 'denied', code: 'Authorization_RequestDenied' });
  });

  it('Application.Read.All alone: consent and the mailbox are "not checked" with the permission they need', async () => {
    const token = await emu.mintUserAccessToken('adele@contoso.test', {
      resource: GRAPH,
      scopes: ['Application.Read.All'],
      appKey: 'graph-cli',
    });
    const target = AuditRunRequestSchema.parse({ runId: 'x', target: serviceNowTarget() }).target;
    const reader = createGraphReader({ fetch: globalFetch, graphBase: emu.baseUrl, accessToken: token });
    const outcome = processAudit(target, await readDirectory(reader, target), new Date(), {
      label: 'Microsoft Graph Command Line Tools',
      clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
    });
    const denied = byCode(outcome.findings, 'AUDIT_READ_DENIED');
    expect(denied.map((f) => [f.field, f.message.match(/needs (\S+)\./)?.[1]])).toEqual(
      expect.arrayContaining([
        ['scopes', 'Directory.Read.All'],
        ['mailbox', 'User.Read.All'],
      ]),
    );
    expect(outcome.checks.find((c) => c.id === 'consent')?.status).toBe('denied');
    expect(outcome.checks.find((c) => c.id === 'application')?.status).toBe('problems');
    // The registration's own findings are still there.
    expect(byCode(outcome.findings, 'AUDIT_SECRET_EXPIRED')).toHaveLength(1);
  });

  it('a next link to another host is not followed (the token would go there)', async () => {
    const seen: string[] = [];
    const reader = createGraphReader({
      fetch: async (url) => {
        seen.push(url);
        return {
          status: 200,
          headers: { get: () => null },
          text: async () => JSON.stringify({ value: [], '@odata.nextLink': 'https://evil.example/v1.0/applications' }),
        };
      },
      graphBase: 'https://graph.microsoft.com',
      accessToken: 'not-a-real-token',
    });
    const r = await reader.list('/applications', AuditResultSchema.shape.auditedAt);
    expect(r).toMatchObject({ status: 'failed', code: 'GRAPH_FOREIGN_NEXT_LINK' });
    expect(seen).toEqual(['https://graph.microsoft.com/v1.0/applications']);
  });
});

function cliIo(stdin: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, env };
  return { value, out, err };
}

describe('cli audit and watch against the emulator', () => {
  const base = () => [
    'audit',
    '--preset',
    'servicenow',
    '--authority',
    emu.baseUrl,
    '--ca-file',
    emu.caPath,
    '--tenant',
    'contoso.test',
    '--client-id',
    emu.directory.apps.servicenow.clientId,
    '--redirect-uri',
    emu.directory.apps.servicenow.redirectUris[0] ?? '',
    '--protocols',
    'imap,smtp',
    '--mailbox',
    'support@contoso.test',
  ];

  it('prints every seeded problem with an app-only job (client credentials), exit 1; the secret is not printed', async () => {
    const job = emu.directory.auditClients.job;
    const secret = job.secrets[0]?.value ?? '';
    const x = cliIo(`${secret}\n`);
    const code = await main([...base(), '--app-id', job.clientId, '--app-secret-stdin'], x.value);
    const out = x.out.join('');
    expect(code, x.err.join('')).toBe(1);
    for (const c of ['AUDIT_SECRET_EXPIRED', 'AUDIT_CONSENT_NOT_GRANTED', 'AUDIT_MAILBOX_SIGN_IN_BLOCKED'])
      expect(out).toContain(c);
    expect(out).toContain(emu.directory.apps.servicenow.expiredSecret.id);
    expect(`${out}${x.err.join('')}`).not.toContain(secret);
  });

  it('--json with a token from stdin, keeping the end dates in a profile that watch then reports', async () => {
    const token = await emu.mintUserAccessToken('adele@contoso.test', {
      resource: GRAPH,
      scopes: ['Application.Read.All', 'Directory.Read.All', 'User.Read.All'],
      appKey: 'graph-cli',
    });
    const profilesDir = mkdtempSync(join(tmpdir(), 'mah-cli-profiles-'));
    try {
      const store = new ProfileStore({ dir: profilesDir, vault: new AesGcmVault(Buffer.alloc(32, 2)) });
      await store.save({
        name: 'Desk',
        config: serviceNowProfileConfig(),
        secret: { action: 'keep' },
      });
      const x = cliIo(`Bearer ${token}`);
      const code = await main(
        [...base(), '--token-stdin', '--json', '--save-to-profile', 'desk', '--profiles-dir', profilesDir],
        x.value,
      );
      expect(code, x.err.join('')).toBe(1);
      const json = JSON.parse(x.out.join('')) as {
        findings: { code: string; field: string }[];
        savedToProfile: unknown;
      };
      expect(json.findings.map((f) => `${f.code}@${f.field}`)).toEqual(
        expect.arrayContaining([
          'AUDIT_SECRET_EXPIRED@secretExpiry',
          'AUDIT_CONSENT_NOT_GRANTED@scopes',
          'AUDIT_MAILBOX_SIGN_IN_BLOCKED@mailbox',
        ]),
      );
      expect(json.savedToProfile).toMatchObject({ name: 'Desk' });
      expect(x.out.join('')).not.toContain(token);

      // The seed's live secret ends in 2099 and the expired one is superseded: nothing ends within 30 days.
      const w = cliIo('');
      expect(await main(['watch', '--json', '--profiles-dir', profilesDir], w.value)).toBe(0);
      const status = JSON.parse(w.out.join('')) as {
        connections: { name: string; health: string; events: { superseded?: boolean }[] }[];
      };
      expect(status.connections[0]).toMatchObject({ name: 'Desk', health: 'warning' });
      expect(status.connections[0]?.events.some((e) => e.superseded === true)).toBe(true);
    } finally {
      rmSync(profilesDir, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2, said once in the option’s words: unknown option, no token source, both sources, empty stdin', async () => {
    const cases: [string[], string, RegExp][] = [
      [[...base(), '--token-stdin', '--bogus'], 'x', /^Unknown option --bogus for "audit"\. Valid options: --preset, /],
      [base(), 'x', /^Give exactly one of --token-stdin or --app-id \(with --app-secret-stdin\)\./],
      [
        [...base(), '--token-stdin', '--app-id', emu.directory.auditClients.job.clientId, '--app-secret-stdin'],
        'x',
        /^Give exactly one of --token-stdin or --app-id/,
      ],
      [
        [...base(), '--app-id', emu.directory.auditClients.job.clientId],
        'x',
        /^--app-id and --app-secret-stdin go together\./,
      ],
      [[...base(), '--token-stdin'], '  ', /^--token-stdin: standard input held no token\./],
      [[...base(), '--token-stdin', '--mode', 'both'], 'x', /^--mode "both" is not a mode this command knows\./],
      [[...base(), '--token-stdin', '--tenant', 'x'.repeat(600)], 'x', /^--tenant is too long: at most /],
      [['watch', '--within', 'soon'], '', /^--within "soon" is not a whole number of days from 0 to 3650\./],
      [['watch', '--nope'], '', /^Unknown option --nope for "watch"\./],
    ];
    for (const [argv, stdin, message] of cases) {
      const x = cliIo(stdin);
      expect(await main(argv, x.value), argv.join(' ')).toBe(2);
      const err = x.err.join('');
      expect(err, argv.join(' ')).toMatch(message);
      expect(err, argv.join(' ')).toContain('Run "mailbox-auth-helper');
      expect(err, argv.join(' ')).not.toMatch(/Invalid options|Usage:|tenant:|\.0:/);
      expect(x.out.join(''), argv.join(' ')).toBe('');
    }
  });
});
