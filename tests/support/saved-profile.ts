// The saved profile the tests that need one on disk write: ServiceNow on the global cloud for the mailbox
// desk@contoso.com, named "Desk", as Settings renames and deletes it and `watch` reads it. One definition, so the
// two read the same connection; each test adds the secret it needs (a typed Value, or none kept).
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
