// The cheaper paths an inspection takes since issue 22 give the answers the plain ones gave: UTC times written from
// the day count match Date#toISOString over the whole range, claim rows are built by whoever shows them from the
// inspection's claims and checkedAt, and the host and permission look-ups read own keys only (a required scope or
// audience host named "constructor" used to reach Object.prototype and crash the inspection).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloudForLoginHost, cloudForResourceHost } from '../../../../shared/cloud/clouds';
import { claimRows, formatUtc, inspectInput } from '../../../../shared/tokens';
import { grants } from '../../../../shared/tokens/requirements';
import { InspectionSchema } from '../../../../shared/tokens/schema';
import { NOW, createMinter, outlookAccessV1, type Minter } from '../../../support/tokens-mint';

const viaDate = (s: number): string => {
  const iso = new Date(s * 1000).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
};

describe('formatUtc', () => {
  it('writes what toISOString writes, for any whole second from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (s) => {
        expect(formatUtc(s)).toBe(viaDate(s));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gets the calendar edges right: leap days, century years, the last second of 9999', () => {
    const edges = [
      0, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 951_868_800, 4_107_542_400 /* 2100-03-01 */, 4_107_456_000,
      1_709_164_800 /* 2024-02-29 */, 253_402_300_799,
    ];
    for (const s of edges) expect(formatUtc(s)).toBe(viaDate(s));
    expect(formatUtc(951_782_400)).toBe('2000-02-29T00:00:00Z');
    expect(formatUtc(253_402_300_799)).toBe('9999-12-31T23:59:59Z');
  });

  it('leaves fractions, times before 1970 and years past 9999 to toISOString', () => {
    for (const s of [1.5, NOW + 0.25, -1, -86_401, 253_402_300_800, 8.64e12]) expect(formatUtc(s)).toBe(viaDate(s));
    expect(formatUtc(Number.NaN)).toBe('not a valid time');
    expect(formatUtc(8.64e12 + 1)).toBe('not a valid time');
  });
});

describe('claim rows, built where they are shown', () => {
  let token: string;
  beforeAll(async () => {
    const minter: Minter = await createMinter();
    token = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.com' }));
  });

  it('are not part of an inspection, which stays plain data that JSON, structured clone and the schema keep whole', () => {
    const inspection = inspectInput(token, { nowSeconds: NOW, timeZone: 'UTC' });
    const t = inspection.tokens[0];
    expect(t && 'claimRows' in t).toBe(false);
    expect(structuredClone(inspection)).toEqual(JSON.parse(JSON.stringify(inspection)));
    expect(InspectionSchema.parse(inspection)).toEqual(inspection);
  });

  it('come from the inspection’s claims and its checkedAt, in the zone asked for', () => {
    const a = inspectInput(token, { nowSeconds: NOW }).tokens[0];
    const later = inspectInput(token, { nowSeconds: NOW + 7200 });
    const exp = (claims: Record<string, unknown> | undefined, now: number, tz?: string) =>
      claimRows(claims ?? {}, now, tz).find((r) => r.name === 'exp')?.time;
    expect(exp(a?.claims, NOW, 'UTC')).toMatchObject({ utc: formatUtc(NOW + 3600), relative: 'in 1 h' });
    expect(exp(later.tokens[0]?.claims, later.checkedAt, 'Asia/Tokyo')?.relative).toBe('1 h ago');
    expect(exp(later.tokens[0]?.claims, later.checkedAt, 'Asia/Tokyo')?.local).toMatch(/GMT\+9|JST/);
  });
});

describe('own keys only', () => {
  it('a required scope named like an Object.prototype member is just missing, not a crash', async () => {
    const minter = await createMinter();
    const token = await minter.sign(outlookAccessV1({ upn: 'servicedesk@contoso.com' }));
    for (const scope of ['constructor', '__proto__', 'toString']) {
      const r = inspectInput(token, { nowSeconds: NOW, expectations: { requiredScopes: [scope] } });
      const codes = r.tokens[0]?.findings.map((f) => f.code);
      expect(codes).toContain('SCOPE_MISSING');
    }
    expect(grants(['Mail.ReadWrite'], 'constructor')).toBe(false);
    expect(grants(['Mail.ReadWrite'], 'Mail.Read')).toBe(true);
    expect(grants(['mail.send.shared'], 'MAIL.SEND')).toBe(true);
  });

  it('hosts: only the clouds’ own hosts are recognised; a shared login host goes to the first cloud listed', () => {
    expect(cloudForResourceHost('constructor')).toBeUndefined();
    expect(cloudForLoginHost('constructor')).toBeUndefined();
    expect(cloudForLoginHost('LOGIN.MICROSOFTONLINE.US')).toBe('usgov-high');
    expect(cloudForLoginHost('sts.windows.net')).toBe('global');
    expect(cloudForResourceHost('dod-graph.microsoft.us')).toEqual({ cloud: 'usgov-dod', kind: 'graph' });
    expect(cloudForResourceHost('outlook.office365.us')).toEqual({ cloud: 'usgov-high', kind: 'outlook' });
  });
});
