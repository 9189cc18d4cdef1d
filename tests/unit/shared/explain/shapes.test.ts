// Every shape an error comes in (issue 20, point 2): several codes on one line, MSAL's "Error(s): … - Description:"
// message, token-endpoint JSON with error_codes, an HTML error page, a URL-encoded error_description in a redirect
// URL, log lines with Trace and Correlation IDs. And the mail servers' and Graph's own answers (point 3), explained
// with their cause and next step in the product's words and the Microsoft docs behind them.
import { describe, expect, it } from 'vitest';
import { ANSWER_IDS, MAIL_ANSWERS, explain, parseErrorText } from '../../../../shared/explain';

const TRACE = '0b9a0c3e-1111-2222-3333-444455556666';
const CORR = '9a9a0c3e-1111-2222-3333-444455556666';

describe('error shapes', () => {
  it('gives each code of a line its own card and its own words, whatever joins them', () => {
    const r = explain(
      'AADSTS700082: The refresh token has expired due to inactivity. | earlier: AADSTS65001: The user or administrator has not consented to use the application.',
    );
    expect(r.cards.map((c) => [c.code, c.serverText])).toEqual([
      ['AADSTS700082', 'The refresh token has expired due to inactivity.'],
      ['AADSTS65001', 'The user or administrator has not consented to use the application.'],
    ]);
    const p = parseErrorText('AADSTS50011: redirect; AADSTS7000215: secret, AADSTS90002: tenant');
    expect(p.codes).toEqual([
      { code: 50011, serverText: 'redirect' },
      { code: 7000215, serverText: 'secret' },
      { code: 90002, serverText: 'tenant' },
    ]);
  });

  it("reads MSAL's message: the Error(s) list, the description's code and words, the support ids", () => {
    // The template of msal-common's ResponseHandler (Error(s) - Timestamp - Description - Correlation ID - Trace ID).
    const msal = `invalid_client: Error(s): 7000215,50011 - Timestamp: 2026-11-30 08:15:02Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-30 08:15:02Z - Correlation ID: ${CORR} - Trace ID: ${TRACE}`;
    const p = parseErrorText(msal);
    expect(p.codes.map((c) => c.code)).toEqual([7000215, 50011]);
    expect(p.codes[0]?.serverText).toBe(
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    );
    expect(p.traceIds).toEqual([TRACE]);
    expect(p.correlationIds).toEqual([CORR]);
    expect(p.timestamps).toEqual(['2026-11-30 08:15:02Z']);
    expect(p.oauthErrors).toEqual(['invalid_client']);
  });

  it('reads a JSON body: error_codes, the escaped description and the ids', () => {
    const body = `{"error":"invalid_grant","error_description":"AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.\\r\\nTrace ID: ${TRACE}\\r\\nCorrelation ID: ${CORR}","error_codes":[70008, 50173],"timestamp":"2026-11-30 08:15:02Z","trace_id":"${TRACE}","correlation_id":"${CORR}"}`;
    const p = parseErrorText(body);
    expect(p.codes).toEqual([
      { code: 70008, serverText: 'The provided authorization code or refresh token has expired due to inactivity.' },
      { code: 50173 },
    ]);
    expect([p.traceIds, p.correlationIds, p.timestamps]).toEqual([[TRACE], [CORR], ['2026-11-30 08:15:02Z']]);
  });

  it('reads an HTML error page: tags, entities, numeric entities', () => {
    const page = `<html><body><div id="login_workload_logo_text">Sign in</div><div class="error">Sorry, but we&#39;re having trouble signing you in.</div><div><span>AADSTS50020</span>&#58; User account &#x27;adele@contoso.com&#x27; from identity provider does not exist in tenant &amp; cannot access the application.</div><div>Trace ID&#58; ${TRACE}</div></body></html>`;
    const p = parseErrorText(page);
    expect(p.codes).toEqual([
      {
        code: 50020,
        serverText:
          "User account 'adele@contoso.com' from identity provider does not exist in tenant & cannot access the application.",
      },
    ]);
    expect(p.traceIds).toEqual([TRACE]);
  });

  it("reads a redirect URL's URL-encoded error_description, up to the next query parameter", () => {
    const url =
      'https://acme.service-now.com/oauth_redirect.do?error=invalid_client&error_description=AADSTS7000222%3a+The+provided+client+secret+keys+for+app+%27x%27+are+expired.%0d%0aTrace+ID%3a+' +
      `${TRACE}&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d7000222&state=abc`;
    const r = explain(url, 'servicenow');
    expect(r.cards.map((c) => [c.code, c.serverText])).toEqual([
      ['AADSTS7000222', "The provided client secret keys for app 'x' are expired."],
    ]);
    expect(r.traceIds).toEqual([TRACE]);
    expect(r.cards[0]?.fix).toMatch(/ServiceNow/);
  });

  it('reads a product log line with trace and correlation ids, and a sign-in log export', () => {
    const p = parseErrorText(
      `2026-11-30 08:15:02 WARN OAuth refresh failed: AADSTS50173: The provided grant has expired due to it being revoked. Trace ID: ${TRACE} Correlation ID: ${CORR} Timestamp: 2026-11-30 08:15:01Z\n{"errorCode": 50126, "failureReason": "Invalid username or password"}\nSign-in error code: 53003`,
    );
    expect(p.codes.map((c) => c.code)).toEqual([50173, 50126, 53003]);
    expect(p.codes[0]?.serverText).toBe('The provided grant has expired due to it being revoked.');
    expect(p.correlationIds).toEqual([CORR]);
  });

  it('says when the text was longer than it reads, in the summary and the result', () => {
    const small = explain('AADSTS50011: x');
    expect(small.truncated).toBe(false);
    const big = explain(`AADSTS50011: x\n${'y'.repeat(16 * 1024 * 1024)}AADSTS65001: lost`);
    expect(big.truncated).toBe(true);
    expect(big.summary).toMatch(/Only the first 16 MiB of the 16,777,\d{3} characters were read/);
    expect(big.cards.map((c) => c.code)).toEqual(['AADSTS50011']);
    const many = explain(Array.from({ length: 1001 }, (_, i) => `AADSTS${20_000 + i}`).join(' '));
    expect(many.cards).toHaveLength(1000);
    expect(many.truncated).toBe(true);
    expect(many.summary).toMatch(/more than 1000 different codes; only the first 1000 are shown/);
  });
});

