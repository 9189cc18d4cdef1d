// hostsFor is the one source of a cloud's hosts: Microsoft's table for a known cloud, the custom authority's own
// hosts where it names them (Global's, marked unverified, where it does not), and the authority URL and v2
// endpoints built on the login host.
import { describe, expect, it } from 'vitest';
import { authorityOf, hostsFor, unverifiedNote, v2EndpointsFor } from '../../../../shared/cloud/hosts';

describe('hostsFor', () => {
  it('a known cloud: login, Graph, Outlook and mail hosts from the table, with derived values marked', () => {
    const g = hostsFor('global');
    expect(g).toMatchObject({ loginHost: 'login.microsoftonline.com', imap: { value: { port: 993 }, verified: true } });
    expect(g.graphHost.value).toBe('graph.microsoft.com');
    const dod = hostsFor('usgov-dod');
    expect(dod.graphHost.value).toBe('dod-graph.microsoft.us');
    expect(unverifiedNote(dod, dod.imap)).toMatch(/^Derived for US Government DoD, not spelled out by Microsoft/);
    expect(unverifiedNote(g, g.imap)).toBeUndefined();
  });

  it('a custom authority: its own hosts where named, Global ones marked unverified where not', () => {
    const named = hostsFor('custom', {
      authorityHost: 'localhost:8443',
      graphHost: 'graph.test',
      outlookResourceHost: 'outlook.test',
    });
    expect(named).toMatchObject({ loginHost: 'localhost:8443', graphHost: { value: 'graph.test' } });
    expect(named.outlookResourceHost.value).toBe('outlook.test');
    const bare = hostsFor('custom');
    expect(bare.loginHost).toBeUndefined();
    expect(bare.graphHost).toMatchObject({ value: 'graph.microsoft.com', verified: false });
    expect(unverifiedNote(bare, bare.smtp)).toMatch(/custom authority has no published mail hosts/);
  });

  it('builds the authority and the v2 endpoints on the login host, and none without a host or tenant', () => {
    expect(authorityOf({ cloud: 'china', tenant: ' contoso.cn ' })).toEqual({
      authority: 'https://login.partner.microsoftonline.cn/contoso.cn',
      host: 'login.partner.microsoftonline.cn',
    });
    expect(v2EndpointsFor({ cloud: 'global', tenant: 'contoso.com' })?.tokenUrl).toBe(
      'https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token',
    );
    expect(authorityOf({ cloud: 'custom', tenant: 't' })).toBeUndefined();
    expect(v2EndpointsFor({ cloud: 'global', tenant: '  ' })).toBeUndefined();
  });
});
