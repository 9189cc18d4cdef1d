// What an admin who mistypes an option value gets from the CLI, command by command: exit 2 (usage) with one sentence
// that names the option, quotes what was typed and says what it takes, before any input is read or any server is
// contacted. Driven through main([...], io) with a fake io whose standard input would fail the test if read.
import { describe, expect, it } from 'vitest';
import { main } from '../../../../electron/cli/cli';
import type { CliIo } from '../../../../electron/cli/command';

function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readStdin: () => Promise.reject(new Error('standard input was read before the options were checked')),
    env: {},
  };
  return main(argv, io).then((code) => ({ code, out, err }));
}

const PROBE = ['probe', '--protocol', 'smtp', '--mailbox', 'servicedesk@contoso.com', '--token-stdin'];
const APP_ONLY = ['probe', '--app-only', '--protocol', 'imap', '--mailbox', 'servicedesk@contoso.com'];
const APP_ONLY_FULL = [
  ...APP_ONLY,
  '--tenant',
  'contoso.com',
  '--client-id',
  '00000000-0000-0000-0000-000000000001',
  '--secret-stdin',
];

describe('CLI option values refused with a sentence and exit 2', () => {
  it.each([
    {
      what: 'inspect: an unknown --protocol',
      argv: ['inspect', '-', '--protocol', 'ews'],
      says: /--protocol "ews" is not a protocol this app knows\. Use one of: .*imap/,
    },
    {
      what: 'inspect: an unknown --mode',
      argv: ['inspect', '-', '--mode', 'both'],
      says: /--mode "both" is not a mode\. Use delegated, app-only or either\./,
    },
    {
      what: 'inspect: a --time-zone that is not an IANA zone',
      argv: ['inspect', '-', '--time-zone', 'CET+1'],
      says: /--time-zone "CET\+1" is not an IANA time zone \(e\.g\. Europe\/Berlin/,
    },
    {
      what: 'probe: an unknown --cloud',
      argv: [...PROBE, '--cloud', 'azure-de'],
      says: /--cloud "azure-de" is not a cloud this app knows\. Use one of: global/,
    },
    {
      what: 'probe: a --host with a path',
      argv: [...PROBE, '--host', 'outlook.office365.com/owa'],
      says: /--host "outlook\.office365\.com\/owa" is not a host name or IP address\./,
    },
    {
      what: 'probe: a --graph-target other than mailbox or me',
      argv: [
        'probe',
        '--protocol',
        'graph',
        '--mailbox',
        'servicedesk@contoso.com',
        '--token-stdin',
        '--graph-target',
        'users',
      ],
      says: /--graph-target "users" is not a target: use mailbox or me\./,
    },
    {
      what: 'probe: a --ca-file that does not exist',
      argv: [...PROBE, '--ca-file', '/nonexistent/corp-root.pem'],
      says: /--ca-file/,
    },
    {
      what: 'probe --app-only: an --authority with a path',
      argv: [...APP_ONLY_FULL, '--authority', 'https://login.example.com/contoso.com/v2.0'],
      says: /--authority "https:\/\/login\.example\.com\/contoso\.com\/v2\.0" is not https:\/\/host\[:port\]\./,
    },
    {
      what: 'probe --app-only without --tenant',
      argv: [...APP_ONLY, '--client-id', '00000000-0000-0000-0000-000000000001', '--secret-stdin'],
      says: /--app-only needs --tenant: the Directory \(tenant\) ID or a verified domain\./,
    },
    {
      what: 'probe --app-only: a --canary that is not an address',
      argv: [...APP_ONLY_FULL, '--canary', 'adele'],
      says: /--canary "adele" is not an e-mail address\./,
    },
    {
      what: 'probe --app-only: the --canary is the --mailbox itself',
      argv: [...APP_ONLY_FULL, '--canary', 'ServiceDesk@contoso.com'],
      says: /--canary must be another mailbox than --mailbox: one the app must not reach\./,
    },
    {
      what: 'diagnose --app-only with only protocols that have no app-only test',
      argv: [
        'diagnose',
        '--preset',
        'servicenow',
        '--protocols',
        'graph-send,ews',
        '--tenant',
        'contoso.com',
        '--client-id',
        '00000000-0000-0000-0000-000000000001',
        '--secret-stdin',
        '--mailbox',
        'servicedesk@contoso.com',
        '--app-only',
      ],
      says: /--app-only tests graph-read, imap, pop or smtp: add one of them to --protocols\./,
    },
    {
      what: 'probe: --show-subject without --app-only (a delegated probe reads no message)',
      argv: [...PROBE, '--show-subject'],
      says: /--show-subject needs --app-only\./,
    },
    {
      what: 'probe --app-only: --show-subject without Graph among the protocols',
      argv: [...APP_ONLY_FULL, '--show-subject'],
      says: /--show-subject reads the subject through Microsoft Graph: add --protocol graph\./,
    },
    {
      what: 'diagnose: an --authority that is not a URL',
      argv: ['diagnose', '--preset', 'servicenow', '--online', '--authority', 'login.microsoftonline.com'],
      says: /--authority "login\.microsoftonline\.com" is not a URL \(e\.g\. https:\/\/login\.microsoftonline\.com\)\./,
    },
  ])('$what', async ({ argv, says }) => {
    const r = await run(argv);
    expect(r.err).toMatch(says);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
