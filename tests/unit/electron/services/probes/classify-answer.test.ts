// The probes' pure half: Exchange's IMAP, POP, SMTP and Graph answers classified into a failure with a next
// step, endpoints resolved per cloud, XOAUTH2 encoding, and the token cross-checked (identity, expiry, audience)
// before the transport is blamed.
import { describe, expect, it } from 'vitest';
import {
  classifyObservation,
  failureFromSocketError,
  type ProbeFailure,
  type ProbeObservation,
} from '../../../../../electron/services/probes/classify-answer';
import { resolveEndpoint } from '../../../../../electron/services/probes/endpoint';
import { readGraphBody } from '../../../../../electron/services/probes/graph-probe';
import { audienceKind, tokenFacts } from '../../../../../electron/services/probes/token-facts';
import { decodeXoauth2Challenge, xoauth2InitialResponse } from '../../../../../electron/services/probes/xoauth2';
import {
  ProbeResultSchema,
  ProbeTargetSchema,
  type ProbeProtocol,
  type ProbeTokenFacts,
} from '../../../../../shared/probes/schema';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2ln`;
const now = Math.floor(Date.now() / 1000);
const MAILBOX = 'servicedesk@contoso.test';
const own: ProbeTokenFacts = {
  identity: MAILBOX,
  expired: false,
  appOnly: false,
  audience: 'https://outlook.office.com',
  decodable: true,
};

const obs = (protocol: ProbeProtocol, failure?: ProbeFailure): ProbeObservation => ({
  protocol,
  endpoint: 'outlook.office365.com:993',
  serverWords: ['* OK The Microsoft Exchange IMAP4 service is ready.'],
  timings: { connect: 1, total: 2 },
  ...(failure === undefined ? { detail: '3 messages in INBOX' } : { failure }),
});
const answer = (
  protocol: ProbeProtocol,
  text: string,
  extra: Partial<Extract<ProbeFailure, { kind: 'answer' }>> = {},
) => classifyObservation(obs(protocol, { kind: 'answer', phase: 'auth', text, ...extra }), own, MAILBOX);

describe('recognising Exchange answers', () => {
  it('IMAP "User is authenticated but not connected" on EXAMINE means no access to the mailbox', () => {
    const r = answer('imap', 'BAD User is authenticated but not connected.', { phase: 'firstCommand' });
    expect(r.outcome).toBe('not-authorized-for-mailbox');
    expect(r.code).toBe('PROBE_NOT_AUTHORIZED_FOR_MAILBOX');
    expect(r.explanation).toMatch(/not connected/);
  });
  it('IMAP/POP "AUTHENTICATE failed" is auth-failed with a next step', () => {
    for (const p of ['imap', 'pop'] as const) {
      const r = answer(p, 'NO AUTHENTICATE failed.');
      expect(r.outcome).toBe('auth-failed');
      expect(r.nextStep.length).toBeGreaterThan(10);
    }
  });
  it('POP or IMAP disabled on the mailbox is protocol-disabled', () => {
    expect(answer('pop', '-ERR POP3 protocol is disabled for this user.').outcome).toBe('protocol-disabled');
    expect(answer('imap', 'NO IMAP4 is not enabled for this mailbox').outcome).toBe('protocol-disabled');
  });
  it('SMTP 535 5.7.3 is auth-failed, 5.7.139 SmtpClientAuthentication disabled is protocol-disabled', () => {
    expect(answer('smtp', '535 5.7.3 Authentication unsuccessful', { status: 535 }).outcome).toBe('auth-failed');
    const d = answer(
      'smtp',
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
      { status: 535 },
    );
    expect(d.outcome).toBe('protocol-disabled');
    expect(d.nextStep).toMatch(/SmtpClientAuthenticationDisabled/);
    const sd = answer(
      'smtp',
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy.",
      { status: 535 },
    );
    expect(sd.outcome).toBe('auth-failed');
    expect(sd.explanation).toMatch(/security defaults/);
  });
  it('Graph 401 / 403 / 404 / MailboxNotEnabledForRESTAPI', () => {
    const g = (status: number, errorCode: string) =>
      answer('graph', `HTTP ${status} ${errorCode}`, { phase: 'firstCommand', status, errorCode });
    expect(g(401, 'InvalidAuthenticationToken').outcome).toBe('auth-failed');
    expect(g(403, 'ErrorAccessDenied').outcome).toBe('not-authorized-for-mailbox');
    expect(g(404, 'ErrorItemNotFound').outcome).toBe('not-authorized-for-mailbox');
    expect(g(404, 'MailboxNotEnabledForRESTAPI').outcome).toBe('protocol-disabled');
    expect(g(503, 'ServiceUnavailable').outcome).toBe('network');
  });
  it('an ok observation reports the detail and no failed phase', () => {
    const r = classifyObservation(obs('imap'), own, MAILBOX);
    expect(r).toMatchObject({ outcome: 'ok', code: 'PROBE_OK', detail: '3 messages in INBOX' });
    expect(r.failedPhase).toBeUndefined();
    expect(ProbeResultSchema.safeParse(r).success).toBe(true);
  });
});

describe('cross-checking the token', () => {
  it('names the identity mismatch first when the token belongs to someone else', () => {
    const adele = { ...own, identity: 'adele@contoso.test' };
    const r = classifyObservation(
      obs('imap', { kind: 'answer', phase: 'auth', text: 'NO AUTHENTICATE failed.' }),
      adele,
      MAILBOX,
    );
    expect(r.outcome).toBe('auth-failed');
    expect(r.explanation).toMatch(
      /^The token belongs to adele@contoso\.test, but user= names servicedesk@contoso\.test/,
    );
  });
  it('explains expiry before anything else', () => {
    const expired = { ...own, identity: 'adele@contoso.test', expired: true, expiresAt: '2020-01-01T00:00:00.000Z' };
    const r = classifyObservation(
      obs('pop', { kind: 'answer', phase: 'auth', text: '-ERR [AUTH] Authentication failed.' }),
      expired,
      MAILBOX,
    );
    expect(r.explanation).toMatch(/expired at 2020-01-01/);
    expect(r.nextStep).toMatch(/fresh access token/);
  });
  it('says when a Graph token is used for IMAP and vice versa', () => {
    const graphTok = { ...own, audience: 'https://graph.microsoft.com' };
    expect(
      classifyObservation(
        obs('imap', { kind: 'answer', phase: 'auth', text: 'NO AUTHENTICATE failed.' }),
        graphTok,
        MAILBOX,
      ).explanation,
    ).toMatch(/for Microsoft Graph/);
    const r = classifyObservation(
      obs('graph', { kind: 'answer', phase: 'firstCommand', text: 'HTTP 401', status: 401 }),
      own,
      MAILBOX,
    );
    expect(r.explanation).toMatch(/for Outlook/);
  });
  it('does not blame the token for network failures or a disabled protocol', () => {
    const adele = { ...own, identity: 'adele@contoso.test' };
    expect(
      classifyObservation(
        obs('imap', { kind: 'network', phase: 'connect', code: 'ECONNREFUSED', message: 'x' }),
        adele,
        MAILBOX,
      ).explanation,
    ).not.toMatch(/adele/);
    expect(
      classifyObservation(
        obs('smtp', {
          kind: 'answer',
          phase: 'auth',
          text: '535 5.7.139 SmtpClientAuthentication is disabled for the Mailbox',
          status: 535,
        }),
        adele,
        MAILBOX,
      ).outcome,
    ).toBe('protocol-disabled');
  });
  it('app-only tokens are not an identity mismatch', () => {
    const app = { ...own, identity: undefined, appOnly: true };
    const r = classifyObservation(
      obs('imap', { kind: 'answer', phase: 'auth', text: 'NO AUTHENTICATE failed.' }),
      app,
      MAILBOX,
    );
    expect(r.explanation).not.toMatch(/belongs to/);
  });
});

describe('transport failures', () => {
  it('sorts socket errors into network and TLS by code', () => {
    expect(failureFromSocketError('connect', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).kind).toBe(
      'network',
    );
    expect(
      failureFromSocketError('tls', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: 'unable to verify' }).kind,
    ).toBe('tls');
    expect(failureFromSocketError('auth', { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'altname' }).kind).toBe(
      'tls',
    );
    expect(failureFromSocketError('auth', { code: 'ECONNRESET', message: 'reset' }).kind).toBe('network');
  });
  it('timeout and cancel results name the phase and bound', () => {
    const t = classifyObservation(obs('pop', { kind: 'timeout', phase: 'auth', boundMs: 1500 }), own, MAILBOX);
    expect(t).toMatchObject({ outcome: 'timeout', failedPhase: 'auth' });
    expect(t.explanation).toMatch(/1500 ms during authentication/);
    expect(classifyObservation(obs('pop', { kind: 'cancelled', phase: 'tls' }), own, MAILBOX).outcome).toBe(
      'cancelled',
    );
  });
  it('redacts tokens that a server echoes back', () => {
    const token = jwt({ upn: MAILBOX, exp: now + 600 });
    const o = { ...obs('imap', { kind: 'answer', phase: 'auth', text: 'NO' }), serverWords: [`+ echo ${token}`] };
    const r = classifyObservation(o, own, MAILBOX);
    expect(r.serverWords.join(' ')).not.toContain(token);
  });
});

describe('token facts, endpoints, XOAUTH2', () => {
  it('reads identity from upn, then preferred_username, lower-cased; expiry; app-only', () => {
    expect(
      tokenFacts(jwt({ upn: 'ServiceDesk@Contoso.test', exp: now + 600, scp: 'IMAP.AccessAsUser.All' })),
    ).toMatchObject({ identity: MAILBOX, expired: false, appOnly: false });
    expect(tokenFacts(`Bearer ${jwt({ preferred_username: 'adele@contoso.test', exp: now - 5 })}`)).toMatchObject({
      identity: 'adele@contoso.test',
      expired: true,
    });
    expect(tokenFacts(jwt({ roles: ['IMAP.AccessAsApp'], exp: now + 60 })).appOnly).toBe(true);
    expect(tokenFacts('opaque-token')).toMatchObject({ decodable: false, expired: false });
    expect(audienceKind('https://graph.microsoft.com')).toBe('graph');
    expect(audienceKind('https://outlook.office.com')).toBe('outlook');
    expect(audienceKind('api://x')).toBe('unknown');
  });
  it('resolves hosts from the cloud table and applies overrides', () => {
    expect(resolveEndpoint('imap', 'global', undefined)).toMatchObject({
      host: 'outlook.office365.com',
      port: 993,
      servername: 'outlook.office365.com',
    });
    expect(resolveEndpoint('smtp', 'usgov-high', undefined)).toMatchObject({ host: 'smtp.office365.us', port: 587 });
    expect(resolveEndpoint('graph', 'china', undefined)).toMatchObject({
      host: 'microsoftgraph.chinacloudapi.cn',
      port: 443,
    });
    const o = resolveEndpoint('pop', 'global', { host: '127.0.0.1', port: 1995, caPem: 'PEM' });
    expect(o).toMatchObject({ host: '127.0.0.1', port: 1995 });
    expect(o.servername).toBeUndefined();
    // One secure context per extra CA, shared by every probe that trusts it (built once: issue 22).
    expect(o.secureContext).toBeDefined();
    expect(resolveEndpoint('imap', 'global', { host: '127.0.0.1', port: 1993, caPem: 'PEM' }).secureContext).toBe(
      o.secureContext,
    );
    expect(resolveEndpoint('imap', 'global', { host: '127.0.0.1', port: 1993, caPem: 'PEM2' }).secureContext).not.toBe(
      o.secureContext,
    );
    expect(resolveEndpoint('imap', 'global', undefined).secureContext).toBeUndefined();
    expect(() => resolveEndpoint('imap', 'custom', undefined)).toThrow(/custom cloud/);
  });
  it('builds the XOAUTH2 blob and refuses control characters', () => {
    expect(Buffer.from(xoauth2InitialResponse('a@b.c', 'tok'), 'base64').toString()).toBe(
      'user=a@b.c\x01auth=Bearer tok\x01\x01',
    );
    expect(() => xoauth2InitialResponse('a@b.c\x01auth=Bearer x', 'tok')).toThrow();
    expect(() => xoauth2InitialResponse('a@b.c', 'tok\r\nQUIT')).toThrow();
    expect(decodeXoauth2Challenge(Buffer.from('{"status":"401"}').toString('base64'))).toBe('{"status":"401"}');
    expect(decodeXoauth2Challenge('not base64!')).toBeUndefined();
  });
  it('reads Graph bodies', () => {
    expect(
      readGraphBody(403, JSON.stringify({ error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } })),
    ).toEqual({ errorCode: 'ErrorAccessDenied', message: 'Access is denied.' });
    expect(readGraphBody(200, JSON.stringify({ totalItemCount: 3 }))).toEqual({ count: 3 });
    expect(readGraphBody(502, '<html>bad gateway</html>')).toEqual({ message: '<html>bad gateway</html>' });
  });
  it('the target schema refuses duplicates and non-addresses', () => {
    expect(ProbeTargetSchema.safeParse({ mailbox: MAILBOX, protocols: ['imap', 'imap'] }).success).toBe(false);
    expect(ProbeTargetSchema.safeParse({ mailbox: 'nope', protocols: ['imap'] }).success).toBe(false);
    expect(ProbeTargetSchema.parse({ mailbox: MAILBOX, protocols: ['imap'] }).cloud).toBe('global');
  });
});
