// `probe --app-only` and `diagnose --app-only --canary` through main(), against the emulator (MSAL-node client
// credentials, the emulator's Graph): the canary reached exits 1 with RED and the fix; once Exchange scopes the app to
// servicedesk the canary is refused → GREEN, exit 0; the app-only options' usage errors exit 2 in the option's words.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { startEmulator, type Emulator } from '../../emulator/index';
import { createAppCertificate } from '../../support/client-certificate';

function io(stdin: string) {
  let out = '';
  let err = '';
  const value: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin, env: {} };
  return { value, out: () => out, err: () => err };
}

let em: Emulator;
let certDir: string;
let certFile: string;
let strangerFile: string;
beforeAll(async () => {
  em = await startEmulator();
  const [cert, stranger] = await Promise.all([createAppCertificate('ServiceOps mail'), createAppCertificate('Other')]);
  em.configureApp('serviceops', {
    grantApplication: [{ resource: 'https://graph.microsoft.com', role: 'Mail.ReadWrite' }],
    uploadCertificate: cert.certPem,
  });
  certDir = await mkdtemp(join(tmpdir(), 'cli-cert-'));
  certFile = join(certDir, 'serviceops.pem');
  strangerFile = join(certDir, 'other.pem');
  await writeFile(certFile, cert.combinedPem);
  await writeFile(strangerFile, stranger.combinedPem);
  await writeFile(join(certDir, 'public.cer'), cert.certPem);
}, 60_000);
afterAll(async () => {
  await em?.stop();
  if (certDir) await rm(certDir, { recursive: true, force: true });
});

const probeArgs = (): string[] => [
  'probe',
  '--app-only',
  '--protocol',
  'graph',
  '--mailbox',
  'servicedesk@contoso.test',
  '--canary',
  'adele@contoso.test',
  '--tenant',
  'contoso.test',
  '--client-id',
  em.directory.apps.serviceops.clientId,
  '--secret-stdin',
  '--authority',
  em.baseUrl,
  '--host',
  '127.0.0.1',
  '--port',
  String(em.port),
  '--ca-file',
  em.caPath,
];

