// Saved profiles in <app data>/profiles.json. Every operation runs one at a time (a promise queue), re-reads
// the file and writes it atomically, so concurrent saves never lose one another. The file is validated with
// zod on load: a file that is not profile JSON, or comes from a newer version, is moved aside to
// profiles.json.corrupt-<time> (never silently overwritten) and the user is told; valid profiles in a partly
// damaged file survive. A file that cannot be read at all is left alone (PROFILES_UNREADABLE).
// A client secret is stored only as vault ciphertext, and only when asked; tokens are never stored. The secret
// is sealed together with what it belongs to (the profile id and its cloud, authority host, tenant, client id and
// redirect URI: secretBindingOf), so it is only ever used for those: a ciphertext moved to another profile, or a
// request naming another authority, tenant, client or redirect URI, is refused instead of sending it there.
// Deleting a profile rewrites the file without it, so its sealed secret goes with it.
import { randomBytes, randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join, type PlatformPath } from 'node:path';
import type { RunConfig } from '../../../shared/authorize/schema';
import {
  PROFILES_FILE_VERSION,
  PROFILES_UPGRADABLE_VERSIONS,
  ProfilesEnvelopeSchema,
  StoredProfileSchema,
  type ProfilesFile,
  type ProfilesNotice,
  type ProfilesSaveRequest,
  type ProfileView,
  type StoredProfile,
} from '../../../shared/profiles/profile';
import { WatchFactsSchema, type WatchFacts } from '../../../shared/watch/schema';
import { appError, codedError } from '../errors';
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../handover/atomic-write';
import type { SecretVault } from './vault';

export const PROFILES_FILE_NAME = 'profiles.json';

/** The profiles file in the app's data folder, by the path rules given (path.win32 for %APPDATA%\…). */
export function profilesFilePath(dir: string, rules: Pick<PlatformPath, 'join'> = { join }): string {
  return rules.join(dir, PROFILES_FILE_NAME);
}

