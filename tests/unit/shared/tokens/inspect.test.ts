// Behaviour of shared/tokens on Entra-shaped tokens minted with jose: extraction of every input kind,
// classification, claim meanings, times, and every finding code the checks can emit.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountOf,
  CLAIMS,
  claimInfo,
  claimRows,
  extractTokens,
  formatRelative,
  identityVerdict,
  inspectInput,
  requirementFor,
  timeView,
  type Expectations,
  type Inspection,
} from '../../../../shared/tokens';
import { InspectionSchema } from '../../../../shared/tokens/schema';
import {
  CLIENT_ID,
  NOW,
  OTHER_TENANT,
  TENANT,
  appOnlyV1,
  createMinter,
  graphAccessV1,
  idTokenV1,
  idTokenV2,
  outlookAccessV1,
  xoauth2Blob,
  type Minter,
} from '../../../support/tokens-mint';
import { REPO_ROOT } from '../../../support/repo-root';

let minter: Minter;
const seenCodes = new Set<string>();

function run(input: string, expectations: Expectations = {}, now = NOW): Inspection {
  const r = inspectInput(input, { nowSeconds: now, timeZone: 'UTC', expectations });
  InspectionSchema.parse(r); // every result honours the schema the renderer and CLI consume
  for (const f of [...r.findings, ...r.tokens.flatMap((t) => t.findings)]) seenCodes.add(f.code);
  return r;
}
const codes = (r: Inspection, i = 0): string[] => (r.tokens[i]?.findings ?? []).map((f) => f.code);
const allCodes = (r: Inspection): string[] =>
  [...r.findings, ...r.tokens.flatMap((t) => t.findings)].map((f) => f.code);

beforeAll(async () => {
  minter = await createMinter();
});

describe('extraction', () => {
  it('reads a raw JWT, Bearer value and Authorization header line', async () => {
    const at = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test' }));
    expect(extractTokens(at)).toMatchObject({ kind: 'jwt', tokens: [{ value: at, format: 'jwt' }] });
    expect(extractTokens(`  Bearer ${at}\n`)).toMatchObject({
      kind: 'bearer',
      tokens: [{ value: at, role: 'access_token' }],
    });
    expect(extractTokens(`Authorization: Bearer ${at}`)).toMatchObject({
      kind: 'authorization-header',
      tokens: [{ value: at, role: 'access_token' }],
    });
  });

  it('reads a token-endpoint JSON response with roles per field and its scope/expires_in', async () => {
    const at = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test' }));
    const id = await minter.sign(idTokenV2({ upn: 'servicedesk@contoso.test' }));
    const rt = `0.AXoA${'x'.repeat(200)}`;
    const ex = extractTokens(
      JSON.stringify({
        token_type: 'Bearer',
        scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
        expires_in: '3599',
        access_token: at,
        id_token: id,
        refresh_token: rt,
      }),
    );
    expect(ex.kind).toBe('token-response');
    expect(ex.tokens.map((t) => [t.role, t.format])).toEqual([
      ['access_token', 'jwt'],
      ['id_token', 'jwt'],
      ['refresh_token', 'opaque'],
    ]);
    expect(ex.tokenResponse).toMatchObject({
      expiresIn: 3599,
      hasRefreshToken: true,
      scope: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'offline_access'],
    });
  });

  it('decodes a base64 XOAUTH2 SASL blob, alone or inside an IMAP trace, and the raw ^A form', async () => {
    const at = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test' }));
    const blob = xoauth2Blob('servicedesk@contoso.test', at);
    expect(extractTokens(blob)).toMatchObject({
      kind: 'xoauth2',
      xoauth2User: 'servicedesk@contoso.test',
      tokens: [{ value: at, role: 'access_token' }],
    });
    expect(extractTokens(`C: A1 AUTHENTICATE XOAUTH2 ${blob}\nS: A1 NO AUTHENTICATE failed.`)).toMatchObject({
      kind: 'xoauth2',
      xoauth2User: 'servicedesk@contoso.test',
      tokens: [{ value: at }],
    });
    expect(extractTokens(`user=shared@contoso.test^Aauth=Bearer ${at}^A^A`)).toMatchObject({
      kind: 'xoauth2',
      xoauth2User: 'shared@contoso.test',
      tokens: [{ value: at }],
    });
  });

  it('finds every JWT in a log line or script output, deduplicated, with a sentence-ending dot removed', async () => {
    const a = await minter.sign(outlookAccessV1({ upn: 'a@contoso.test' }));
    const b = await minter.sign(graphAccessV1({ upn: 'b@contoso.test' }));
    const log = `2025-10-09 08:00:01 INFO token=${a}&x=1 then "access_token":"${b}" and again ${a}.`;
    const ex = extractTokens(log);
    expect(ex.kind).toBe('text');
    expect(ex.tokens.map((t) => t.value)).toEqual([a, b]);
  });

  it('recognises opaque refresh tokens and opaque Bearer values without decoding them', () => {
    const rt = `1.AXoAabc${'Q'.repeat(120)}`;
    expect(extractTokens(rt)).toMatchObject({ kind: 'opaque', tokens: [{ format: 'opaque', role: 'refresh_token' }] });
    expect(extractTokens('Bearer EwBwA8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAc')).toMatchObject({
      kind: 'bearer',
      tokens: [{ format: 'opaque', role: 'access_token' }],
    });
  });

  it('says unrecognised / empty instead of guessing', () => {
    expect(extractTokens('')).toMatchObject({ kind: 'empty', tokens: [] });
    expect(extractTokens('hello world, nothing here')).toMatchObject({ kind: 'unrecognised', tokens: [] });
    expect(extractTokens(undefined)).toMatchObject({ kind: 'empty' });
  });
});

