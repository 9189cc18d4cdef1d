// `probe --app-only` and `diagnose --app-only --canary` through main(), against the emulator (MSAL-node client
// credentials, the emulator's Graph): the canary reached exits 1 with RED and the fix; once Exchange scopes the app to
// servicedesk the canary is refused → GREEN, exit 0; the app-only options' usage errors exit 2 in the option's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { startEmulator, type Emulator } from '../../emulator/index';

function io(stdin: string) {
  let out = '';
  let err = '';
  const value: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin, env: {} };
  return { value, out: () => out, err: () => err };
}

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
  em.configureApp('serviceops', {
    grantApplication: [{ resource: 'https://graph.microsoft.com', role: 'Mail.ReadWrite' }],
  });
});
afterAll(async () => {
  await em?.stop();
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

  it('a wrong secret exits 1 with the AADSTS code', async () => {
    const r = io('wrong-secret');
    expect(await main(probeArgs(), r.value)).toBe(1);
    expect(r.err()).toMatch(/^AADSTS7000215: /);
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
      [[...probeArgs().slice(0, 2), '--protocol', 'smtp', ...probeArgs().slice(4)], 's', /leave out --protocol smtp/],
      [probeArgs(), '   ', /--secret-stdin: standard input held no secret/],
    ];
    for (const [argv, stdin, why] of cases) {
      const r = io(stdin);
      expect(await main(argv, r.value), argv.join(' ')).toBe(2);
      expect(r.err()).toMatch(why);
    }
  });
});

describe('cli diagnose --app-only --canary', () => {
  it('runs the offline lint and the app-only test of the preset’s Graph protocol; canary reached → exit 1', async () => {
    const r = io(em.directory.apps.serviceops.secret.value);
    const code = await main(
      [
        'diagnose',
        '--preset',
        'motadata-serviceops',
        '--protocols',
        'graph-read',
        '--tenant',
        'contoso.test',
        '--client-id',
        em.directory.apps.serviceops.clientId,
        '--secret-stdin',
        '--mailbox',
        'servicedesk@contoso.test',
        '--app-only',
        '--canary',
        'adele@contoso.test',
        '--authority',
        em.baseUrl,
        '--ca-file',
        em.caPath,
      ],
      r.value,
    );
    expect(r.out()).toContain('Offline checks');
    expect(r.out()).toContain('RED — This app can read every mailbox in the tenant');
    expect(code).toBe(1);
  });
});