describe('cli probe --app-only', () => {
  it('unscoped: Graph opens servicedesk, the canary is reached → RED with the fix, exit 1', async () => {
    const r = io(em.directory.apps.serviceops.secret.value);
    expect(await main(probeArgs(), r.value)).toBe(1);
    expect(r.out()).toContain('Microsoft Graph: roles Mail.ReadWrite');
    expect(r.out()).toMatch(/GRAPH\s+ok/);
    expect(r.out()).toContain('RED — This app can read every mailbox in the tenant');
    expect(r.out()).toContain('New-ManagementRoleAssignment -App');
    expect(r.out()).not.toContain(em.directory.apps.serviceops.secret.value);
  });

  it('scoped to servicedesk: the canary is refused with the policy error → GREEN, exit 0', async () => {
    em.configureApp('serviceops', { mailboxScope: ['servicedesk@contoso.test'] });
    try {
      const r = io(em.directory.apps.serviceops.secret.value);
      expect(await main([...probeArgs(), '--json'], r.value)).toBe(0);
      const json = JSON.parse(r.out()) as { scope: { status: string }; results: { outcome: string }[] };
      expect(json.scope.status).toBe('green');
      expect(json.results.map((x) => x.outcome)).toEqual(['ok']);
    } finally {
      em.configureApp('serviceops', { mailboxScope: null });
    }
  });

  it('--show-subject prints the newest message subject once; without it no subject and no message read', async () => {
    const SUBJECT = 'Seeded message 1 for Service Desk';
    const asked = io(em.directory.apps.serviceops.secret.value);
    await main([...probeArgs(), '--show-subject'], asked.value);
    expect(asked.out()).toContain(`Newest message in the Inbox, subject only: ${SUBJECT}`);
    expect(asked.err()).not.toContain(SUBJECT);
    const json = io(em.directory.apps.serviceops.secret.value);
    await main([...probeArgs(), '--show-subject', '--json'], json.value);
    expect((JSON.parse(json.out()) as { newestSubject: unknown }).newestSubject).toEqual({
      state: 'shown',
      subject: SUBJECT,
    });
    const reads = em.requestLog.length;
    const plain = io(em.directory.apps.serviceops.secret.value);
    await main(probeArgs(), plain.value);
    expect(plain.out()).not.toContain('subject');
    expect(em.requestLog.slice(reads).some((r) => /\/messages/i.test(new URL(r.url).pathname))).toBe(false);
  });

  it('a wrong secret exits 1 with the AADSTS code', async () => {
    const r = io('wrong-secret');
    expect(await main(probeArgs(), r.value)).toBe(1);
    expect(r.err()).toMatch(/^AADSTS7000215: /);
  });

  it('--cert-file signs with the certificate instead of a secret: Graph opens servicedesk', async () => {
    const r = io('');
    const argv = [...probeArgs().filter((a) => a !== '--secret-stdin'), '--cert-file', certFile];
    expect(await main(argv, r.value)).toBe(1); // the canary is still reached (red)
    expect(r.out()).toMatch(/GRAPH\s+ok/);
    expect(r.out()).not.toContain('PRIVATE KEY');
  });

  it('--cert-file with a certificate not uploaded to the app exits 1 with AADSTS700027', async () => {
    const r = io('');
    const argv = [...probeArgs().filter((a) => a !== '--secret-stdin'), '--cert-file', strangerFile];
    expect(await main(argv, r.value)).toBe(1);
    expect(r.err()).toMatch(/^AADSTS700027: The certificate with identifier used to sign the client assertion/);
  });

  it('usage errors exit 2 in the option’s words', async () => {
    const cases: [string[], string, RegExp][] = [
      [
        ['probe', '--protocol', 'graph', '--mailbox', 'a@b.c', '--token-stdin', '--canary', 'c@b.c'],
        'tok',
        /--canary needs --app-only/,
      ],
      [[...probeArgs(), '--token-stdin'], 's', /leave --token-stdin out/],
      [probeArgs().filter((a) => a !== '--secret-stdin'), 's', /--app-only needs the client secret on standard input/],
      [[...probeArgs().slice(0, 2), '--protocol', 'ews', ...probeArgs().slice(4)], 's', /ews/],
      [probeArgs(), '   ', /--secret-stdin: standard input held no secret/],
      [[...probeArgs(), '--cert-file', 'x.pem'], 's', /one credential: --secret-stdin or --cert-file, not both/],
      [
        ['probe', '--protocol', 'graph', '--mailbox', 'a@b.c', '--token-stdin', '--show-subject'],
        'tok',
        /--show-subject needs --app-only/,
      ],
      [
        ['probe', '--protocol', 'graph', '--mailbox', 'a@b.c', '--token-stdin', '--cert-file', 'x.pem'],
        'tok',
        /--cert-file needs --app-only/,
      ],
      [
        [...probeArgs().filter((a) => a !== '--secret-stdin'), '--cert-file', join(tmpdir(), 'no-such-cert.pem')],
        '',
        /--cert-file: The certificate file no-such-cert.pem could not be read/,
      ],
      [
        [...probeArgs().filter((a) => a !== '--secret-stdin'), '--cert-file', 'PUBLIC'],
        '',
        /--cert-file: public.cer holds no unencrypted private key.*not the .cer uploaded to the portal/,
      ],
    ];
    for (const [raw, stdin, why] of cases) {
      const argv = raw.map((a) => (a === 'PUBLIC' ? join(certDir, 'public.cer') : a));
      const r = io(stdin);
      expect(await main(argv, r.value), argv.join(' ')).toBe(2);
      expect(r.err()).toMatch(why);
    }
  });
});

/** `diagnose --app-only` of ServiceOps' Graph protocol against the emulator; the credential and the rest follow. */
const diagnoseArgs = (...more: string[]): string[] => [
  'diagnose',
  '--preset',
  'motadata-serviceops',
  '--protocols',
  'graph-read',
  '--tenant',
  'contoso.test',
  '--client-id',
  em.directory.apps.serviceops.clientId,
  '--mailbox',
  'servicedesk@contoso.test',
  '--app-only',
  '--authority',
  em.baseUrl,
  '--ca-file',
  em.caPath,
  ...more,
];

describe('cli diagnose --app-only --canary', () => {
  it('runs the offline lint and the app-only test of the preset’s Graph protocol; canary reached → exit 1', async () => {
    const r = io(em.directory.apps.serviceops.secret.value);
    const code = await main(diagnoseArgs('--secret-stdin', '--canary', 'adele@contoso.test'), r.value);
    expect(r.out()).toContain('Offline checks');
    expect(r.out()).toContain('RED — This app can read every mailbox in the tenant');
    expect(code).toBe(1);
  });

  it('--cert-file instead of --secret-stdin: the app-only test signs with the certificate', async () => {
    const r = io('');
    await main(diagnoseArgs('--cert-file', certFile, '--json'), r.value);
    const json = JSON.parse(r.out()) as { results: { protocol: string; outcome: string }[] };
    expect(json.results).toEqual([expect.objectContaining({ protocol: 'graph', outcome: 'ok' })]);
  });
});
