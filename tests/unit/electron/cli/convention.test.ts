// One convention for every CLI command (issue 20, point 5), driven in-process through main(argv, io): an unknown
// option exits 2 and names the valid ones; --help states the options, the input limits and the exit codes, and the
// README's table says the same; dates are real days; an empty secret on standard input is refused; each error is
// printed once, in the option's words (no validator paths); control and bidi characters never reach the terminal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../../../electron/cli/cli';
import type { CliIo } from '../../../../electron/cli/command';
import { REPO_ROOT } from '../../../support/repo-root';
import { createMinter, outlookAccessV1 } from '../../../support/tokens-mint';

function fakeIo(stdin = '') {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin, env: {} };
  return { io, out: () => out, err: () => err };
}

/** Minimal valid arguments per command, so that only the option under test is wrong. */
const VALID: Readonly<Record<string, readonly string[]>> = {
  diagnose: [
    '--preset',
    'servicenow',
    '--tenant',
    'contoso.com',
    '--client-id',
    '4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d',
  ],
  explain: ['AADSTS50011'],
  inspect: ['eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'],
  probe: ['--protocol', 'imap', '--mailbox', 'servicedesk@contoso.test', '--token-stdin'],
  audit: [
    '--preset',
    'servicenow',
    '--tenant',
    'contoso.com',
    '--client-id',
    '4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7d',
    '--token-stdin',
  ],
  watch: [],
};
/** Raw control, escape and bidi characters that must not reach a terminal (built from code points, not a literal). */
const RAW_CONTROL = new RegExp(
  `[${[
    [0x00, 0x08],
    [0x0b, 0x1f],
    [0x7f, 0x9f],
    [0x061c, 0x061c],
    [0x200e, 0x200f],
    [0x202a, 0x202e],
    [0x2066, 0x2069],
  ]
    .map(([a = 0, b = 0]) => `${String.fromCharCode(a)}-${String.fromCharCode(b)}`)
    .join('')}]`,
);

describe('every command', () => {
  it('is covered by this test', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(Object.keys(VALID).sort());
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s: an unknown option exits 2, names it and the valid options, once, on stderr',
    async (name, cmd) => {
      const c = fakeIo();
      expect(await main([name, ...(VALID[name] ?? []), '--bogus'], c.io)).toBe(2);
      expect(c.out()).toBe('');
      expect(c.err().match(/Unknown option --bogus/g)).toHaveLength(1);
      for (const f of [...cmd.spec.flags.map((x) => x.name), '--json', '--help']) expect(c.err()).toContain(f);
      const eq = fakeIo();
      expect(await main([name, '--bogus=1'], eq.io)).toBe(2);
      expect(eq.err()).toContain('Unknown option --bogus');
    },
  );

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s --help: usage, every option, the input limits and the exit codes',
    async (name, cmd) => {
      const c = fakeIo();
      expect(await main([name, '--help'], c.io)).toBe(0);
      const help = c.out();
      expect(help).toContain(`Usage: mailbox-auth-helper ${name}`);
      for (const f of cmd.spec.flags) expect(help).toContain(f.name);
      expect(help).toContain('Input limits:');
      for (const l of cmd.spec.limits) expect(help).toContain(l);
      expect(help).toMatch(/Exit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}\S/);
    },
  );

  it("the README's exit code table says what each command's --help says", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const c of COMMANDS)
      expect(readme, c.name).toContain(
        `| \`${c.name}\` | ${c.spec.exitCodes[0]} | ${c.spec.exitCodes[1]} | ${c.spec.exitCodes[2]} |`,
      );
  });

  it('a missing value and a value on a switch are usage errors, said in the option’s words', async () => {
    const missing = fakeIo();
    expect(await main(['explain', 'AADSTS50011', '--preset'], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/^--preset needs a value <id>\./);
    const onSwitch = fakeIo();
    expect(await main(['explain', 'AADSTS50011', '--json=yes'], onSwitch.io)).toBe(2);
    expect(onSwitch.err()).toMatch(/^--json is a switch and takes no value\./);
  });
});

