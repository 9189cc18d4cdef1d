// The one subject line app-only mode shows when the admin asks (issue 24 point 2): the request names only the subject
// of the newest Inbox message, the answer gives one printable line (no other field of the message is read), and a
// refusal or a body that is not JSON says what happened without echoing what Graph sent. The contract refuses the
// option without Graph and a result carrying anything but the subject.
import { describe, expect, it } from 'vitest';
import {
  MAX_SUBJECT_CHARS,
  newestSubjectPath,
  readNewestSubject,
} from '../../../../../electron/services/probes/graph-probe';
import { AppOnlyRunRequestSchema, AppOnlyRunResultSchema } from '../../../../../shared/app-only/schema';

describe('the newest-subject request', () => {
  it('asks for one message, the subject field only, newest first, in the Inbox of the mailbox', () => {
    const url = new URL(`https://graph.microsoft.com${newestSubjectPath('service desk@contoso.com')}`);
    expect(url.pathname).toBe('/v1.0/users/service%20desk%40contoso.com/mailFolders/inbox/messages');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      $top: '1',
      $select: 'subject',
      $orderby: 'receivedDateTime desc',
    });
  });
});

describe('readNewestSubject', () => {
  it('gives the subject and ignores every other field Graph might send', () => {
    const body = JSON.stringify({ value: [{ id: 'AAMk', subject: 'Printer on 3rd floor', bodyPreview: 'secret' }] });
    expect(readNewestSubject(200, body)).toEqual({ state: 'shown', subject: 'Printer on 3rd floor' });
  });

  it('an empty Inbox is said as such', () => {
    expect(readNewestSubject(200, '{"value":[]}')).toEqual({ state: 'empty' });
  });

  it('one line: a folded header or a terminal escape becomes a space; at most 255 characters', () => {
    expect(readNewestSubject(200, JSON.stringify({ value: [{ subject: 'Re: invoice\r\n 42\u001b[31m' }] }))).toEqual({
      state: 'shown',
      subject: 'Re: invoice 42 [31m',
    });
    const long = readNewestSubject(200, JSON.stringify({ value: [{ subject: 'x'.repeat(1000) }] }));
    expect(long.state === 'shown' ? long.subject.length : 0).toBe(MAX_SUBJECT_CHARS);
    expect(readNewestSubject(200, JSON.stringify({ value: [{ subject: '  ' }] }))).toEqual({
      state: 'shown',
      subject: '(no subject)',
    });
  });

  it('a refusal says the status and Graph code only, never the body', () => {
    const r = readNewestSubject(
      403,
      JSON.stringify({ error: { code: 'ErrorAccessDenied', message: 'Access is denied for Printer on 3rd floor' } }),
    );
    expect(r).toEqual({ state: 'unavailable', why: 'Graph refused the read with HTTP 403 ErrorAccessDenied.' });
    const odd = readNewestSubject(502, '<html>Subject: Printer on 3rd floor</html>');
    expect(odd).toEqual({ state: 'unavailable', why: 'Graph answered HTTP 502 with a body that is not JSON.' });
  });
});

describe('the contract', () => {
  const base = {
    cloud: 'global',
    tenant: 'contoso.com',
    clientId: '00000000-0000-0000-0000-000000000001',
    clientSecret: 'x',
    mailbox: 'servicedesk@contoso.com',
  };

  it('takes showSubject with Graph and refuses it without Graph', () => {
    expect(AppOnlyRunRequestSchema.safeParse({ ...base, protocols: ['graph'], showSubject: true }).success).toBe(true);
    const r = AppOnlyRunRequestSchema.safeParse({ ...base, protocols: ['imap'], showSubject: true });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['showSubject']);
    expect(AppOnlyRunRequestSchema.safeParse({ ...base, protocols: ['graph'], showSubject: 'yes' }).success).toBe(
      false,
    );
  });

  it('lets only the subject through in the answer, at most 255 characters', () => {
    const result = { roles: [], findings: [], results: [] };
    expect(
      AppOnlyRunResultSchema.safeParse({ ...result, newestSubject: { state: 'shown', subject: 'Hello' } }).success,
    ).toBe(true);
    expect(
      AppOnlyRunResultSchema.safeParse({
        ...result,
        newestSubject: { state: 'shown', subject: 'Hello', body: 'the body' },
      }).success,
    ).toBe(false);
    expect(
      AppOnlyRunResultSchema.safeParse({ ...result, newestSubject: { state: 'shown', subject: 'x'.repeat(256) } })
        .success,
    ).toBe(false);
  });
});
