// The request half of the online checks (as oauth4webapi splits request and response processing): each
// function sends one request to Entra (or the emulator) and returns what came back — status, the redirect's
// Location, the body as text — without reading it. online-process.ts interprets the answers; the recorded
// answers in tests/support/recorded/ are exactly these values.
import { clean } from '../../../shared/text/invisible-chars';

/** The subset of fetch the checks use; injected so tests reach the emulator and the CLI/app use the platform's. */
export type FetchLike = (
  url: string,
  init?: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    redirect?: 'manual' | 'follow';
    signal?: AbortSignal;
  },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** The platform's fetch, for the app and the CLI (tests inject one that reaches the emulator). */
export const globalFetch: FetchLike = (url, init) => fetch(url, init as RequestInit);

/** Entra's answer to one request, as the process step reads it. */
export interface EntraResponse {
  readonly status: number;
  /** The Location header of a redirect (the authorize request); absent when there is none. */
  readonly location?: string;
  readonly body: string;
}

export interface RequestContext {
  readonly fetch: FetchLike;
  /** https://host[:port] of the authority, no trailing slash. */
  readonly base: string;
  readonly signal: AbortSignal;
}

/** GET the tenant's v2 OpenID configuration. */
export async function requestDiscovery(ctx: RequestContext, tenant: string): Promise<EntraResponse> {
  const res = await ctx.fetch(`${ctx.base}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`, {
    signal: ctx.signal,
  });
  return { status: res.status, body: await res.text() };
}

/** POST a client-credentials grant for `scope` (a resource's /.default): proves id and secret, yields an app token. */
export async function requestClientCredentials(
  ctx: RequestContext,
  tenant: string,
  client: { readonly clientId: string; readonly clientSecret?: string | undefined },
  scope: string,
): Promise<EntraResponse> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clean(client.clientId),
    client_secret: clean(client.clientSecret),
    scope,
  });
  const res = await ctx.fetch(`${ctx.base}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal: ctx.signal,
  });
  return { status: res.status, body: await res.text() };
}

/**
 * GET an authorize request for the client and redirect URI, never followed and never completed: Entra checks the
 * client and the redirect URI before it shows a sign-in page, and sends errors only to a registered URI.
 */
export async function requestAuthorize(
  ctx: RequestContext,
  tenant: string,
  client: { readonly clientId: string; readonly redirectUri: string },
): Promise<EntraResponse> {
  const q = new URLSearchParams({
    client_id: clean(client.clientId),
    redirect_uri: clean(client.redirectUri),
    response_type: 'code',
    scope: 'openid',
    prompt: 'login',
    state: 'mah-probe',
    response_mode: 'query',
  });
  const res = await ctx.fetch(`${ctx.base}/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize?${q.toString()}`, {
    redirect: 'manual',
    signal: ctx.signal,
  });
  const location = res.headers.get('location');
  return { status: res.status, ...(location === null ? {} : { location }), body: await res.text() };
}