describe('explain', () => {
  it('exit 0 when every error is explained, 1 for an unknown code or nothing recognisable, 2 for empty input', async () => {
    expect(await main(['explain', 'AADSTS50011: x'], fakeIo().io)).toBe(0);
    expect(await main(['explain', 'AADSTS1234567'], fakeIo().io)).toBe(1);
    expect(await main(['explain', 'all is well'], fakeIo().io)).toBe(1);
    const empty = fakeIo('  \n');
    expect(await main(['explain', '-'], empty.io)).toBe(2);
    expect(empty.err()).toBe('The standard input is empty: there is nothing to explain.\n');
    expect(await main(['explain'], fakeIo().io)).toBe(2);
  });

  it('takes a text that starts with a dash as text (a POP answer), not as an option', async () => {
    const c = fakeIo();
    expect(await main(['explain', '-ERR', 'Authentication', 'failure:', 'unknown', 'user'], c.io)).toBe(0);
    expect(c.out()).toContain('POP authentication failed');
  });

  it('refuses an unknown product in words, not a validator path', async () => {
    const c = fakeIo();
    expect(await main(['explain', 'AADSTS50011', '--preset', 'zendesk'], c.io)).toBe(2);
    expect(c.err()).toContain('--preset "zendesk" is not a product this app knows. Use one of: servicenow,');
    expect(c.err()).not.toMatch(/Invalid option|expected one of/);
  });

  it('gives every code of the reference, one per line on standard input, a known card in --json', async () => {
    const list = readFileSync(join(REPO_ROOT, 'build/reference/entra-error-codes.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => `AADSTS${l.split('\t')[0] ?? ''}`);
    const c = fakeIo(list.join('\n'));
    expect(await main(['explain', '--json', '-'], c.io)).toBe(0);
    const r = JSON.parse(c.out()) as { cards: { code: string; known: boolean }[]; truncated: boolean };
    expect(r.cards.map((x) => x.code)).toEqual(list);
    expect(r.cards.filter((x) => !x.known)).toEqual([]);
    expect(r.truncated).toBe(false);
  });

  it('escapes ESC, OSC, NUL, C1 and bidi characters from the text in human and JSON output', async () => {
    const hostile = 'AADSTS50011: \u001b]0;owned\u0007 \u001b[2J \u0000 \u009b31m \u202egnp.exe \u2066x\u2069';
    const human = fakeIo();
    await main(['explain', hostile], human.io);
    expect(human.out()).not.toMatch(RAW_CONTROL);
    expect(human.out()).toContain('\\u001b]0;owned\\u0007');
    expect(human.out()).toContain('\\u202egnp.exe');
    const json = fakeIo();
    await main(['explain', '--json', hostile], json.io);
    expect(json.out()).not.toMatch(RAW_CONTROL);
    // Still JSON, with the text intact once parsed.
    expect((JSON.parse(json.out()) as { cards: { serverText: string }[] }).cards[0]?.serverText).toContain('\u202egnp');
    const flag = fakeIo();
    await main(['explain', 'x', '--\u001b[31mred'], flag.io);
    expect(flag.err()).not.toMatch(RAW_CONTROL);
  });
});

describe('diagnose', () => {
  const base = VALID.diagnose ?? [];

  it('refuses a date that does not exist instead of reading it as another', async () => {
    const c = fakeIo();
    expect(await main(['diagnose', ...base, '--secret-expiry', '2024-13-45'], c.io)).toBe(2);
    expect(c.err()).toContain('--secret-expiry "2024-13-45" is not a date that exists. Write it as YYYY-MM-DD');
    expect(c.out()).toBe('');
    const leap = fakeIo();
    expect(await main(['diagnose', ...base, '--secret-expiry', '2023-02-29', '--json'], leap.io)).toBe(2);
    const ok = fakeIo();
    expect(await main(['diagnose', ...base, '--secret-expiry', '2028-02-29', '--json'], ok.io)).not.toBe(2);
    expect(ok.out()).not.toContain('SECRET_EXPIRED');
  });

  it('refuses an empty secret on standard input instead of saying "No problems found."', async () => {
    for (const stdin of ['', '\n', '   \r\n']) {
      const c = fakeIo(stdin);
      expect(await main(['diagnose', ...base, '--secret-stdin'], c.io), JSON.stringify(stdin)).toBe(2);
      expect(c.err()).toMatch(/^--secret-stdin: standard input held no secret\./);
      expect(c.out()).toBe('');
    }
  });

  it('says what is wrong with a product, cloud, protocol or timeout in the option’s words', async () => {
    const cases: [string[], RegExp][] = [
      [['--preset', 'zendesk'], /^--preset "zendesk" is not a product this app knows\. Use one of: servicenow, /],
      [['--cloud', 'mars'], /^--cloud "mars" is not a cloud this app knows\./],
      [['--protocols', 'imap,fax'], /^--protocols: "fax" is not a protocol this app knows\. Use a comma-separated/],
      [['--timeout', 'soon'], /^--timeout "soon" is not a number of milliseconds/],
      [['--tenant', 'x'.repeat(600)], /^--tenant is too long: at most 512 characters\./],
    ];
    for (const [args, message] of cases) {
      const c = fakeIo();
      expect(await main(['diagnose', ...base, ...args], c.io), args[0]).toBe(2);
      expect(c.err(), args[0]).toMatch(message);
      expect(c.err(), args[0]).not.toMatch(/Invalid option|expected one of|protocols\.0|tenant:/);
    }
    const none = fakeIo();
    expect(await main(['diagnose', '--tenant', 'contoso.com'], none.io)).toBe(2);
    expect(none.err()).toMatch(/^--preset is required/);
  });

  it('shows the callback pattern the next step refers to when the Redirect URL is missing', async () => {
    const c = fakeIo();
    await main(['diagnose', ...base], c.io);
    expect(c.out()).toContain(
      'The pattern is https://{instance}/oauth_redirect.do (e.g. https://acme.service-now.com/oauth_redirect.do). Replace {instance}',
    );
  });
});

describe('inspect', () => {
  let token = '';
  beforeAll(async () => {
    const m = await createMinter();
    token = await m.sign({
      ...outlookAccessV1({ upn: 'servicedesk@contoso.test', now: Math.floor(Date.now() / 1000) }),
      name: 'Service\u001b]8;;https://evil.test\u0007Desk\u202e',
    });
  });

  it('says truthfully that a 40 MB input was cut, and takes no token from the cut word', async () => {
    const huge = 'x'.repeat(40 * 1024 * 1024);
    const json = fakeIo(huge);
    expect(await main(['inspect', '-', '--json'], json.io)).toBe(2);
    const r = JSON.parse(json.out()) as { input: { truncated: boolean; length: number }; findings: { code: string }[] };
    expect(r.input).toMatchObject({ truncated: true, length: 40 * 1024 * 1024 });
    expect(r.findings.map((f) => f.code)).toEqual(['INPUT_NO_TOKEN', 'INPUT_TRUNCATED']);
    const human = fakeIo(`${token}\n${huge}`);
    expect(await main(['inspect', '-'], human.io)).not.toBe(2);
    expect(human.out()).toContain('INPUT_TRUNCATED');
    expect(human.out()).toContain('only the first 2,097,152 were read');
  });

  it('escapes a hostile claim in human output', async () => {
    const c = fakeIo();
    await main(['inspect', token], c.io);
    expect(c.out()).toContain('Service\\u001b]8;;https://evil.test\\u0007Desk\\u202e');
    expect(c.out()).not.toMatch(RAW_CONTROL);
  });
});

describe('probe', () => {
  it('refuses an empty token and a bad port before any connection, in the option’s words', async () => {
    const empty = fakeIo('  ');
    expect(await main(['probe', ...(VALID.probe ?? [])], empty.io)).toBe(2);
    expect(empty.err()).toMatch(/^--token-stdin: standard input held no token\./);
    const port = fakeIo('t');
    expect(await main(['probe', ...(VALID.probe ?? []), '--port', '70000'], port.io)).toBe(2);
    expect(port.err()).toMatch(/^--port "70000" is not a port number/);
    const mailbox = fakeIo('t');
    expect(await main(['probe', '--protocol', 'imap', '--mailbox', 'nope', '--token-stdin'], mailbox.io)).toBe(2);
    expect(mailbox.err()).toMatch(/^--mailbox "nope" is not an e-mail address\./);
    expect(mailbox.err()).not.toMatch(/mailbox:|Invalid input/);
  });
});
