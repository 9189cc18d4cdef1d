// The saved profile the tests that need one write: ServiceNow on the global cloud for the mailbox desk@contoso.com,
// named "Desk", as Settings renames and deletes it, `watch` reads it from disk and Watch's rules judge it. One
// definition, so they all mean the same connection; each test adds the secret it needs (a typed Value, or none kept).
import type { ProfilesSaveRequest } from '../../shared/profiles/profile';

export const DESK_PROFILE: Pick<ProfilesSaveRequest, 'name' | 'config'> = {
  name: 'Desk',
  config: {
    presetId: 'servicenow',
    cloud: 'global',
    tenant: 'contoso.com',
    clientId: '11111111-2222-4333-8444-555555555555',
    redirectUri: 'https://acme.service-now.com/oauth_redirect.do',
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'],
    mailbox: 'desk@contoso.com',
  },
};
