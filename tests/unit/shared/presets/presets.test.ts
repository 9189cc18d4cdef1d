// Product presets against their schema and against the admin guides they were written from (scopes per cloud,
// the notes each guide insists on), and the cloud table's host lookups.
import { describe, expect, it } from 'vitest';
import { CLOUDS, cloudForLoginHost, cloudForResourceHost, isCloudId } from '../../../../shared/cloud/clouds';
import { CloudIdSchema } from '../../../../shared/cloud/schema';
import { scopeHostsFor, scopesFor } from '../../../../shared/cloud/scopes';
import { PRESETS, isPresetId, presetById, protocolsKeptFor } from '../../../../shared/presets';
import { PresetIdSchema, PresetSchema } from '../../../../shared/presets/schema';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s validates against PresetSchema', (_id, p) => {
    const r = PresetSchema.safeParse(p);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s names each field once (one name per field sheet row)',
    (_id, p) => {
      // Two rows both called "Server" (the IMAP and the SMTP account's) left the admin guessing which is which.
      const labels = p.fields.map((f) => f.label);
      expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
    },
  );
  it('the id enum and the list agree, and each id resolves to its preset', () => {
    expect(PRESETS.map((p) => p.id).sort()).toEqual([...PresetIdSchema.options].sort());
    for (const id of PresetIdSchema.options) expect(presetById(id).id).toBe(id);
  });
  it('isPresetId (the zod-free parse the renderer uses) accepts exactly what PresetIdSchema accepts', () => {
    for (const id of PresetIdSchema.options) expect(isPresetId(id)).toBe(true);
    for (const v of ['ServiceNow', 'jira', '', '__proto__', 'toString', 'constructor', 1, null, undefined, {}])
      expect([v, isPresetId(v)]).toEqual([v, PresetIdSchema.safeParse(v).success]);
  });
  it('the schema rejects a preset without a client secret field or with a non-https redirect template', () => {
    const sn = presetById('servicenow');
    expect(
      PresetSchema.safeParse({ ...sn, fields: sn.fields.filter((f) => f.valueFrom !== 'clientSecret') }).success,
    ).toBe(false);
    expect(
      PresetSchema.safeParse({ ...sn, redirect: { ...sn.redirect, template: 'http://{instance}/x' } }).success,
    ).toBe(false);
  });
  it('ServiceNow IMAP+SMTP scopes per cloud match the documented strings', () => {
    const sn = presetById('servicenow');
    expect(scopesFor(sn, ['imap', 'smtp'], scopeHostsFor('global'))).toEqual([
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'offline_access',
      'https://outlook.office.com/SMTP.Send',
    ]);
    expect(scopesFor(sn, ['imap'], scopeHostsFor('usgov-high'))).toEqual([
      'https://outlook.office365.us/IMAP.AccessAsUser.All',
      'offline_access',
    ]);
  });
  it('Jira Graph scopes and ServiceOps Graph scopes follow their admin guides', () => {
    expect(scopesFor(presetById('jira-data-center'), ['graph-read'], scopeHostsFor('global'))).toEqual([
      'https://graph.microsoft.com/Mail.ReadWrite',
      'https://graph.microsoft.com/offline_access',
    ]);
    expect(scopesFor(presetById('motadata-serviceops'), ['graph-read'], scopeHostsFor('global')).join(' ')).toBe(
      'https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/Files.Read.All https://graph.microsoft.com/User.Read offline_access',
    );
  });
  it('carries the product notes the admin guides insist on', () => {
    expect(
      presetById('servicenow')
        .notes.map((n) => n.text)
        .join(' '),
    ).toContain('side_door.do');
    expect(
      presetById('jira-data-center')
        .notes.map((n) => n.text)
        .join(' '),
    ).toMatch(/Secret ID/);
    expect(
      presetById('jira-data-center')
        .notes.map((n) => n.text)
        .join(' '),
    ).toMatch(/Full Access/);
    expect(presetById('servicenow').fields.find((f) => f.valueFrom === 'scopes')?.multiRow).toBe(true);
  });
});

describe('clouds', () => {
  it('isCloudId (the zod-free parse the renderer uses) accepts exactly what CloudIdSchema accepts', () => {
    for (const id of CloudIdSchema.options) expect(isCloudId(id)).toBe(true);
    for (const v of ['Global', 'gcc-high', '', '__proto__', 'toString', 0, null, undefined])
      expect([v, isCloudId(v)]).toEqual([v, CloudIdSchema.safeParse(v).success]);
  });
  it('maps login and resource hosts back to their cloud', () => {
    expect(cloudForLoginHost('LOGIN.microsoftonline.us')).toBe('usgov-high');
    expect(cloudForLoginHost('login.chinacloudapi.cn')).toBe('china');
    expect(cloudForLoginHost('example.com')).toBeUndefined();
    expect(cloudForResourceHost('dod-graph.microsoft.us')).toEqual({ cloud: 'usgov-dod', kind: 'graph' });
    expect(cloudForResourceHost('outlook.office365.us')).toEqual({ cloud: 'usgov-high', kind: 'outlook' });
  });
  it('a product change keeps the ticked protocols the new product offers too, in its order, else its first one', () => {
    // Motadata ServiceOps lists Graph before IMAP and SMTP: the ticks follow its order, not the order they were ticked.
    expect(protocolsKeptFor(presetById('motadata-serviceops'), ['smtp', 'imap'])).toEqual(['imap', 'smtp']);
    // Jira Data Center has no SMTP: the IMAP tick stays, the SMTP one goes.
    expect(protocolsKeptFor(presetById('jira-data-center'), ['imap', 'smtp'])).toEqual(['imap']);
    // Nothing ticked that it offers: its first protocol, never an empty list.
    expect(protocolsKeptFor(presetById('jira-data-center'), ['smtp'])).toEqual(['imap']);
    expect(protocolsKeptFor(presetById('motadata-serviceops'), [])).toEqual(['graph-read']);
  });
  it('marks the values Microsoft does not spell out as unverified', () => {
    expect(CLOUDS.global.outlookResourceHost.verified).toBe(true);
    expect(CLOUDS['usgov-high'].outlookResourceHost.verified).toBe(false);
    expect(CLOUDS.china.imap.verified).toBe(false);
  });
});