describe('mail server and Graph answers', () => {
  const one = (text: string, preset?: Parameters<typeof explain>[1]) => {
    const r = explain(text, preset);
    expect(r.cards).toHaveLength(1);
    const [c] = r.cards;
    if (c === undefined) throw new Error('no card');
    return c;
  };

  it('has an explanation, a cause, a next step and Microsoft docs for every answer it recognises', () => {
    expect(MAIL_ANSWERS.map((a) => a.id).sort()).toEqual([...ANSWER_IDS].sort());
    for (const a of MAIL_ANSWERS) {
      for (const k of ['meaning', 'cause', 'fix'] as const) expect(a[k].length, `${a.id} ${k}`).toBeGreaterThan(20);
      expect(a.docs.length, a.id).toBeGreaterThan(0);
      for (const d of a.docs)
        expect(d.url, a.id).toMatch(/^https:\/\/(learn\.microsoft\.com|techcommunity\.microsoft\.com)\//);
    }
  });

  it('tells SMTP AUTH off for the tenant from off for the mailbox, and says where to turn it on', () => {
    const tenant = one(
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
    );
    expect(tenant).toMatchObject({ code: 'SMTP 5.7.139 tenant', category: 'smtp', answeredBy: 'Exchange Online' });
    expect(tenant.fix).toMatch(/Turn off SMTP AUTH protocol for your organization/);
    expect(tenant.fix).toMatch(/SmtpClientAuthenticationDisabled \$false/);
    expect(
      one('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.').code,
    ).toBe('SMTP 5.7.139 mailbox');
    expect(
      one("535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy.")
        .code,
    ).toBe('SMTP 5.7.139 security defaults');
  });

  it('explains 535 5.7.3 by the token of another user, a missing SMTP.Send and a shared mailbox without Send As', () => {
    const c = one(
      'S: 535 5.7.3 Authentication unsuccessful [AM0PR04CA0012.eurprd04.prod.outlook.com]',
      'jira-data-center',
    );
    expect(c.code).toBe('SMTP 5.7.3');
    expect(c.cause).toMatch(/another account/);
    expect(c.cause).toMatch(/SMTP\.Send/);
    expect(c.cause).toMatch(/shared mailbox/);
    // The product step: authorize again in Jira's words, as the mailbox.
    expect(c.fix).toMatch(/Jira Data Center \/ Service Management/);
    expect(explain('upgraded to version 5.7.3 yesterday').cards).toEqual([]);
  });

  it('explains Send As refusals, sending before login and the end of Basic SMTP AUTH', () => {
    expect(
      one('554 5.2.252 SendAsDenied; servicedesk@contoso.com not allowed to send as helpdesk@contoso.com').code,
    ).toBe('SMTP 5.7.60 SendAsDenied');
    expect(one('550 5.7.60 SMTP; Client does not have permissions to send as this sender').code).toBe(
      'SMTP 5.7.60 SendAsDenied',
    );
    expect(one('530 5.7.57 Client not authenticated to send mail. [AM0PR04CA0012]').code).toBe('SMTP 5.7.57');
    const basic = one('550 5.7.30 Basic authentication is not supported for Client Submission.');
    expect(basic.code).toBe('SMTP 5.7.30');
    expect(basic.cause).toMatch(/end of December 2026/);
  });

  it('explains IMAP and POP refusals, and a token accepted for a mailbox it cannot open', () => {
    expect(one('A1 NO AUTHENTICATE failed.').code).toBe('IMAP AUTHENTICATE failed');
    expect(one('-ERR Authentication failure: unknown user name or bad password.').code).toBe(
      'POP authentication failed',
    );
    const c = one('* BAD User is authenticated but not connected.');
    expect(c.code).toBe('IMAP authenticated but not connected');
    expect(c.cause).toMatch(/Full Access/);
  });

  it("explains Graph's ErrorAccessDenied three ways, MailboxNotEnabledForRESTAPI and ErrorItemNotFound", () => {
    const policy = one(
      '{"error":{"code":"ErrorAccessDenied","message":"Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings."}}',
    );
    expect(policy.code).toBe('Graph application access policy');
    expect(policy.fix).toMatch(/RBAC for Applications/);
    expect(one('{"error":{"code":"ErrorAccessDenied","message":"Access to OData is disabled."}}').code).toBe(
      'Graph OData disabled',
    );
    const denied = one(
      'HTTP 403 {"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}',
      'motadata-serviceops',
    );
    expect(denied).toMatchObject({ code: 'Graph ErrorAccessDenied', answeredBy: 'Microsoft Graph' });
    expect(denied.fix).toMatch(/Motadata ServiceOps/);
    expect(
      one(
        '{"error":{"code":"MailboxNotEnabledForRESTAPI","message":"The mailbox is either inactive, soft-deleted, or is hosted on-premise."}}',
      ).code,
    ).toBe('Graph MailboxNotEnabledForRESTAPI');
    expect(
      one('{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}').code,
    ).toBe('Graph ErrorItemNotFound');
  });

  it('says Exchange Web Services is being turned off and points to Graph, in Email This Issue’s words too', () => {
    const c = one('POST https://outlook.office365.com/EWS/Exchange.asmx returned 401 Unauthorized');
    expect(c.code).toBe('EWS retirement');
    expect(c.cause).toMatch(/October 2026/);
    expect(c.cause).toMatch(/April 2027/);
    expect(c.fix).toMatch(/Microsoft Graph/);
    expect(one('scope EWS.AccessAsUser.All requested', 'email-this-issue').fix).toMatch(
      /Email This Issue.*Microsoft Graph/,
    );
  });

  it('puts AADSTS codes and answers of one paste side by side', () => {
    const r = explain('AADSTS65001: no consent\nS: 535 5.7.3 Authentication unsuccessful');
    expect(r.cards.map((c) => c.code)).toEqual(['AADSTS65001', 'SMTP 5.7.3']);
  });
});
