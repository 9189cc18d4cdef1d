// The `probe` CLI command through main(): usage errors exit 2; a probe that fails (a closed loopback port)
// exits 1 with per-protocol --json results. Integration, not unit: it binds a loopback port to find a closed one.
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { closedLoopbackPort } from '../../support/loopback-ports';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64({ alg: 'none' })}.${b64({ upn: 'servicedesk@contoso.test', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;

function io(stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => stdin,
    env: {},
  };
  return { value, out, err };
}

describe('cli probe', () => {
  it('exit 2 on usage errors: no --token-stdin, no protocol, unknown protocol, --port with two protocols, bad mailbox', async () => {
    const cases = [
      ['probe', '--protocol', 'imap', '--mailbox', 'a@b.c'],
      ['probe', '--mailbox', 'a@b.c', '--token-stdin'],
      ['probe', '--protocol', 'ews', '--mailbox', 'a@b.c', '--token-stdin'],
      ['probe', '--protocol', 'imap,pop', '--port', '993', '--mailbox', 'a@b.c', '--token-stdin'],
      ['probe', '--protocol', 'imap', '--mailbox', 'nope', '--token-stdin'],
      ['probe', '--protocol', 'imap', '--cloud', 'custom', '--mailbox', 'a@b.c', '--token-stdin'],
    ];
    for (const argv of cases) {
      const x = io(token);
      expect(await main(argv, x.value), argv.join(' ')).toBe(2);
      expect(x.err.join('')).not.toContain(token);
    }
  });

  it('exit 1 with --json results when a probe fails (closed port), comma list and repeated --protocol both work', async () => {
    const port = await closedLoopbackPort();
    const x = io(`${token}\n`);
    const code = await main(
      [
        'probe',
        '--protocol',
        'imap,pop',
        '--protocol',
        'smtp',
        '--host',
        '127.0.0.1',
        '--mailbox',
        'servicedesk@contoso.test',
        '--token-stdin',
        '--timeout',
        '1000',
        '--json',
      ],
      x.value,
    );
    // --host without --port keeps each protocol's own port, which is not listening on loopback here.
    expect(code).toBe(1);
    const parsed = JSON.parse(x.out.join('')) as {
      results: { protocol: string; outcome: string }[];
      token: { identity: string };
    };
    expect(parsed.results.map((r) => r.protocol)).toEqual(['imap', 'pop', 'smtp']);
    expect(parsed.token.identity).toBe('servicedesk@contoso.test');
    for (const r of parsed.results) expect(['network', 'timeout', 'tls']).toContain(r.outcome);
    expect(x.out.join('')).not.toContain(token);

    const h = io(token);
    expect(
      await main(
        [
          'probe',
          '--protocol',
          'pop',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--mailbox',
          'servicedesk@contoso.test',
          '--token-stdin',
        ],
        h.value,
      ),
    ).toBe(1);
    expect(h.out.join('')).toMatch(/POP\s+network/);
    expect(h.out.join('')).toMatch(/Next: /);
  });
});
