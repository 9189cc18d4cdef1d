// A small stand-in for the ServiceNow server APIs the app's background script uses, to run that script in node:vm
// the way "Scripts - Background" runs it: GlideRecord (addQuery, query, next, hasNext, get, getUniqueValue,
// getValue, orderByDesc) over three tables, sn_auth.GlideOAuthClient().getToken returning a GlideOAuthToken
// (getAccessToken, getRefreshToken, getExpiresIn), and gs.print / gs.info, whose lines come out prefixed
// "*** Script: " as on the instance. Shapes follow ServiceNow's API reference (GlideRecord, GlideOAuthClient,
// GlideOAuthToken); oauth_credential's fields (type, expires, the requestor profile's references) are the
// script's own assumption, mirrored here. The vm context has no require, process or timers: only these globals.
import { createContext, runInContext } from 'node:vm';

export interface StoredToken {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
  /** The refresh token's expiry as oauth_credential shows it (a GlideDateTime value). */
  readonly refreshExpires?: string;
}

export interface ServiceNowStore {
  readonly emailAccounts: { sys_id: string; name: string; user_name: string }[];
  readonly oauthProfiles: { sys_id: string; name: string }[];
  /** Stored tokens by `${emailAccountSysId}|${oauthProfileSysId}` (the OAuth requestor and the profile). */
  readonly tokens: Map<string, StoredToken>;
}

export interface ScriptRun {
  /** Everything gs.print/gs.info printed, one "*** Script: …" line each, as the background script page shows. */
  readonly output: string;
  /** A script error (syntax or runtime), as the page reports it; undefined when it ran through. */
  readonly error?: string;
}

type Row = Record<string, string>;

function tableRows(store: ServiceNowStore, table: string): Row[] | undefined {
  if (table === 'sys_email_account') return store.emailAccounts.map((r) => ({ ...r }));
  if (table === 'oauth_entity_profile') return store.oauthProfiles.map((r) => ({ ...r }));
  if (table === 'oauth_credential') {
    const rows: Row[] = [];
    let n = 0;
    for (const [key, t] of store.tokens) {
      const [requestor = '', profile = ''] = key.split('|');
      if (t.refreshToken === undefined) continue;
      rows.push({
        sys_id: `cred${String(++n).padStart(28, '0')}`,
        type: 'refresh_token',
        'oauth_requestor_profile.oauth_requestor': requestor,
        'oauth_requestor_profile.oauth_entity_profile': profile,
        expires: t.refreshExpires ?? '',
        sys_updated_on: '2026-01-01 00:00:00',
      });
    }
    return rows;
  }
  return undefined;
}

function glideRecordClass(store: ServiceNowStore) {
  return class GlideRecord {
    private readonly rows: Row[];
    private readonly filters: [string, string][] = [];
    private result: Row[] = [];
    private at = -1;
    private current: Row | undefined;
    constructor(table: string) {
      const rows = tableRows(store, String(table));
      if (rows === undefined) throw new Error(`Invalid table name ${String(table)}`);
      this.rows = rows;
    }
    addQuery(field: string, value: unknown): void {
      this.filters.push([String(field), String(value)]);
    }
    orderByDesc(field: string): void {
      void field; // one row per requestor and profile here: nothing to order
    }
    query(): void {
      this.result = this.rows.filter((r) => this.filters.every(([f, v]) => r[f] === v));
      this.at = -1;
    }
    next(): boolean {
      this.at++;
      this.current = this.result[this.at];
      return this.current !== undefined;
    }
    hasNext(): boolean {
      return this.at + 1 < this.result.length;
    }
    get(a: unknown, b?: unknown): boolean {
      const [field, value] = b === undefined ? ['sys_id', String(a)] : [String(a), String(b)];
      this.current = this.rows.find((r) => r[field] === value);
      return this.current !== undefined;
    }
    getUniqueValue(): string {
      return this.current?.['sys_id'] ?? '';
    }
    getValue(field: string): string | null {
      return this.current?.[field] ?? null;
    }
  };
}

function oauthClientClass(store: ServiceNowStore) {
  return class GlideOAuthClient {
    getToken(requestId: unknown, profileId: unknown) {
      const t = store.tokens.get(`${String(requestId)}|${String(profileId)}`);
      return {
        getAccessToken: () => t?.accessToken ?? null,
        getRefreshToken: () => t?.refreshToken ?? null,
        getExpiresIn: () => t?.expiresIn ?? 0,
      };
    }
  };
}

/** Run a background script against the store; never throws (a script error comes back as `error`). */
export function runBackgroundScript(script: string, store: ServiceNowStore): ScriptRun {
  const lines: string[] = [];
  const print = (msg: unknown): void => {
    lines.push(`*** Script: ${String(msg)}`);
  };
  const context = createContext({
    gs: { print, info: print },
    GlideRecord: glideRecordClass(store),
    sn_auth: { GlideOAuthClient: oauthClientClass(store) },
  });
  try {
    runInContext(script, context, { timeout: 2000, filename: 'background-script.js' });
    return { output: lines.join('\n') };
  } catch (e) {
    return { output: lines.join('\n'), error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
