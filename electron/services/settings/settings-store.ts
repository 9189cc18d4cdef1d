// The app's settings in <app data>/settings.json: read once (zod-validated, every setting on its own, so one bad
// value falls back to its default and keeps the rest), changed one update at a time and written atomically (owner
// only). A file that is not settings JSON is moved aside to settings.json.corrupt-<time>, never silently
// overwritten, and the admin is told once. Main reads the values where they matter through `current`: the
// authorize flow's time limit, the clipboard guard's delay, the proxy of MSAL and the probes.
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  SETTINGS_FILE_VERSION,
  SettingsFileSchema,
  SettingsSchema,
  type Settings,
  type SettingsUpdate,
} from '../../../shared/settings/schema';
import { appError } from '../errors';
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../handover/atomic-write';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStoreOptions {
  /** The app's data folder; created on the first change. Absent: settings live in memory only (tests, the CLI). */
  readonly dir?: string;
  /** Starting values for a store without a folder (the harness sets a short clipboard delay, for instance). */
  readonly initial?: Partial<Settings>;
  readonly now?: () => Date;
  readonly fs?: AtomicFs;
}

export interface SettingsNotice {
  readonly code: string;
  readonly message: string;
  readonly nextStep: string;
}

/** Each setting of a parsed file that is valid on its own; the rest take their defaults. */
export function settingsFrom(raw: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!(key in raw)) continue;
    const one = SettingsSchema.shape[key].safeParse(raw[key]);
    if (one.success) out[key] = one.data;
  }
  return SettingsSchema.parse(out);
}

export class SettingsStore {
  readonly path: string | undefined;
  #settings: Settings;
  #loaded: Promise<void> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #notice: SettingsNotice | undefined;
  readonly #now: () => Date;
  readonly #fs: AtomicFs;

  constructor(private readonly options: SettingsStoreOptions = {}) {
    this.path = options.dir === undefined ? undefined : join(options.dir, SETTINGS_FILE_NAME);
    this.#settings = settingsFrom({ ...options.initial });
    this.#now = options.now ?? (() => new Date());
    this.#fs = options.fs ?? nodeAtomicFs;
  }

  /** The values main acts on now (the defaults until load() has read the file). */
  get current(): Settings {
    return this.#settings;
  }

  /** Reads the file once; later calls wait for the same read. Never throws: a bad file means defaults and a notice. */
  load(): Promise<void> {
    return (this.#loaded ??= this.#read());
  }

  /** The settings and, once, the notice about a file that had to be moved aside. */
  async get(): Promise<{ settings: Settings; notice?: SettingsNotice }> {
    await this.load();
    const notice = this.#notice;
    this.#notice = undefined;
    return notice ? { settings: this.#settings, notice } : { settings: this.#settings };
  }

  /** Applies a validated partial update and writes the file; concurrent updates run one after another. */
  async update(change: SettingsUpdate): Promise<Settings> {
    await this.load();
    const next = this.#queue.then(async () => {
      const updated = SettingsSchema.parse({ ...this.#settings, ...change });
      if (this.path !== undefined && this.options.dir !== undefined) {
        await fsp.mkdir(this.options.dir, { recursive: true, mode: 0o700 });
        await writeFileAtomic(
          this.path,
          `${JSON.stringify({ version: SETTINGS_FILE_VERSION, settings: updated }, null, 2)}\n`,
          this.#fs,
        );
      }
      this.#settings = updated;
      return updated;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #read(): Promise<void> {
    if (this.path === undefined) return;
    let text: string;
    try {
      text = await fsp.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.#notice = appError('SETTINGS_UNREADABLE', { path: this.path, reason: (e as Error).message });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const file = SettingsFileSchema.safeParse(json);
    if (!file.success) {
      const movedTo = `${this.path}.corrupt-${this.#now().toISOString().replace(/[:.]/g, '-')}`;
      try {
        await fsp.rename(this.path, movedTo);
        this.#notice = appError('SETTINGS_FILE_CORRUPT', { movedTo });
      } catch (e) {
        this.#notice = appError('SETTINGS_UNREADABLE', { path: this.path, reason: (e as Error).message });
      }
      return;
    }
    this.#settings = settingsFrom(file.data.settings);
  }
}
