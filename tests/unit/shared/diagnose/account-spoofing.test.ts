// Spoofable account addresses: one row per lint rule with an address that makes it fire (at the field it
// names) and a near miss that does not, on an otherwise clean configuration; the detector's cases; and the
// authorize request schema refusing direction-control characters in accounts.
import { describe, expect, it } from 'vitest';
import { addressSpoofing } from '../../../../shared/text/address-spoofing';
import { AuthorizeConfigSchema } from '../../../../shared/authorize/schema';
import { lint, RULES, type DiagnoseInput, type FieldKey } from '../../../../shared/diagnose';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const base: DiagnoseInput = {
  preset: 'servicenow',
  cloud: 'global',
  protocols: ['imap', 'smtp'],
  tenant: T,
  clientId: '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda',
  clientSecret: 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe',
  secretExpiry: '2027-12-31',
  authorizeUrl: `https://login.microsoftonline.com/${T}/oauth2/v2.0/authorize`,
  tokenUrl: `https://login.microsoftonline.com/${T}/oauth2/v2.0/token`,
  redirectUri: 'https://acme.service-now.com/oauth_redirect.do',
  scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access',
  signInAccount: 'servicedesk@contoso.com',
  mailbox: 'servicedesk@contoso.com',
};
const NOW = new Date('2026-03-01T00:00:00Z');

type Row = [code: string, field: FieldKey, fires: Partial<DiagnoseInput>, nearMiss: Partial<DiagnoseInput>];
const ROWS: Row[] = [
  [
    'ACCOUNT_BIDI_CONTROL',
    'mailbox',
    { mailbox: 'servicedesk@\u202Emoc.osotnoc' },
    { mailbox: 'servicedesk@contoso.com' },
  ],
  [
    'ACCOUNT_BIDI_CONTROL',
    'signInAccount',
    { signInAccount: '\u2067servicedesk\u2069@contoso.com' },
    { signInAccount: 'service-desk@contoso.com' },
  ],
  [
    'ACCOUNT_MIXED_SCRIPT',
    'mailbox',
    { mailbox: 'servicedesk@cоntoso.com' /* Cyrillic о */ },
    { mailbox: 'servicedesk@contoso.com' },
  ],
  [
    'ACCOUNT_MIXED_SCRIPT',
    'signInAccount',
    { signInAccount: 'sеrvicedesk@contoso.com' /* Cyrillic е */ },
    { signInAccount: 'иван@contoso.com' /* all Cyrillic name */ },
  ],
  [
    'ACCOUNT_LOOKALIKE_LETTERS',
    'mailbox',
    { mailbox: 'servicedesk@сосо.com' /* all-lookalike Cyrillic label */ },
    { mailbox: 'servicedesk@пример.рф' /* a real Cyrillic domain */ },
  ],
  [
    'ACCOUNT_LOOKALIKE_LETTERS',
    'signInAccount',
    { signInAccount: 'admin@αpple.com' /* Greek alpha */ },
    { signInAccount: 'admin@apple.com' },
  ],
];

describe('account spoofing lint rules', () => {
  it('the base configuration raises none of them', () => {
    const codes = lint(base, { now: NOW }).map((f) => f.code);
    for (const [code] of ROWS) expect(codes).not.toContain(code);
  });

  it.each(ROWS)('%s fires on %s and not on the near miss', (code, field, fires, nearMiss) => {
    const hit = lint({ ...base, ...fires }, { now: NOW }).filter((f) => f.code === code);
    expect(hit.map((f) => f.field)).toContain(field);
    for (const f of hit) {
      expect(f.severity).toBe('warning');
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.nextStep.length).toBeGreaterThan(10);
    }
    expect(lint({ ...base, ...nearMiss }, { now: NOW }).filter((f) => f.code === code)).toEqual([]);
  });

  it('every spoofing rule is registered and has a row', () => {
    for (const code of ['ACCOUNT_BIDI_CONTROL', 'ACCOUNT_MIXED_SCRIPT', 'ACCOUNT_LOOKALIKE_LETTERS']) {
      expect(RULES.some((r) => r.code === code)).toBe(true);
      expect(ROWS.some((r) => r[0] === code)).toBe(true);
    }
  });
});

describe('addressSpoofing', () => {
  it.each([
    ['servicedesk@contoso.com', []],
    ['müller@contoso.de', []],
    ['иван@пример.рф', []],
    ['ΑΒΓ@example.gr', []], // Γ has no Latin twin: a Greek name, not a disguise
    ['a\u202Eb@contoso.com', ['bidi:local']],
    ['paypal@pаypal.com', ['mixed-script:domain', 'lookalike:domain']],
    ['admin@xn--pypal-4ve.com', []], // punycode is ASCII; the lint's ACCOUNT_FORMAT and the IDN display are elsewhere
  ])('%s → %j', (address, want) => {
    expect(addressSpoofing(address).map((s) => `${s.kind}:${s.part}`)).toEqual(want);
  });
});

describe('authorize request schema', () => {
  const cfg = {
    cloud: 'global',
    tenant: 'contoso.com',
    clientId: '9247ff64-4fa2-4b31-9d1d-d624d2ea2cda',
    clientSecret: 'Snw8Q~F1635bVSw0FeJ9hVuuAJhFmueyl2MhrqZe',
    redirectUri: 'https://acme.service-now.com/oauth_redirect.do',
    signInAccount: 'servicedesk@contoso.com',
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'],
  };
  it('accepts an ordinary account and refuses one with a direction-control character', () => {
    expect(AuthorizeConfigSchema.safeParse(cfg).success).toBe(true);
    expect(AuthorizeConfigSchema.safeParse({ ...cfg, signInAccount: 'servicedesk@\u202Emoc.osotnoc' }).success).toBe(
      false,
    );
    expect(AuthorizeConfigSchema.safeParse({ ...cfg, mailbox: 'support\u2066@contoso.com' }).success).toBe(false);
  });
});
