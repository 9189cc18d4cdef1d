// The AADSTS catalog and the error-text parser: the codes of the admin guides explained (fixes in the product's
// terms), and codes, trace and correlation ids read from log lines (the one in Atlassian's KB "Detailed steps to
// configure OAuth 2.0 integration with Microsoft Azure"), token-endpoint bodies, callback queries and pages.
import { describe, expect, it } from 'vitest';
import {
  AADSTS_CATALOG,
  aadstsCodes,
  explain,
  firstAadstsCode,
  isTransientAadsts,
  parseErrorText,
} from '../../../../shared/explain';

// The error table (sign-in log codes) of Motadata ServiceOps' guide "Azure OAuth Configuration Troubleshooting".
const SERVICEOPS_GUIDE_TABLE: readonly [number, RegExp][] = [
  [7000215, /secret/i],
  [70011, /scope/i],
  [50011, /redirect/i],
  [65001, /consent/i],
  [700016, /application|client id/i],
  [135011, /device|disabled/i],
  [90072, /tenant/i],
];

describe('AADSTS catalog', () => {
  it('holds at least 80 distinct codes, each with meaning, cause and fix', () => {
    expect(AADSTS_CATALOG.length).toBeGreaterThanOrEqual(80);
    expect(new Set(AADSTS_CATALOG.map((e) => e.code)).size).toBe(AADSTS_CATALOG.length);
    for (const e of AADSTS_CATALOG)
      for (const k of ['meaning', 'cause', 'fix'] as const) expect(e[k].length, `${e.code} ${k}`).toBeGreaterThan(5);
  });
  it.each(SERVICEOPS_GUIDE_TABLE)('explains AADSTS%i from the ServiceOps guide table', (code, topic) => {
    const r = explain(`Error code: AADSTS${code}`);
    expect(r.cards).toHaveLength(1);
    const c = r.cards[0];
    expect(c?.known).toBe(true);
    expect(`${c?.meaning} ${c?.cause}`).toMatch(topic);
  });
  it('says device compliance cannot be met by an embedded browser (53000, 53003)', () => {
    for (const code of [53000, 53003]) expect(explain(`AADSTS${code}`).cards[0]?.note).toMatch(/embedded/i);
  });
  it('calls the service codes transient (retry), and not a client loop or a configuration error', () => {
    // Microsoft's reference calls these transient or retryable; the authorize flow tells the user to wait and retry.
    for (const code of [50033, 50087, 90006, 90024, 90033, 90090])
      expect(isTransientAadsts(code), `${code}`).toBe(true);
    // 50196 LoopDetected: the client retries too fast; 50011 and 7000215 are configuration; unknown codes are not.
    for (const code of [50196, 50011, 7000215, 1234567]) expect(isTransientAadsts(code), `${code}`).toBe(false);
  });
  it("words fixes in the product's terms when a preset is given", () => {
    expect(explain('AADSTS7000215', 'jira-data-center').cards[0]?.fix).toMatch(/application link/);
    expect(explain('AADSTS7000215').cards[0]?.fix).not.toMatch(/application link/);
  });
  it('names the field to check as the product labels it, and by this app’s name without a product', () => {
    expect(explain('AADSTS50011', 'servicenow').cards[0]).toMatchObject({
      field: 'redirectUri',
      fieldLabel: 'Redirect URL',
    });
    expect(explain('AADSTS7000215', 'servicenow').cards[0]?.fieldLabel).toBe('Client Secret');
    expect(explain('AADSTS50011').cards[0]).toMatchObject({ field: 'redirectUri', fieldLabel: 'Redirect URI' });
  });
});

describe('error text parser', () => {
  it("reads the Jira log line of Atlassian's KB article with trace id, correlation id and timestamp", () => {
    const line =
      'ERROR [c.a.o.c.rest.resource.ClientConfigurationResource] Error occurred while authorizing an integration. The error message is: AADSTS7000215: Invalid client secret provided. Trace ID: 0b9a0c3e-1111-2222-3333-444455556666   Correlation ID: 9a9a0c3e-1111-2222-3333-444455556666 Timestamp: 2022-03-04 20:33:57Z';
    const p = parseErrorText(line);
    expect(p.codes).toEqual([{ code: 7000215, serverText: 'Invalid client secret provided.' }]);
    expect(p.traceIds).toEqual(['0b9a0c3e-1111-2222-3333-444455556666']);
    expect(p.correlationIds).toEqual(['9a9a0c3e-1111-2222-3333-444455556666']);
    expect(p.timestamps).toEqual(['2022-03-04 20:33:57Z']);
  });
  it('reads error_codes arrays and JSON ids from a token-endpoint body', () => {
    const body =
      '{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys are expired.\\r\\nTrace ID: a","error_codes":[7000222,50011],"trace_id":"0b9a0c3e-1111-2222-3333-444455556666","correlation_id":"1b9a0c3e-1111-2222-3333-444455556666"}';
    const p = parseErrorText(body);
    expect(p.codes.map((c) => c.code).sort()).toEqual([50011, 7000222]);
    expect(p.oauthErrors).toEqual(['invalid_client']);
    expect(p.correlationIds).toEqual(['1b9a0c3e-1111-2222-3333-444455556666']);
  });
  it('reads URL-encoded callback queries and HTML error pages', () => {
    expect(
      parseErrorText(
        'https://x/oauth_redirect.do?error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI',
      ).codes.map((c) => c.code),
    ).toEqual([50011]);
    expect(
      parseErrorText(
        '<div class="err">Sorry&#58; <b>AADSTS90002</b>&#58; Tenant &#39;x&#39; not found</div>',
      ).codes.map((c) => c.code),
    ).toEqual([90002]);
  });
  it('says plainly when a code is unknown, and when nothing is found', () => {
    const r = explain('AADSTS1234567: something new');
    expect(r.cards[0]).toMatchObject({
      known: false,
      lookupUrl: 'https://login.microsoftonline.com/error?code=1234567',
    });
    expect(r.summary).toMatch(/not in this app's catalog: AADSTS1234567/);
    expect(explain('all good here').summary).toMatch(/No AADSTS code/);
    expect(explain('{"error":"invalid_grant"}').cards[0]).toMatchObject({ code: 'invalid_grant', known: true });
  });
  it('ignores digits that are not codes (a near miss)', () => {
    expect(parseErrorText('order 50011 shipped; AADSTS-50011 typo').codes).toEqual([]);
  });
  it('finds the AADSTS codes written in a text, first one and all of them, with the parser’s pattern', () => {
    const desc = 'AADSTS50011: The redirect URI … Trace ID: x. Then AADSTS7000215 and AADSTS50011 again.';
    expect(firstAadstsCode(desc)).toBe(50011);
    expect(aadstsCodes(desc)).toEqual([50011, 7000215]);
    expect(firstAadstsCode('order 50011 shipped; AADSTS-50011 typo; AADSTS123')).toBeUndefined();
    expect(aadstsCodes('none here')).toEqual([]);
  });
});
