// The request half of an audit: GETs on Microsoft Graph v1.0 with the admin's access token, each answer turned
// into a Reading (the value, a 403 refusal, another failure) without judging it; process.ts in shared/audit judges.
// Lists follow @odata.nextLink, but only on the Graph host the reader was made for: a next link elsewhere would
// carry the admin's token to another server. The token is held by the reader for one audit and never logged.
import { z } from 'zod';
import type { Reading } from '../../../shared/audit/process';
import { GraphErrorSchema } from '../../../shared/audit/schema';
import { redact } from '../../../shared/text/redact';
import type { FetchLike } from '../diagnose/online-requests';

export interface GraphReaderOptions {
  readonly fetch: FetchLike;
  /** https://graph.microsoft.com (the cloud's Graph host, or a custom authority's). */
  readonly graphBase: string;
  readonly accessToken: string;
  readonly signal?: AbortSignal;
  /** Per request. */
  readonly timeoutMs?: number;
  /** A list longer than this many pages is cut (an audit filters down to one object; this only stops a loop). */
  readonly maxPages?: number;
}

export interface GraphReader {
  /** GET one object; `undefined` when Graph answers 404. */
  get<T>(path: string, schema: z.ZodType<T>): Promise<Reading<T | undefined>>;
  /** GET a collection, following @odata.nextLink on the same host. */
  list<T>(path: string, item: z.ZodType<T>): Promise<Reading<T[]>>;
}

const PageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() }).passthrough();

/** Why a request failed, as a Reading; 403 is a refusal (missing permission), everything else a failure. */
function failure(status: number, body: string): Reading<never> {
  let code = `HTTP_${status}`;
  let message = `Microsoft Graph answered ${status}.`;
  try {
    const e = GraphErrorSchema.safeParse(JSON.parse(body));
    if (e.success) {
      code = e.data.error.code;
      message = e.data.error.message ?? message;
    }
  } catch {
    // not JSON: keep the status
  }
  const shortMessage = redact(message).slice(0, 300);
  return status === 403
    ? { status: 'denied', code, message: shortMessage }
    : { status: 'failed', code, message: shortMessage };
}

const unreachable = (e: unknown): Reading<never> => ({
  status: 'failed',
  code: 'GRAPH_UNREACHABLE',
  message: redact(e instanceof Error ? e.message : String(e)).slice(0, 300),
});

export function createGraphReader(options: GraphReaderOptions): GraphReader {
  const base = new URL(options.graphBase);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxPages = options.maxPages ?? 20;
  const send = async (url: string): Promise<{ status: number; body: string }> => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const res = await options.fetch(url, {
      headers: { authorization: `Bearer ${options.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.any(signals),
    });
    return { status: res.status, body: await res.text() };
  };
  const urlOf = (path: string): string => new URL(`/v1.0${path}`, base).toString();
  const parse = <T>(schema: z.ZodType<T>, body: string): Reading<T> => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return {
        status: 'failed',
        code: 'GRAPH_MALFORMED',
        message: 'Microsoft Graph answered with a body that is not JSON.',
      };
    }
    const r = schema.safeParse(json);
    return r.success
      ? { status: 'ok', value: r.data }
      : { status: 'failed', code: 'GRAPH_UNEXPECTED', message: 'Microsoft Graph answered in an unexpected shape.' };
  };
  return {
    async get(path, schema) {
      let res: { status: number; body: string };
      try {
        res = await send(urlOf(path));
      } catch (e) {
        return unreachable(e);
      }
      if (res.status === 404) return { status: 'ok', value: undefined };
      if (res.status !== 200) return failure(res.status, res.body);
      return parse(schema, res.body);
    },
    async list(path, item) {
      const out: z.infer<typeof item>[] = [];
      let next: string | undefined = urlOf(path);
      for (let page = 0; next !== undefined; page++) {
        if (page >= maxPages)
          return {
            status: 'failed',
            code: 'GRAPH_TOO_MANY_PAGES',
            message: `More than ${maxPages} pages for ${path}.`,
          };
        const url = new URL(next);
        if (url.origin !== base.origin)
          return {
            status: 'failed',
            code: 'GRAPH_FOREIGN_NEXT_LINK',
            message: `A next-page link pointed to ${url.host}, not ${base.host}; it was not followed.`,
          };
        let res: { status: number; body: string };
        try {
          res = await send(url.toString());
        } catch (e) {
          return unreachable(e);
        }
        if (res.status !== 200) return failure(res.status, res.body);
        const pageRead = parse(PageSchema, res.body);
        if (pageRead.status !== 'ok') return pageRead;
        for (const raw of pageRead.value.value) {
          const r = item.safeParse(raw);
          if (!r.success)
            return {
              status: 'failed',
              code: 'GRAPH_UNEXPECTED',
              message: `An item of ${path} had an unexpected shape.`,
            };
          out.push(r.data);
        }
        next = pageRead.value['@odata.nextLink'];
      }
      return { status: 'ok', value: out };
    },
  };
}
