// The one redactor every log line, error detail, report and probe answer passes through: what it masks (each
// shape of token, code, secret and password, including the gaps a review found: secrets starting with - or .,
// pre-2019 base64 secrets, URL-encoded keys, Authorization/Basic credentials, passwords with spaces), what it
// leaves readable, and redactKnown's masking of pieces of a secret the caller holds.
import { describe, expect, it } from 'vitest';
import { redact, redactKnown } from '../../../../shared/text/redact';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NSIsIm5hbWUiOiJKb2huIn0.c2lnbmF0dXJlLXBhcnQ';
const AZURE = 'Abc8Q~abcdefghijklmnopqrstuvwxyz0123456';
const OLD_SECRET = 'kJ3j2l1kj3lk2j1lk3j2l1k3j2l1k3j2l1k3j2l1kAB=';

describe('redact', () => {
  it.each([
    ['a JWT in a sentence', `token ${JWT} end`, JWT],
    ['a JWT followed by a full stop', `got ${JWT}.`, JWT],
    ['a Bearer value', 'Authorization: Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['a client secret value', `secret is ${AZURE} ok`, AZURE],
    ['a client secret starting with -', `secret -${AZURE.slice(1)} ok`, AZURE.slice(1)],
    ['a client secret starting with .', `secret .${AZURE.slice(1)} ok`, AZURE.slice(1)],
    ['a pre-2019 base64 client secret', `value ${OLD_SECRET} saved`, OLD_SECRET],
    ['a refresh token', 'rt 0.AXoAabcdefghijklmnopqrstuvwxyz0123456789ABCDEFG next', '0.AXoAabcdefghijklmnop'],
    ['a code in a query', '/cb?code=0.AXoAfooBARbaz&state=1', '0.AXoAfooBARbaz'],
    ['a URL-encoded code', '/cb?state=x%26code%3D0.AXoAfooBARbaz%26session=2', '0.AXoAfooBARbaz'],
    ['a URL-encoded JSON key', '%22client_secret%22%3A%22s3cr3tValue%22', 's3cr3tValue'],
    ['Authorization: Basic', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    ['a Basic credential outside a header', 'sent Basic dXNlcjpwYXNzd29yZA== to the proxy', 'dXNlcjpwYXNzd29yZA=='],
    ['Authorization: Negotiate', 'Authorization: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF', 'YIIGhgYJ'],
    ['a quoted password with spaces', '{"password": "correct horse battery staple"}', 'horse battery'],
    ['an unquoted password with spaces', 'password=correct horse battery staple', 'horse battery'],
    ['an XOAUTH2 blob', 'AUTHENTICATE XOAUTH2 dXNlcj1zZXJ2aWNlZGVza0Bjb250b3NvLmNvbQFhdXRo', 'dXNlcj1zZXJ2'],
  ])('masks %s', (_name, text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toBe(text);
  });

  it('leaves ordinary words, ids and Exchange answers readable', () => {
    for (const text of [
      'A1 NO AUTHENTICATE failed.',
      '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
      'Basic authentication is disabled for this mailbox',
      'client id 9247ff64-4fa2-4b31-9d1d-d624d2ea2cda, tenant contoso.onmicrosoft.com',
      'AADSTS50011: The redirect URI specified in the request does not match.',
    ])
      expect(redact(text)).toBe(text);
  });
});

describe('redactKnown', () => {
  it('masks a held token a server echoes back cut into words, and leaves the rest', () => {
    const split = (JWT.match(/.{1,7}/g) ?? []).join(' ');
    const out = redactKnown(`BAD ${split} unknown command`, [JWT]);
    expect(out.startsWith('BAD ')).toBe(true);
    expect(out.endsWith(' unknown command')).toBe(true);
    // At most a piece shorter than KNOWN_PIECE_CHARS (the tail of the cut) can survive.
    for (const piece of JWT.match(/.{6}/g) ?? []) expect(out).not.toContain(piece);
  });

  it('masks pieces of a secret with non-ASCII characters too (kept as strings, not packed numbers)', () => {
    const secret = 'pässwörd-Geheimnis-ÄÖÜ';
    expect(redactKnown(`login failed for ${secret.slice(2, 14)} here`, [secret])).toBe(
      'login failed for [token part redacted] here',
    );
  });

  it('masks only pieces that are in a secret: pieces alike in their last characters are not', () => {
    // 'Xabcde' and 'Yabcde' pack to numbers with the same low bits (the quick filter's slot) but are different pieces.
    expect(redactKnown('Yabcde Xabcde', ['--Xabcde--'])).toBe('Yabcde [token part redacted]');
    // A piece that ends the text and one that starts it.
    expect(redactKnown('Xabcdeno lookxyzab', ['Xabcde', 'kxyzab'])).toBe(
      '[token part redacted]no loo[token part redacted]',
    );
  });

  it('is redact() when no secret is held', () => {
    expect(redactKnown(`x ${JWT}`, [])).toBe(redact(`x ${JWT}`));
  });
});