describe('classification', () => {
  it('v2 ID token: id, 2.0, no permissions, global cloud, account from preferred_username, client from aud', async () => {
    const r = run(await minter.sign(idTokenV2({ upn: 'servicedesk@contoso.test' })));
    expect(r.tokens[0]?.classification).toMatchObject({
      tokenType: 'id',
      version: '2.0',
      permissionModel: 'none',
      resource: 'none',
      cloud: 'global',
      account: 'servicedesk@contoso.test',
      accountClaim: 'preferred_username',
      clientId: CLIENT_ID,
      tenantId: TENANT,
    });
    expect(r.tokens[0]?.signature.status).toBe('unchecked');
  });

  it('v1 Outlook access token: access, 1.0, delegated scp, outlook, upn, appid', async () => {
    const r = run(await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test' })));
    expect(r.tokens[0]?.classification).toMatchObject({
      tokenType: 'access',
      version: '1.0',
      permissionModel: 'delegated',
      resource: 'outlook',
      cloud: 'global',
      scopes: ['IMAP.AccessAsUser.All', 'POP.AccessAsUser.All', 'SMTP.Send'],
      account: 'servicedesk@contoso.test',
      clientId: CLIENT_ID,
    });
    expect(r.tokens[0]?.signature.status).toBe('not-verifiable-by-design');
  });

  it('Graph token with a header nonce and the Graph GUID audience; Exchange GUID is Outlook', async () => {
    const r = run(await minter.sign(graphAccessV1({ upn: 'servicedesk@contoso.test' }), { nonce: 'abc123' }));
    expect(r.tokens[0]?.classification).toMatchObject({
      tokenType: 'access',
      resource: 'graph',
      headerNonce: true,
      permissionModel: 'delegated',
    });
    expect(r.tokens[0]?.signature.status).toBe('not-verifiable-by-design');
    const ex = run(
      await minter.sign(outlookAccessV1({ upn: 'x@contoso.test', aud: '00000002-0000-0ff1-ce00-000000000000' })),
    );
    expect(ex.tokens[0]?.classification?.resource).toBe('outlook');
    const uri = run(await minter.sign(graphAccessV1({ upn: 'x@contoso.test', aud: 'https://graph.microsoft.com/' })));
    expect(uri.tokens[0]?.classification?.resource).toBe('graph');
  });

  it('app-only token with roles; other API; clouds from issuer and audience hosts', async () => {
    const app = run(await minter.sign(appOnlyV1({ roles: ['IMAP.AccessAsApp'] })));
    expect(app.tokens[0]?.classification).toMatchObject({
      tokenType: 'access',
      permissionModel: 'app-only',
      roles: ['IMAP.AccessAsApp'],
      resource: 'outlook',
    });
    expect(app.tokens[0]?.classification?.account).toBeUndefined();
    const other = run(await minter.sign({ ...outlookAccessV1({ upn: 'x@contoso.test', aud: 'api://helpdesk-api' }) }));
    expect(other.tokens[0]?.classification).toMatchObject({ resource: 'other', tokenType: 'access' });
    const high = run(
      await minter.sign(
        outlookAccessV1({
          upn: 'x@contoso.us',
          aud: 'https://outlook.office365.us',
          iss: `https://login.microsoftonline.us/${TENANT}/v2.0`,
        }),
      ),
    );
    expect(high.tokens[0]?.classification).toMatchObject({ cloud: 'usgov-high', resource: 'outlook' });
    const cn = run(
      await minter.sign(graphAccessV1({ upn: 'x@contoso.cn', aud: 'https://microsoftgraph.chinacloudapi.cn' })),
    );
    expect(cn.tokens[0]?.classification?.resource).toBe('graph');
    const emu = run(
      await minter.sign(idTokenV2({ upn: 'x@contoso.test', iss: `https://localhost:8443/${TENANT}/v2.0` })),
    );
    expect(emu.tokens[0]?.classification?.cloud).toBe('custom');
  });

  it('v1 ID token is recognised from its issuer and ver', async () => {
    const r = run(await minter.sign(idTokenV1({ upn: 'servicedesk@contoso.test' })));
    expect(r.tokens[0]?.classification).toMatchObject({ tokenType: 'id', version: '1.0', accountClaim: 'upn' });
  });
});

describe('claims and times', () => {
  it('explains every claim the issue lists and the xms_* family', () => {
    const listed =
      'aud iss iat nbf exp aio amr appid appidacr azp azpacr idp ipaddr name oid puid rh scp roles sid sub tid unique_name upn preferred_username uti ver wids acct ctry email family_name given_name acr auth_time nonce at_hash c_hash'.split(
        ' ',
      );
    for (const c of listed) expect(CLAIMS[c]?.meaning.length ?? 0, c).toBeGreaterThan(10);
    expect(claimInfo('xms_cc').known).toBe(true);
    expect(claimInfo('xms_something_new')).toMatchObject({ known: true, meaning: expect.stringContaining('xms_') });
    expect(claimInfo('my_custom')).toMatchObject({ known: false });
    expect(claimInfo('__proto__').known).toBe(false);
  });

  it('renders time claims as UTC, local and relative to the given now', async () => {
    const r = run(await minter.sign(outlookAccessV1({ upn: 's@contoso.test' })));
    const t = r.tokens[0];
    const exp = t?.claims ? claimRows(t.claims, r.checkedAt, 'UTC').find((row) => row.name === 'exp') : undefined;
    expect(exp?.time).toEqual({
      epoch: NOW + 3600,
      utc: '2025-10-09T09:53:20Z',
      local: '2025-10-09 09:53:20 UTC',
      relative: 'in 1 h',
    });
    expect(timeView(NOW, NOW + 3 * 3600 + 1200, 'Europe/Berlin')).toMatchObject({
      relative: '3 h 20 min ago',
      local: expect.stringContaining('10:53:20'),
    });
    expect(formatRelative(NOW + 2 * 86400 + 3600, NOW)).toBe('in 2 d 1 h');
    expect(formatRelative(NOW - 30, NOW)).toBe('30 s ago');
    expect(timeView(1e20, NOW).utc).toBe('not a valid time');
  });
});

describe('identity verdict', () => {
  it('names the wrong account in one sentence the authorize flow can reuse', () => {
    expect(
      identityVerdict({ expectedAccount: 'servicedesk@contoso.test', tokenAccount: 'adele@contoso.test' }).sentence,
    ).toBe(
      'These tokens belong to adele@contoso.test, not servicedesk@contoso.test. You signed in with the wrong account — authorize again and sign in as servicedesk.',
    );
  });
  it('compares case-insensitively and trimmed, and never strips a # prefix from an account', () => {
    expect(
      identityVerdict({ expectedAccount: ' ServiceDesk@Contoso.test ', tokenAccount: 'servicedesk@contoso.test' })
        .status,
    ).toBe('match');
    expect(
      identityVerdict({ expectedAccount: 'servicedesk@contoso.test', tokenAccount: 'mallory#servicedesk@contoso.test' })
        .status,
    ).toBe('mismatch');
  });
  it('unwraps a guest’s v1 unique_name only for a known identity provider, and never reads email', () => {
    const account = (claims: Record<string, unknown>) => accountOf(claims)?.account;
    expect(account({ unique_name: 'live.com#ext@fabrikam.test' })).toBe('ext@fabrikam.test');
    expect(account({ unique_name: 'mail#ext@fabrikam.test' })).toBe('ext@fabrikam.test');
    expect(
      account({ unique_name: 'https://sts.windows.net/93730ac9-67de-40eb-bc94-85ac0d4949a7/#ext@fabrikam.test' }),
    ).toBe('ext@fabrikam.test');
    expect(account({ unique_name: 'evil.test#servicedesk@contoso.test' })).toBe('evil.test#servicedesk@contoso.test');
    expect(account({ upn: 'live.com#servicedesk@contoso.test' })).toBe('live.com#servicedesk@contoso.test');
    expect(account({ preferred_username: 'mallory#servicedesk@contoso.test' })).toBe(
      'mallory#servicedesk@contoso.test',
    );
    expect(account({ email: 'servicedesk@contoso.test' })).toBeUndefined();
  });
  it('delegate mode: the delegate signs in for the shared mailbox; signing in as the mailbox itself is wrong', () => {
    expect(
      identityVerdict({
        expectedAccount: 'agent@contoso.test',
        mailbox: 'shared@contoso.test',
        tokenAccount: 'agent@contoso.test',
      }),
    ).toMatchObject({ status: 'delegate', code: 'DELEGATE_MODE' });
    expect(
      identityVerdict({
        expectedAccount: 'agent@contoso.test',
        mailbox: 'shared@contoso.test',
        tokenAccount: 'shared@contoso.test',
      }),
    ).toMatchObject({ status: 'mismatch', severity: 'error' });
    expect(identityVerdict({ mailbox: 'shared@contoso.test', tokenAccount: 'adele@contoso.test' })).toMatchObject({
      status: 'mismatch',
    });
    expect(identityVerdict({ expectedAccount: 'x@contoso.test' })).toMatchObject({
      status: 'no-account',
      code: 'IDENTITY_UNKNOWN',
    });
  });
});

describe('findings', () => {
  const imap = requirementFor('imap');

  it('wrong user in a token response: red identity finding, missing refresh token, exit-worthy', async () => {
    const at = await minter.sign(outlookAccessV1({ upn: 'adele@contoso.test' }));
    const id = await minter.sign(idTokenV2({ upn: 'adele@contoso.test' }));
    const r = run(
      JSON.stringify({ access_token: at, id_token: id, scope: 'https://outlook.office.com/IMAP.AccessAsUser.All' }),
      { expectedAccount: 'servicedesk@contoso.test', requirement: imap },
    );
    const mismatch = r.tokens[0]?.findings.find((f) => f.code === 'IDENTITY_MISMATCH');
    expect(mismatch).toMatchObject({ severity: 'error', field: 'upn' });
    expect(r.tokens[0]?.verdict).toContain('not servicedesk@contoso.test');
    expect(r.findings.find((f) => f.code === 'REFRESH_TOKEN_MISSING')?.message).toContain('offline_access');
    expect(r.errorCount).toBeGreaterThanOrEqual(2);
    expect(codes(r, 1)).not.toContain('ID_TOKEN_NOT_FOR_API'); // an access token is right next to it
  });

  it('a good IMAP token fits: only info findings and a verdict saying so', async () => {
    const r = run(`Bearer ${await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test' }))}`, {
      expectedAccount: 'servicedesk@contoso.test',
      tenant: TENANT,
      clientId: CLIENT_ID,
      requirement: imap,
    });
    expect(r.errorCount).toBe(0);
    expect(r.warningCount).toBe(0);
    expect(codes(r)).toEqual(['IDENTITY_MATCH', 'TOKEN_V1_BY_RESOURCE', 'NOT_VERIFIABLE_BY_DESIGN']);
    expect(r.tokens[0]?.verdict).toContain('Fits IMAP');
  });

  it('Graph token used for IMAP → AUDIENCE_MISMATCH; missing scope → SCOPE_MISSING', async () => {
    const g = run(await minter.sign(graphAccessV1({ upn: 's@contoso.test' })), { requirement: imap });
    expect(codes(g)).toContain('AUDIENCE_MISMATCH');
    const noSmtp = run(await minter.sign(outlookAccessV1({ upn: 's@contoso.test', scp: 'IMAP.AccessAsUser.All' })), {
      requirement: requirementFor('smtp'),
    });
    expect(noSmtp.tokens[0]?.findings.find((f) => f.code === 'SCOPE_MISSING')?.message).toContain('SMTP.Send');
    const extra = run(await minter.sign(outlookAccessV1({ upn: 's@contoso.test' })), {
      requiredScopes: ['https://outlook.office.com/EWS.AccessAsUser.All', 'offline_access'],
    });
    expect(extra.tokens[0]?.findings.find((f) => f.code === 'SCOPE_MISSING')?.message).toContain(
      'EWS.AccessAsUser.All',
    );
    const rw = run(await minter.sign(graphAccessV1({ upn: 's@contoso.test', scp: 'Mail.ReadWrite.Shared' })), {
      requirement: requirementFor('graph-read'),
    });
    expect(codes(rw)).not.toContain('SCOPE_MISSING'); // .Shared includes the own mailbox
  });

  it('app-only: no roles (Delegated instead of Application), missing role, and model mismatches', async () => {
    const none = run(await minter.sign(appOnlyV1({ aud: 'https://graph.microsoft.com' })), {
      requirement: requirementFor('graph-read', 'app-only'),
    });
    const f = none.tokens[0]?.findings.find((x) => x.code === 'APP_ONLY_NO_ROLES');
    expect(f?.message).toContain('Mail.ReadWrite was added as Delegated instead of Application');
    const wrongRole = run(await minter.sign(appOnlyV1({ roles: ['Mail.Read'] })), { requirement: imap });
    expect(codes(wrongRole)).toContain('ROLE_MISSING');
    const okRole = run(await minter.sign(appOnlyV1({ roles: ['IMAP.AccessAsApp'] })), {
      requirement: imap,
      mailbox: 'servicedesk@contoso.test',
    });
    expect(okRole.errorCount).toBe(0);
    expect(codes(okRole)).toContain('APP_ONLY_NO_USER');
    const appForDelegated = run(await minter.sign(appOnlyV1({ roles: ['IMAP.AccessAsApp'] })), {
      requirement: requirementFor('imap', 'delegated'),
    });
    expect(codes(appForDelegated)).toContain('PERMISSION_MODEL_MISMATCH');
    const delegatedForApp = run(await minter.sign(outlookAccessV1({ upn: 's@contoso.test' })), {
      requirement: requirementFor('imap', 'app-only'),
    });
    expect(codes(delegatedForApp)).toContain('PERMISSION_MODEL_MISMATCH');
  });

  it('expiry and not-before honour a 5-minute clock skew', async () => {
    const t = await minter.sign(outlookAccessV1({ upn: 's@contoso.test' }));
    expect(codes(run(t, {}, NOW + 3600 + 299))).not.toContain('TOKEN_EXPIRED');
    const expired = run(t, {}, NOW + 3600 + 301);
    expect(expired.tokens[0]?.findings.find((x) => x.code === 'TOKEN_EXPIRED')?.message).toMatch(
      /expired 5 min ago.*5 min of clock skew/,
    );
    expect(expired.tokens[0]?.verdict).toContain('expired 5 min ago');
    expect(codes(run(t, {}, NOW + 3600 - 120))).toContain('TOKEN_EXPIRING_SOON');
    expect(codes(run(t, {}, NOW - 60 - 299))).not.toContain('TOKEN_NOT_YET_VALID');
    expect(codes(run(t, {}, NOW - 60 - 301))).toContain('TOKEN_NOT_YET_VALID');
    const noExp = { ...outlookAccessV1({ upn: 's@contoso.test' }) };
    delete noExp['exp'];
    expect(codes(run(await minter.sign(noExp)))).toContain('TOKEN_NO_EXPIRY');
  });

  it('tenant, client and identity checks', async () => {
    const t = await minter.sign(outlookAccessV1({ upn: 's@contoso.test' }));
    expect(codes(run(t, { tenant: OTHER_TENANT }))).toContain('TENANT_MISMATCH');
    expect(codes(run(t, { tenant: 'fabrikam.test' }))).toContain('TENANT_DOMAIN_DIFFERS');
    expect(codes(run(t, { tenant: 'contoso.test' }))).not.toContain('TENANT_DOMAIN_DIFFERS');
    // /common and /organizations are no domain: the account's own tenant issued the token.
    for (const tenant of ['common', 'Organizations']) {
      expect(codes(run(t, { tenant }))).not.toContain('TENANT_DOMAIN_DIFFERS');
      expect(codes(run(t, { tenant }))).toContain('TENANT_FROM_ACCOUNT');
    }
    expect(codes(run(t, { clientId: OTHER_TENANT }))).toContain('CLIENT_MISMATCH');
    expect(codes(run(t))).toContain('IDENTITY_NOT_CHECKED');
    const bare = { ...outlookAccessV1({ upn: 'x' }) };
    for (const k of ['upn', 'unique_name', 'tid', 'appid']) delete bare[k];
    const b = run(await minter.sign(bare), { expectedAccount: 's@contoso.test', tenant: TENANT, clientId: CLIENT_ID });
    expect(codes(b)).toEqual(expect.arrayContaining(['IDENTITY_UNKNOWN', 'TENANT_UNKNOWN', 'CLIENT_UNKNOWN']));
    const app = run(await minter.sign(appOnlyV1({ roles: ['IMAP.AccessAsApp'] })), { tenant: 'contoso.test' });
    expect(codes(app)).toContain('TENANT_NOT_CHECKED');
    const deleg = run(t, { expectedAccount: 's@contoso.test', mailbox: 'shared@contoso.test' });
    expect(codes(deleg)).toContain('DELEGATE_MODE');
  });

  it('XOAUTH2 user= is checked against the token identity and the mailbox, as mail servers do', async () => {
    const t = await minter.sign(outlookAccessV1({ upn: 'agent@contoso.test' }));
    expect(codes(run(xoauth2Blob('agent@contoso.test', t)))).toContain('XOAUTH2_USER_MATCH');
    const differs = run(xoauth2Blob('shared@contoso.test', t));
    expect(differs.tokens[0]?.findings.find((x) => x.code === 'XOAUTH2_USER_DIFFERS')?.message).toContain(
      'Full Access',
    );
    expect(differs.xoauth2User).toBe('shared@contoso.test');
    expect(
      codes(
        run(xoauth2Blob('agent@contoso.test', t), {
          expectedAccount: 'agent@contoso.test',
          mailbox: 'shared@contoso.test',
        }),
      ),
    ).toContain('XOAUTH2_USER_NOT_MAILBOX');
  });

  it('ID tokens: not for an API; v1 ID token means the v1 endpoint', async () => {
    const id = run(await minter.sign(idTokenV2({ upn: 's@contoso.test' })), { requirement: imap });
    expect(codes(id)).toContain('ID_TOKEN_NOT_FOR_API');
    expect(codes(run(await minter.sign(idTokenV1({ upn: 's@contoso.test' }))))).toContain('ID_TOKEN_V1');
  });

  it('unsigned, malformed, encrypted and opaque tokens are said to be so', async () => {
    const t = await minter.sign(outlookAccessV1({ upn: 's@contoso.test' }));
    const [h, p] = t.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    expect(codes(run(none))).toContain('ALG_NONE');
    expect(codes(run(`${h}.${p?.slice(0, 40)}!!.sig`))).toContain('TOKEN_MALFORMED');
    expect(codes(run(`${h}.bm90IGpzb24.sig`))).toContain('TOKEN_MALFORMED');
    const jwe = `${Buffer.from(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM' })).toString('base64url')}.a.b.c.d`;
    const enc = run(jwe);
    expect(enc.tokens[0]).toMatchObject({ format: 'jwe', header: { enc: 'A256GCM' } });
    expect(codes(enc)).toContain('TOKEN_ENCRYPTED');
    const rt = run(JSON.stringify({ refresh_token: `0.AXoA${'r'.repeat(300)}` }));
    expect(rt.tokens[0]).toMatchObject({ format: 'opaque', role: 'refresh_token' });
    expect(codes(rt)).toContain('TOKEN_OPAQUE');
    expect(rt.errorCount).toBe(0);
  });

  it('input beyond the read limit: cut, said so (truncated), and the word the cut falls in is no token', async () => {
    const t = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.test' }));
    const huge = run(`${t}\n${'x'.repeat(2 * 1024 * 1024)}`);
    expect(huge.input).toMatchObject({ truncated: true, kind: 'jwt' });
    expect(huge.tokens).toHaveLength(1);
    expect(allCodes(huge)).toContain('INPUT_TRUNCATED');
    // One 40 MB word: no opaque token is made of its first 2 MiB.
    const word = run('x'.repeat(40 * 1024 * 1024));
    expect(word.tokens).toEqual([]);
    expect(word.input).toMatchObject({ truncated: true, length: 40 * 1024 * 1024 });
    expect(allCodes(word)).toEqual(['INPUT_NO_TOKEN', 'INPUT_TRUNCATED']);
  });

  it('input-level: empty, no token, token-response error with AADSTS, too many tokens, unknown type', async () => {
    expect(allCodes(run('   '))).toEqual(['INPUT_EMPTY']);
    expect(allCodes(run('just some words'))).toEqual(['INPUT_NO_TOKEN']);
    const err = run(
      JSON.stringify({
        error: 'invalid_grant',
        error_description: 'AADSTS70000: The provided grant is invalid.\r\nTrace ID: x',
      }),
    );
    expect(err.findings[0]).toMatchObject({
      code: 'TOKEN_RESPONSE_ERROR',
      severity: 'error',
      message: expect.stringContaining('AADSTS70000'),
    });
    const many: string[] = [];
    for (let i = 0; i < 23; i++) many.push(await minter.sign({ ...outlookAccessV1({ upn: `u${i}@contoso.test` }) }));
    const big = run(many.join('\n'));
    expect(big.tokens).toHaveLength(20);
    expect(allCodes(big)).toContain('INPUT_TOO_MANY_TOKENS');
    expect(
      codes(
        run(await minter.sign({ aud: 'api://x', iss: 'https://issuer.example/', exp: NOW + 60 * 30 }), {
          requirement: imap,
        }),
      ),
    ).toContain('TOKEN_TYPE_UNKNOWN');
  });

  it('cloud values Microsoft does not spell out are flagged as derived', async () => {
    const dod = run(
      await minter.sign(
        outlookAccessV1({
          upn: 'x@army.test',
          aud: 'https://outlook-dod.office365.us',
          iss: `https://login.microsoftonline.us/${TENANT}/`,
        }),
      ),
    );
    expect(codes(dod)).toContain('CLOUD_VALUES_UNVERIFIED');
  });
});

afterAll(() => {
  // Every code the checks can emit must have been produced by a test above.
  const dir = join(REPO_ROOT, 'shared/tokens');
  const declared = new Set<string>();
  for (const file of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, file), 'utf8');
    for (const m of src.matchAll(/(?:code: |\bfinding\(\s*[^,()]+,\s*)'([A-Z][A-Z0-9_]+)'/g))
      if (m[1]) declared.add(m[1]);
    for (const m of src.matchAll(/code: '([A-Z][A-Z0-9_]+)'/g)) if (m[1]) declared.add(m[1]);
  }
  const untested = [...declared].filter((c) => !seenCodes.has(c));
  expect(declared.size).toBeGreaterThan(30);
  expect(untested).toEqual([]);
});

