// The `inspect` CLI command driven through main([...], io) with a fake io: human and --json output, the
// expectation options, exit codes 0/1/2, stdin with "-", and that token values are never printed.
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/cli';
import type { CliIo } from '../../../../electron/cli/command';
import { InspectionSchema } from '../../../../shared/tokens/schema';
import {
  CLIENT_ID,
  TENANT,
  appOnlyV1,
  createMinter,
  idTokenV2,
  outlookAccessV1,
  xoauth2Blob,
  type Minter,
} from '../../../support/tokens-mint';

interface Captured {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
}
function fakeIo(stdin = ''): Captured {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin, env: {} },
    out: () => out,
    err: () => err,
  };
}

let minter: Minter;
let good: string;
const nowish = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  minter = await createMinter();
  good = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test', now: nowish() }));
});

describe('inspect CLI', () => {
  it('is registered and prints its usage', async () => {
    const c = fakeIo();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('inspect');
    const u = fakeIo();
    expect(await main(['inspect', '--help'], u.io)).toBe(0);
    expect(u.out()).toContain('--expect-account');
  });

  it('exit 0 for a token that fits, human output with verdict, claims and meanings, no token value', async () => {
    const c = fakeIo();
    const code = await main(
      [
        'inspect',
        `Bearer ${good}`,
        '--expect-account',
        'ServiceDesk@contoso.test',
        '--protocol',
        'imap',
        '--tenant',
        TENANT,
        '--client-id',
        CLIENT_ID,
        '--time-zone',
        'UTC',
      ],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out()).toContain('Delegated access token (v1.0) for Exchange Online');
    expect(c.out()).toContain('Fits IMAP');
    expect(c.out()).toMatch(/upn\s+servicedesk@contoso.test/);
    expect(c.out()).toContain('User principal name');
    expect(c.out()).toContain('IDENTITY_MATCH');
    expect(c.out()).not.toContain(good);
    expect(c.out()).not.toContain(good.split('.')[2]);
  });

  it('exit 1 with --json for the wrong user; the JSON is the inspection schema', async () => {
    const at = await minter.sign(outlookAccessV1({ upn: 'adele@contoso.test', now: nowish() }));
    const id = await minter.sign(idTokenV2({ upn: 'adele@contoso.test', now: nowish() }));
    const c = fakeIo(
      JSON.stringify({
        access_token: at,
        id_token: id,
        refresh_token: `0.AXoA${'r'.repeat(100)}`,
        scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      }),
    );
    const code = await main(
      ['inspect', '-', '--json', '--expect-account', 'servicedesk@contoso.test', '--protocol', 'imap'],
      c.io,
    );
    expect(code).toBe(1);
    const parsed = InspectionSchema.parse(JSON.parse(c.out()));
    expect(parsed.input.kind).toBe('token-response');
    expect(parsed.tokens[0]?.findings.find((f) => f.code === 'IDENTITY_MISMATCH')?.message).toContain(
      'These tokens belong to adele@contoso.test, not servicedesk@contoso.test',
    );
    expect(c.out()).not.toContain(at);
  });

  it('reads stdin when no argument is given; XOAUTH2 user= against --mailbox', async () => {
    const c = fakeIo(xoauth2Blob('other@contoso.test', good));
    expect(await main(['inspect', '--mailbox', 'servicedesk@contoso.test'], c.io)).toBe(1);
    expect(c.out()).toContain('XOAUTH2 user=other@contoso.test');
    expect(c.out()).toContain('XOAUTH2_USER_NOT_MAILBOX');
  });

  it('app-only token without roles for graph-read in app-only mode → exit 1 with the Delegated-instead-of-Application cause', async () => {
    const c = fakeIo();
    const t = await minter.sign(appOnlyV1({ aud: 'https://graph.microsoft.com', now: nowish() }));
    expect(await main(['inspect', t, '--protocol', 'graph-read', '--mode', 'app-only'], c.io)).toBe(1);
    expect(c.out()).toContain('APP_ONLY_NO_ROLES');
    expect(c.out()).toContain('Delegated instead of Application');
  });

  it('exit 2 on unusable input or bad options', async () => {
    const none = fakeIo();
    expect(await main(['inspect', 'no tokens in this sentence'], none.io)).toBe(2);
    // Said once, on stderr, in the finding's own words; nothing on stdout.
    expect(none.err().match(/No token found/g)).toHaveLength(1);
    expect(none.out()).toBe('');
    const empty = fakeIo('   ');
    expect(await main(['inspect', '-', '--json'], empty.io)).toBe(2);
    expect(JSON.parse(empty.out()).findings[0].code).toBe('INPUT_EMPTY');
    const badProto = fakeIo();
    expect(await main(['inspect', good, '--protocol', 'fax'], badProto.io)).toBe(2);
    expect(badProto.err()).toContain('--protocol "fax" is not a protocol this app knows');
    const unknownFlag = fakeIo();
    expect(await main(['inspect', good, '--frobnicate'], unknownFlag.io)).toBe(2);
    expect(unknownFlag.err()).toContain('Unknown option --frobnicate for "inspect". Valid options: --expect-account');
    const missing = fakeIo();
    expect(await main(['inspect', good, '--mailbox'], missing.io)).toBe(2);
    expect(missing.err()).toContain('--mailbox needs a value <address>.');
  });

  it('an expired token is exit 1; an opaque refresh token alone is exit 0 (info only)', async () => {
    const old = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test', now: nowish() - 4 * 3600 }));
    const c = fakeIo();
    expect(await main(['inspect', old], c.io)).toBe(1);
    expect(c.out()).toMatch(/TOKEN_EXPIRED[\s\S]*expired 3 h/);
    const rt = fakeIo();
    expect(await main(['inspect', `0.AXoA${'q'.repeat(120)}`], rt.io)).toBe(0);
    expect(rt.out()).toContain('TOKEN_OPAQUE');
  });

  it('--verify: an ID token from a host that is not a Microsoft login host is untrusted (exit 1), and its keys are never fetched', async () => {
    // A clean token in every other respect: only the signature check fails it. The unit guard fails the test if the
    // verifier opens a socket to look the issuer up.
    const forged = await minter.sign(
      idTokenV2({
        upn: 'servicedesk@contoso.test',
        now: nowish(),
        iss: `https://login.contoso-sso.example/${TENANT}/v2.0`,
      }),
    );
    const plain = fakeIo();
    expect(await main(['inspect', forged], plain.io)).toBe(0);
    const c = fakeIo();
    expect(await main(['inspect', forged, '--verify'], c.io)).toBe(1);
    expect(c.out()).toMatch(
      /Signature: untrusted-issuer \(ISSUER_NOT_TRUSTED\) — The issuer host login\.contoso-sso\.example is not a Microsoft login host/,
    );
    const j = fakeIo();
    expect(await main(['inspect', forged, '--verify', '--json'], j.io)).toBe(1);
    expect(Object.values(JSON.parse(j.out()).signatures)).toMatchObject([{ code: 'ISSUER_NOT_TRUSTED' }]);
  });
});
