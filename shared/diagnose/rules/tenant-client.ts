// Lint rules on the tenant and the client id: missing, not a GUID or domain, a multitenant segment where the
// product is set up single-tenant, the tenant id pasted as the client id.
import type { FieldKey } from '../types';
import { isDomain, isGuid } from '../../text/identifiers';
import { MULTI_TENANT_SEGMENTS } from '../text-checks';
import { ENDPOINT_FIELDS, endpointOf, fieldLabel, type Hit, type LintRule } from './context';

export const TENANT_CLIENT_RULES: readonly LintRule[] = [
  {
    code: 'TENANT_MISSING',
    severity: 'error',
    field: 'tenant',
    summary: 'No tenant given.',
    check: (c) =>
      c.tenant === ''
        ? {
            message: 'No tenant is set, so the app cannot build or check the tenant-specific endpoints.',
            nextStep:
              'Enter the Directory (tenant) ID from the app registration Overview, or a verified domain such as contoso.com.',
          }
        : undefined,
  },
  {
    code: 'TENANT_FORMAT',
    severity: 'error',
    field: 'tenant',
    summary: 'Tenant is neither a GUID nor a verified-domain name.',
    check: (c) => {
      const t = c.tenant;
      if (t === '' || isGuid(t) || isDomain(t) || MULTI_TENANT_SEGMENTS.has(t.toLowerCase())) return undefined;
      if (t.includes('@'))
        return {
          message: `"${t}" is a user address, not a tenant.`,
          nextStep: `Use the Directory (tenant) ID GUID, or the domain part (${t.split('@').pop() ?? ''}).`,
        };
      if (/^https?:\/\//i.test(t))
        return {
          message: 'The tenant field holds a URL.',
          nextStep: 'Enter only the Directory (tenant) ID GUID or the verified domain, not an endpoint URL.',
        };
      return {
        message: `"${t}" is not a tenant ID (a GUID like 8-4-4-4-12 hex digits) nor a domain name.`,
        nextStep: 'Copy the Directory (tenant) ID from Entra ID > App registrations > your app > Overview.',
      };
    },
  },
  {
    code: 'TENANT_MULTI_TENANT',
    severity: 'warning',
    field: 'tenant',
    summary: 'common / organizations / consumers where the product expects a single-tenant app.',
    check: (c) => {
      const hits: Hit[] = [];
      const consider = (value: string | undefined, field: FieldKey) => {
        const v = (value ?? '').toLowerCase();
        if (!MULTI_TENANT_SEGMENTS.has(v)) return;
        if (v === 'consumers') {
          hits.push({
            field,
            severity: 'error',
            message:
              '"consumers" is the personal Microsoft account endpoint; OAuth for IMAP/POP/SMTP and work mailboxes does not work there.',
            nextStep: 'Use your tenant ID (or organizations for a multitenant app).',
          });
        } else if (c.preset.tenancy === 'single') {
          hits.push({
            field,
            message: `"${v}" is a multitenant endpoint, but ${c.preset.label} is set up with a single-tenant app registration; Entra rejects it for apps created as single tenant (AADSTS50194).`,
            nextStep: `Use the tenant-specific value: your Directory (tenant) ID in ${fieldLabel(c, field)}.`,
          });
        }
      };
      consider(c.tenant, 'tenant');
      for (const f of ENDPOINT_FIELDS) consider(endpointOf(c, f)?.tenantSegment, f);
      return hits;
    },
  },
  {
    code: 'CLIENT_ID_MISSING',
    severity: 'error',
    field: 'clientId',
    summary: 'No client id given.',
    check: (c) =>
      c.clientId === ''
        ? {
            message: `${fieldLabel(c, 'clientId')} is empty.`,
            nextStep: 'Copy the Application (client) ID from the app registration Overview.',
          }
        : undefined,
  },
  {
    code: 'CLIENT_ID_FORMAT',
    severity: 'error',
    field: 'clientId',
    summary: 'Client id is not a GUID.',
    check: (c) =>
      c.clientId === '' || isGuid(c.clientId)
        ? undefined
        : {
            message: `${fieldLabel(c, 'clientId')} "${c.clientId.slice(0, 60)}" is not a GUID; the Application (client) ID always is (8-4-4-4-12 hex digits).`,
            nextStep: 'Copy the Application (client) ID from Overview, not the app name or the Object ID field label.',
          },
  },
  {
    code: 'CLIENT_ID_IS_TENANT',
    severity: 'warning',
    field: 'clientId',
    summary: 'Client id equals the tenant id.',
    check: (c) =>
      c.clientId !== '' && isGuid(c.clientId) && c.clientId.toLowerCase() === c.tenant.toLowerCase()
        ? {
            message: `${fieldLabel(c, 'clientId')} is the same GUID as the tenant: the Directory (tenant) ID was probably pasted in both fields.`,
            nextStep: 'Copy the Application (client) ID, the first GUID on the Overview page.',
          }
        : undefined,
  },
];