/** Where a damaged profiles file is moved: beside it, the time without ':' (not allowed in Windows file names). */
export function corruptCopyPath(file: string, at: Date): string {
  return `${file}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
}

export interface ProfileStoreOptions {
  /** The app's data folder (Electron: app.getPath('userData')); created on first save. */
  readonly dir: string;
  readonly vault: SecretVault;
  readonly now?: () => Date;
  readonly fs?: AtomicFs;
}

interface Loaded {
  readonly file: ProfilesFile;
}

/** The fields of a configuration a secret is bound to: where it may be sent. */
type BindingFields = Pick<RunConfig, 'cloud' | 'customAuthority' | 'tenant' | 'clientId' | 'redirectUri'>;

/** What a saved secret is sealed with: the profile it belongs to and where that profile sends it. */
export interface SecretBinding {
  readonly profileId: string;
  readonly cloud: string;
  readonly authorityHost: string;
  readonly tenant: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

const norm = (s: string | undefined): string => (s ?? '').trim().toLowerCase();

export function secretBindingOf(profileId: string, c: BindingFields): SecretBinding {
  return {
    profileId,
    cloud: c.cloud,
    authorityHost: c.cloud === 'custom' ? norm(c.customAuthority?.authorityHost) : '',
    tenant: norm(c.tenant),
    clientId: norm(c.clientId),
    redirectUri: c.redirectUri.trim(),
  };
}

const BINDING_LABELS: Readonly<Record<Exclude<keyof SecretBinding, 'profileId'>, string>> = {
  cloud: 'cloud',
  authorityHost: 'authority host',
  tenant: 'tenant',
  clientId: 'application (client) ID',
  redirectUri: 'redirect URI',
};

/** The names of the binding fields in which two configurations differ ([] when the secret may go to both). */
export function bindingChanges(a: BindingFields, b: BindingFields): string[] {
  const x = secretBindingOf('', a);
  const y = secretBindingOf('', b);
  return (Object.keys(BINDING_LABELS) as (keyof typeof BINDING_LABELS)[])
    .filter((k) => x[k] !== y[k])
    .map((k) => BINDING_LABELS[k]);
}

const SEALED_FORMAT = 'mailbox-auth-helper/bound-secret/1';

const sameBinding = (a: SecretBinding, b: SecretBinding): boolean =>
  (Object.keys(a) as (keyof SecretBinding)[]).every((k) => a[k] === b[k]);

const listed = (fields: readonly string[]): string =>
  fields.length <= 1 ? (fields[0] ?? '') : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;

/** A run's secret and the configuration it was used with, for profiles.save's 'fromTokenSet'. */
export interface RunSecret {
  readonly secret: string;
  readonly run: RunConfig | undefined;
}

const view = (p: StoredProfile): ProfileView => ({
  id: p.id,
  name: p.name,
  config: p.config,
  hasSecret: p.secret !== undefined,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  ...(p.watch === undefined ? {} : { watch: p.watch }),
  ...(p.lastUsedAt === undefined ? {} : { lastUsedAt: p.lastUsedAt }),
});

export class ProfileStore {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();
  #notice: ProfilesNotice | undefined;
  readonly #now: () => Date;
  readonly #fs: AtomicFs;

  constructor(private readonly options: ProfileStoreOptions) {
    this.path = profilesFilePath(options.dir);
    this.#now = options.now ?? (() => new Date());
    this.#fs = options.fs ?? nodeAtomicFs;
  }

  /** Runs `op` after every earlier operation has finished (success or failure). */
  #serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async list(): Promise<{ profiles: ProfileView[]; notice?: ProfilesNotice }> {
    return this.#serial(async () => {
      const { file } = await this.#load();
      const notice = this.#notice;
      this.#notice = undefined;
      const profiles = file.profiles.map(view).sort((a, b) => a.name.localeCompare(b.name));
      return notice ? { profiles, notice } : { profiles };
    });
  }

  async load(id: string): Promise<ProfileView> {
    return this.#serial(async () => view(this.#find((await this.#load()).file, id)));
  }

  /** Renames a profile; its values, sealed secret and dates other than updatedAt stay as they are. */
  async rename(id: string, name: string): Promise<ProfileView> {
    return this.#serial(async () => {
      const { file } = await this.#load();
      const p = this.#find(file, id);
      const wanted = name.trim();
      if (file.profiles.some((x) => x.id !== id && x.name.toLowerCase() === wanted.toLowerCase()))
        throw codedError('PROFILE_NAME_TAKEN', { name: wanted });
      const renamed: StoredProfile = { ...p, name: wanted, updatedAt: this.#now().toISOString() };
      StoredProfileSchema.parse(renamed);
      await this.#write({
        version: PROFILES_FILE_VERSION,
        profiles: file.profiles.map((x) => (x.id === id ? renamed : x)),
      });
      return view(renamed);
    });
  }

  /** Records that an authorization started with this profile; an unknown id is left alone (never an error). */
  async touch(id: string): Promise<void> {
    await this.#serial(async () => {
      const { file } = await this.#load();
      if (!file.profiles.some((x) => x.id === id)) return;
      const at = this.#now().toISOString();
      await this.#write({
        version: PROFILES_FILE_VERSION,
        profiles: file.profiles.map((x) => (x.id === id ? { ...x, lastUsedAt: at } : x)),
      });
    });
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    return this.#serial(async () => {
      const { file } = await this.#load();
      const rest = file.profiles.filter((p) => p.id !== id);
      if (rest.length === file.profiles.length) return { deleted: false };
      await this.#write({ version: PROFILES_FILE_VERSION, profiles: rest });
      return { deleted: true };
    });
  }

  /**
   * Saves (creates or replaces) a profile. `runSecret` resolves the secret of an authorize run for
   * secret.action 'fromTokenSet' (main's token store), so that secret never crosses IPC again. A kept secret
   * stays only while the values it is bound to stay; a run's secret is saved only with that run's values.
   */
  async save(
    req: ProfilesSaveRequest,
    runSecret?: (tokenSetId: string) => RunSecret | undefined,
  ): Promise<ProfileView> {
    return this.#serial(async () => {
      const { file } = await this.#load();
      const existing =
        req.id !== undefined
          ? this.#find(file, req.id)
          : file.profiles.find((p) => p.name.toLowerCase() === req.name.trim().toLowerCase());
      const id = existing?.id ?? randomUUID();
      let secret = existing?.secret;
      const s = req.secret;
      if (s.action === 'remove') secret = undefined;
      if (s.action === 'keep' && existing?.secret !== undefined) {
        const changed = bindingChanges(existing.config, req.config);
        if (changed.length > 0)
          throw codedError('PROFILE_SECRET_BINDING_CHANGED', { name: existing.name, fields: listed(changed) });
      }
      if (s.action === 'value' || s.action === 'fromTokenSet') {
        let plain: string;
        if (s.action === 'value') plain = s.value;
        else {
          const fromRun = runSecret?.(s.tokenSetId);
          if (fromRun === undefined) throw codedError('TOKEN_SET_NOT_FOUND');
          if (fromRun.run === undefined) throw codedError('RUN_NOT_VERIFIED');
          const changed = bindingChanges(fromRun.run, req.config);
          if (changed.length > 0) throw codedError('RUN_SECRET_BINDING', { fields: listed(changed) });
          plain = fromRun.secret;
        }
        const status = this.options.vault.status();
        if (!status.available) throw codedError(status.code, { detail: status.detail });
        const sealed = JSON.stringify({
          format: SEALED_FORMAT,
          binding: secretBindingOf(id, req.config),
          secret: plain,
        });
        secret = { vault: this.options.vault.id, ciphertext: await this.options.vault.seal(sealed) };
      }
      const now = this.#now().toISOString();
      const profile: StoredProfile = {
        id,
        name: req.name.trim(),
        config: req.config,
        ...(secret ? { secret } : {}),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        // What Watch learnt stays with the connection when its configuration is saved again.
        ...(existing?.watch === undefined ? {} : { watch: existing.watch }),
        ...(existing?.lastUsedAt === undefined ? {} : { lastUsedAt: existing.lastUsedAt }),
      };
      // Validate what we write with the same schema we read with: a bad write would cost every profile later.
      StoredProfileSchema.parse(profile);
      const profiles = existing
        ? file.profiles.map((p) => (p.id === existing.id ? profile : p))
        : [...file.profiles, profile];
      await this.#write({ version: PROFILES_FILE_VERSION, profiles });
      return view(profile);
    });
  }

  /**
   * Changes what Watch keeps for a profile (the audit's end dates, what the app saw, raised warnings) and returns the
   * profile; the configuration and the secret stay as they are. Main calls it; the renderer never sends watch facts.
   */
  async updateWatch(id: string, change: (current: WatchFacts | undefined) => WatchFacts): Promise<ProfileView> {
    return this.#serial(async () => {
      const { file } = await this.#load();
      const p = this.#find(file, id);
      const updated: StoredProfile = { ...p, watch: WatchFactsSchema.parse(change(p.watch)) };
      StoredProfileSchema.parse(updated);
      await this.#write({
        version: PROFILES_FILE_VERSION,
        profiles: file.profiles.map((x) => (x.id === id ? updated : x)),
      });
      return view(updated);
    });
  }

  /**
   * The saved client secret in clear, for main only (authorize with a profile, copy from a profile's sheet), after
   * checking it was sealed for this profile and its values. With `useWith` (authorize.start's request), the secret
   * is given only when the request names the same cloud, authority, tenant, client and redirect URI.
   */
  async secretOf(id: string, useWith?: BindingFields): Promise<string> {
    return this.#serial(async () => {
      const p = this.#find((await this.#load()).file, id);
      if (!p.secret) throw codedError('PROFILE_HAS_NO_SECRET', { name: p.name });
      if (p.secret.vault !== this.options.vault.id)
        throw codedError('VAULT_MISMATCH', { name: p.name, vault: p.secret.vault });
      const opened = await this.options.vault.unseal(p.secret.ciphertext);
      let parsed: { format?: unknown; binding?: SecretBinding; secret?: unknown } | undefined;
      try {
        parsed = JSON.parse(opened) as typeof parsed;
      } catch {
        parsed = undefined;
      }
      if (parsed?.format !== SEALED_FORMAT || typeof parsed.secret !== 'string' || parsed.binding === undefined)
        throw codedError('PROFILE_SECRET_UNBOUND', { name: p.name });
      if (!sameBinding(parsed.binding, secretBindingOf(p.id, p.config)))
        throw codedError('PROFILE_SECRET_MISBOUND', { name: p.name });
      if (useWith !== undefined) {
        const changed = bindingChanges(p.config, useWith);
        if (changed.length > 0)
          throw codedError('PROFILE_SECRET_BINDING_CHANGED', { name: p.name, fields: listed(changed) });
      }
      return parsed.secret;
    });
  }

  #find(file: ProfilesFile, id: string): StoredProfile {
    const p = file.profiles.find((x) => x.id === id);
    if (!p) throw codedError('PROFILE_NOT_FOUND');
    return p;
  }

  async #write(file: ProfilesFile): Promise<void> {
    await fsp.mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, this.#fs);
  }

  async #moveAside(): Promise<string> {
    let target = corruptCopyPath(this.path, this.#now());
    try {
      await fsp.access(target);
      target = `${target}-${randomBytes(3).toString('hex')}`;
    } catch {
      // free name
    }
    await fsp.rename(this.path, target);
    return target;
  }

  async #load(): Promise<Loaded> {
    const empty: ProfilesFile = { version: PROFILES_FILE_VERSION, profiles: [] };
    let text: string;
    try {
      text = await fsp.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { file: empty };
      throw codedError('PROFILES_UNREADABLE', { path: this.path, reason: (e as Error).message, cause: e });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = ProfilesEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      const movedTo = await this.#moveAside();
      this.#notice = { ...appError('PROFILES_FILE_CORRUPT', { movedTo }), movedTo };
      return { file: empty };
    }
    if (envelope.data.version > PROFILES_FILE_VERSION) {
      const movedTo = await this.#moveAside();
      this.#notice = { ...appError('PROFILES_FILE_NEWER', { version: envelope.data.version, movedTo }), movedTo };
      return { file: empty };
    }
    const good: StoredProfile[] = [];
    let bad = 0;
    for (const p of envelope.data.profiles) {
      const r = StoredProfileSchema.safeParse(p);
      if (r.success && !good.some((g) => g.id === r.data.id)) good.push(r.data);
      else bad++;
    }
    // An older version whose profiles all parse is upgraded silently (written as the current version next time).
    const upgradable = PROFILES_UPGRADABLE_VERSIONS.includes(envelope.data.version);
    if (bad > 0 || (envelope.data.version !== PROFILES_FILE_VERSION && !upgradable)) {
      const movedTo = await this.#moveAside();
      const file: ProfilesFile = { version: PROFILES_FILE_VERSION, profiles: good };
      await this.#write(file);
      const dropped = `${bad} saved profile${bad === 1 ? ' was' : 's were'}`;
      this.#notice = { ...appError('PROFILES_ENTRIES_DROPPED', { dropped, kept: good.length, movedTo }), movedTo };
      return { file };
    }
    return { file: { version: PROFILES_FILE_VERSION, profiles: good } };
  }
}
