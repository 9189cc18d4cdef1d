// Tokens as people copy them (issue 20, point 4): a v1 ID token shaped like the sample in Microsoft's ID token
// documentation, minted here and given base64 `=` padding in every part, wrapped over lines and quoted, decodes
// and verifies like the unpadded original; the content stays checked as strictly as before.
import { compactVerify, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, extractTokens, inspectInput, normaliseCompactToken } from '../../../../shared/tokens';
import { NOW, createMinter, idTokenV1, type Minter } from '../../../support/tokens-mint';

let minter: Minter;
let token: string;
/** Each part padded to a multiple of four with `=`, as base64 (not base64url) writers do. */
const pad = (t: string) =>
  t
    .split('.')
    .map((p) => p + '='.repeat((4 - (p.length % 4)) % 4))
    .join('.');

beforeAll(async () => {
  minter = await createMinter();
  token = await minter.sign(idTokenV1({ upn: 'servicedesk@contoso.test' }), { typ: 'JWT' });
});

describe('tolerant token decoding', () => {
  it('the minted token needs padding in every part (so the test means something)', () => {
    expect(
      pad(token)
        .split('.')
        .every((p) => p.endsWith('=')),
    ).toBe(true);
  });

  it('decodes a v1 ID token whose parts carry = padding, as the unpadded original', () => {
    const padded = pad(token);
    const d = decodeToken(padded);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.claims).toMatchObject({
      ver: '1.0',
      upn: 'servicedesk@contoso.test',
      unique_name: 'servicedesk@contoso.test',
    });
    expect(normaliseCompactToken(padded)).toBe(token);
    const i = inspectInput(padded, { nowSeconds: NOW, timeZone: 'UTC' });
    expect(i.tokens).toHaveLength(1);
    expect(i.tokens[0]?.format).toBe('jwt');
    expect(i.tokens[0]?.findings.map((f) => f.code)).not.toContain('TOKEN_MALFORMED');
  });

  it('reads the padded token wrapped over lines, in quotes, in a token response and in a log line', async () => {
    const padded = pad(token);
    const wrapped = `"${padded.replace(/(.{64})/g, '$1\n    ')}"`;
    for (const input of [
      wrapped,
      `'${padded}'`,
      JSON.stringify({ token_type: 'Bearer', id_token: padded }),
      `2026-11-30 INFO got id_token=${padded} from the token endpoint`,
    ]) {
      const ex = extractTokens(input);
      expect(
        ex.tokens.map((t) => [t.format, t.value]),
        input.slice(0, 40),
      ).toEqual([['jwt', token]]);
    }
    // The normalised token is the signed one: its signature still verifies with the issuer's key.
    const key = await importJWK(minter.publicJwk, 'RS256');
    const value = extractTokens(wrapped).tokens[0]?.value ?? '';
    await expect(compactVerify(value, key)).resolves.toBeDefined();
  });

  it('stays strict about content: wrong padding, = inside a part, foreign characters, spaces inside a line', () => {
    const [h = '', p = '', s = ''] = token.split('.');
    const malformed = [
      `${h}===.${p}.${s}`, // three = never pad base64
      `${h}.${p}=.${s}`.replace(/=\./, p.length % 4 === 3 ? '==.' : '=.'), // padding that does not complete the part
      `${h}.${p.slice(0, 10)}=${p.slice(10)}.${s}`, // = in the middle
      `${h}.${p.slice(0, 10)}*${p.slice(10)}.${s}`, // not base64url
    ];
    for (const bad of malformed) {
      const d = decodeToken(bad);
      expect(d.ok, bad.slice(0, 60)).toBe(false);
    }
    // A space inside one line is two words, not a wrapped token.
    expect(normaliseCompactToken(`${h}.${p} ${s}`)).toBe(`${h}.${p} ${s}`);
    // Not a JWT: left alone.
    expect(normaliseCompactToken('"0.AXEA-opaque-refresh-token"')).toBe('"0.AXEA-opaque-refresh-token"');
  });
});
