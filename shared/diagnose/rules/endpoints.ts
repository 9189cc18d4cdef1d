// Lint rules on the authorization and token endpoints: not an Entra URL, the v1 endpoint, swapped, an unknown
// host, a tenant or cloud that disagrees with the tenant field or the selected cloud, the implicit flow.
import { cloudForLoginHost, sameCloudFamily } from '../../cloud/clouds';
import { hostsFor } from '../../cloud/hosts';
import { isDomain, isGuid } from '../../text/identifiers';
import { clean } from '../../text/invisible-chars';
import { MULTI_TENANT_SEGMENTS } from '../text-checks';
import {
  ENDPOINT_FIELDS,
  cloudLabel,
  endpointOf,
  fieldLabel,
  rawOf,
  type Hit,
  type KnownCloud,
  type LintRule,
} from './context';

export const ENDPOINT_RULES: readonly LintRule[] = [
  {
    code: 'ENDPOINT_INVALID',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'Endpoint is not an Entra OAuth endpoint URL.',
    check: (c) =>
      ENDPOINT_FIELDS.flatMap((f) => {
        const raw = clean(rawOf(c.input, f));
        if (raw === '') return [];
        const e = endpointOf(c, f);
        if (!e)
          return [
            {
              field: f,
              message: `${fieldLabel(c, f)} is not a valid https URL.`,
              nextStep: `Copy the "OAuth 2.0 ${f === 'authorizeUrl' ? 'authorization' : 'token'} endpoint (v2)" from Overview > Endpoints.`,
            },
          ];
        if (e.url.protocol !== 'https:')
          return [
            {
              field: f,
              message: `${fieldLabel(c, f)} uses http; Entra endpoints are https only.`,
              nextStep: 'Change http:// to https://.',
            },
          ];
        if (e.version === undefined)
          return [
            {
              field: f,
              message: `${fieldLabel(c, f)} does not have the shape https://<login host>/<tenant>/oauth2/v2.0/${f === 'authorizeUrl' ? 'authorize' : 'token'}.`,
              nextStep: `Copy the "OAuth 2.0 ${f === 'authorizeUrl' ? 'authorization' : 'token'} endpoint (v2)" from Overview > Endpoints.`,
            },
          ];
        return [];
      }),
  },
  {
    code: 'ENDPOINT_V1',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'v1 endpoint (/oauth2/authorize without /v2.0/).',
    check: (c) =>
      ENDPOINT_FIELDS.flatMap((f) => {
        const e = endpointOf(c, f);
        if (!e || e.version !== 'v1') return [];
        const fixed = `${e.url.origin}/${e.tenantSegment ?? '<tenant>'}/oauth2/v2.0/${e.kind === 'other' ? (f === 'authorizeUrl' ? 'authorize' : 'token') : e.kind}`;
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} is a v1 endpoint (no /v2.0/): it expects a resource, ignores the scope string and gives tokens the mailbox rejects (401).`,
            nextStep: `Use ${fixed}`,
          },
        ];
      }),
  },
  {
    code: 'ENDPOINT_SWAPPED',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'Authorize URL points at /token or the reverse.',
    check: (c) => {
      const hits: Hit[] = [];
      if (c.authorize && c.authorize.kind === 'token')
        hits.push({
          field: 'authorizeUrl',
          message: `${fieldLabel(c, 'authorizeUrl')} ends in /token; the browser must be sent to /authorize.`,
          nextStep: 'Put the authorization endpoint here and the token endpoint in the token field.',
        });
      if (c.token && c.token.kind === 'authorize')
        hits.push({
          field: 'tokenUrl',
          message: `${fieldLabel(c, 'tokenUrl')} ends in /authorize; the code is redeemed at /token.`,
          nextStep: 'Put the token endpoint here and the authorization endpoint in its own field.',
        });
      return hits;
    },
  },
  {
    code: 'ENDPOINT_UNKNOWN_HOST',
    severity: 'warning',
    field: 'authorizeUrl',
    summary: 'Endpoint host is not a Microsoft login host.',
    check: (c) =>
      c.input.cloud === 'custom'
        ? undefined
        : ENDPOINT_FIELDS.flatMap((f) => {
            const e = endpointOf(c, f);
            if (!e || e.version === undefined || cloudForLoginHost(e.host) !== undefined) return [];
            return [
              {
                field: f,
                message: `${fieldLabel(c, f)} points at ${e.host}, which is not a Microsoft login host for any cloud.`,
                nextStep: `Use https://${hostsFor(c.input.cloud).loginHost ?? '<login host>'}/<tenant>/oauth2/v2.0/… for ${cloudLabel(c.input.cloud as KnownCloud)}.`,
              },
            ];
          }),
  },
  {
    code: 'ENDPOINT_TENANT_MISMATCH',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'The tenant in the endpoint URL differs from the tenant field.',
    check: (c) =>
      ENDPOINT_FIELDS.flatMap((f) => {
        const seg = endpointOf(c, f)?.tenantSegment;
        if (
          seg === undefined ||
          c.tenant === '' ||
          MULTI_TENANT_SEGMENTS.has(seg.toLowerCase()) ||
          MULTI_TENANT_SEGMENTS.has(c.tenant.toLowerCase())
        )
          return [];
        // A GUID and a domain can name the same tenant; only the online check can tell, so compare like with like.
        const sameKind = (isGuid(seg) && isGuid(c.tenant)) || (isDomain(seg) && isDomain(c.tenant));
        if (!sameKind || seg.toLowerCase() === c.tenant.toLowerCase()) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} names tenant ${seg}, but the tenant is ${c.tenant}; tokens are requested from the wrong directory (AADSTS700016 or 90002).`,
            nextStep: `Use the same Directory (tenant) ID in ${fieldLabel(c, f)} and ${fieldLabel(c, 'tenant')}.`,
          },
        ];
      }),
  },
  {
    code: 'ENDPOINT_PAIR_MISMATCH',
    severity: 'error',
    field: 'tokenUrl',
    summary: 'Authorize and token URLs name different tenants or hosts.',
    check: (c) => {
      const a = c.authorize;
      const t = c.token;
      if (!a || !t || a.tenantSegment === undefined || t.tenantSegment === undefined) return undefined;
      if (a.host === t.host && a.tenantSegment.toLowerCase() === t.tenantSegment.toLowerCase()) return undefined;
      return {
        message: `The authorization URL (${a.host}/${a.tenantSegment}) and the token URL (${t.host}/${t.tenantSegment}) disagree; a code from one is rejected by the other (AADSTS700005).`,
        nextStep: 'Copy both URLs from the same Overview > Endpoints page.',
      };
    },
  },
  {
    code: 'ENDPOINT_CLOUD_MISMATCH',
    severity: 'error',
    field: 'authorizeUrl',
    summary: 'Endpoint belongs to another cloud than the one selected.',
    check: (c) => {
      if (c.input.cloud === 'custom') return undefined;
      const sel = c.input.cloud;
      return ENDPOINT_FIELDS.flatMap((f) => {
        const e = endpointOf(c, f);
        const ec = e ? cloudForLoginHost(e.host) : undefined;
        if (!e || ec === undefined || sameCloudFamily(ec, sel)) return [];
        return [
          {
            field: f,
            message: `${fieldLabel(c, f)} uses ${e.host} (${cloudLabel(ec)}) but the cloud is ${cloudLabel(sel)}; each cloud has its own directory, so the app and tenant are not found there.`,
            nextStep: `Use https://${hostsFor(sel).loginHost ?? '<login host>'}/… or pick the cloud your tenant lives in.`,
          },
        ];
      });
    },
  },
  {
    code: 'IMPLICIT_GRANT_HINT',
    severity: 'warning',
    field: 'authorizeUrl',
    summary: 'Authorize URL asks for tokens directly (implicit / hybrid flow).',
    check: (c) => {
      const q = c.authorize?.url.query;
      if (!q) return undefined;
      const rt = (q.get('response_type') ?? '').split(/\s+/);
      const implicit = rt.includes('token') || rt.includes('id_token');
      const fragment = q.get('response_mode') === 'fragment';
      if (!implicit && !fragment) return undefined;
      return {
        message: `The authorization URL requests ${implicit ? `response_type=${q.get('response_type') ?? ''}` : 'response_mode=fragment'}: that is the implicit/hybrid flow, which mail products do not use and which needs the implicit grant boxes enabled.`,
        nextStep:
          'Use response_type=code only, and in Authentication leave "Access tokens" and "ID tokens" under Implicit grant and hybrid flows unchecked.',
      };
    },
  },
];