describe('hostile claims', () => {
  it('a 5,000-deep claim is cut to a note: the inspection parses, and crosses a structured clone (IPC) whole', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
    const token = `${b64('{"alg":"RS256","typ":"JWT"}')}.${b64(`{"sub":"x","deep":${deep},"list":[[[[1]]]]}`)}.c2ln`;
    const r = inspectInput(token, { nowSeconds: NOW });
    expect(InspectionSchema.safeParse(r).success).toBe(true);
    expect(() => structuredClone(r)).not.toThrow();
    const json = JSON.stringify(r.tokens[0]?.claims);
    expect(json).toContain('nested deeper than 16 levels: not shown');
    // Ordinary nesting is kept as it is.
    expect(r.tokens[0]?.claims?.['list']).toEqual([[[[1]]]]);
  });

  it('a 5,000-deep array claim is cut the same way (arrays are walked by index, not by for…in)', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const token = `${b64('{"alg":"RS256","typ":"JWT"}')}.${b64(`{"sub":"x","deep":[${deep}],"flat":[1,"a",null]}`)}.c2ln`;
    const r = inspectInput(token, { nowSeconds: NOW });
    expect(InspectionSchema.safeParse(r).success).toBe(true);
    expect(() => structuredClone(r)).not.toThrow();
    expect(JSON.stringify(r.tokens[0]?.claims)).toContain('nested deeper than 16 levels: not shown');
    expect(r.tokens[0]?.claims?.['flat']).toEqual([1, 'a', null]);
  });
});
