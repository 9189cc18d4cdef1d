// Texts of a given size for the explain parser's timing test: a benign product log (codes, support ids, an error
// page, a token-endpoint body, a redirect URL, SMTP and Graph answers) and adversarial texts that made the old
// patterns backtrack or that stress every scan the parser makes (long runs after a label, tags that never close,
// entity-like runs, back-to-back codes, answer triggers by the thousand).

const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const LOG = [
  '2026-11-30 08:15:02,114 ERROR [mail-poller] Error occurred while authorizing an integration. The error message is: AADSTS7000215: Invalid client secret provided. Trace ID: 0b9a0c3e-1111-2222-3333-444455556666 Correlation ID: 9a9a0c3e-1111-2222-3333-444455556666 Timestamp: 2026-11-30 08:15:02Z',
  '{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.\\r\\nTrace ID: 1b9a0c3e-1111-2222-3333-444455556666","error_codes":[700082],"correlation_id":"2b9a0c3e-1111-2222-3333-444455556666"}',
  'https://acme.service-now.com/oauth_redirect.do?error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI+does+not+match&state=abc',
  '<html><body><div class="err">Sorry, but we&#39;re having trouble signing you in. <b>AADSTS50076</b>: multifactor required</div></body></html>',
  'S: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
  'C: A1 AUTHENTICATE XOAUTH2 dXNlcj1zZXJ2aWNlZGVzaw== S: A1 NO AUTHENTICATE failed.',
  '{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}',
  'INFO [scheduler] mailbox poll finished in 412 ms, 0 new messages, next run in 60 s',
].join('\n');

/** `AADSTS10000: w AADSTS10001: w …` to `size` characters: every code new, so each one's words are read. */
function distinctCodes(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = `AADSTS${10_000 + i}: w `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, size);
}

/** A product log of `size` characters with every kind of thing the parser reads, repeated. */
export const benignLog = (size: number): string => fill(`${LOG}\n`, size);

/** Adversarial texts of `size` characters, by name. */
export function adversarialTexts(size: number): Readonly<Record<string, string>> {
  const spaces = (label: string) => `${label}${' '.repeat(Math.max(0, size - label.length - 1))}x`;
  return {
    'trace id label then a long run of spaces': spaces('Trace ID:'),
    'correlation id labels with quotes and spaces': fill('Correlation ID: " ', size),
    'timestamp label then a long run of spaces': spaces('Timestamp: "'),
    'error code label then a long run of spaces': spaces('Error code'),
    'tags that never close': fill('<', size),
    'tags closing far beyond reach': fill(`<${'a'.repeat(3000)}`, size),
    'entity-like runs': `&${'a'.repeat(size - 1)}`,
    'numeric entity runs': fill('&#1234567', size),
    'codes back to back': fill('AADSTS50011:', size),
    'distinct codes with words': distinctCodes(size),
    'AADSTS then endless digits': `AADSTS${'1'.repeat(size - 6)}`,
    'error_codes arrays': fill('"error_codes":[1,2,3,4,5,6,7,8,9,0,', size),
    'MSAL error lists': fill('Error(s): 50011,50012,', size),
    'percent escapes': fill('%4%', size),
    'answer triggers': fill('5.7.139 ErrorAccessDenied AUTHENTICATE failed EWS ', size),
    'one line without breaks': fill('x', size),
  };
}
