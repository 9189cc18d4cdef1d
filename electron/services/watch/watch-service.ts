// Watch: each saved connection's health from what its profile keeps (credential end dates from the last audit, the
// issue time of a refresh token this app handed over), checked when the app starts, every day while it is open and
// whenever an audit keeps new facts; each warning step (30, 7, 1 days before, and the day it ends) is raised once
// as an OS notification through the Notifier port and remembered in the profile. Also records what the app saw:
// the last verified authorization and a handed-over refresh token's issue time. The judgement is shared/watch.
import type { WatchStatus } from '../../../shared/watch/schema';
import {
  DEFAULT_WINDOW_DAYS,
  dueNotifications,
  watchConnection,
  type DueNotification,
} from '../../../shared/watch/watch';
import type { ProfileStore } from '../profiles/profile-store';
import type { Notifier } from './notifier';

export const DAY_MS = 86_400_000;

export interface WatchDeps {
  readonly profiles: Pick<ProfileStore, 'list' | 'updateWatch'>;
  readonly notifier?: Notifier | undefined;
  /** Days ahead that count as "expires soon" (default 30). */
  readonly windowDays?: number;
  /** How often a running app checks again (default daily). */
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export interface WatchCheck {
  readonly status: WatchStatus;
  /** The warnings raised by this check (already shown ones are not repeated). */
  readonly raised: readonly DueNotification[];
}

export class WatchService {
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** One check at a time, so a daily tick and an audit's save never raise the same warning twice. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WatchDeps) {
    this.#now = deps.now ?? Date.now;
    this.#log = deps.log ?? (() => undefined);
  }

  get windowDays(): number {
    return this.deps.windowDays ?? DEFAULT_WINDOW_DAYS;
  }

  /** Every saved connection's health, without raising anything (the Watch view, `cli watch`). */
  async status(): Promise<WatchStatus> {
    const now = this.#now();
    const { profiles } = await this.deps.profiles.list();
    return {
      checkedAt: now,
      windowDays: this.windowDays,
      connections: profiles.map((p) => watchConnection(p, new Date(now), this.windowDays)),
    };
  }

  /** Computes the status and raises each warning step that is due and was not raised before. */
  check(): Promise<WatchCheck> {
    const run = this.#queue.then(() => this.#check());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #check(): Promise<WatchCheck> {
    const { profiles } = await this.deps.profiles.list();
    const status = await this.status();
    const raised: DueNotification[] = [];
    for (const c of status.connections) {
      const already = profiles.find((p) => p.id === c.profileId)?.watch?.notified ?? [];
      const due = dueNotifications(c, already);
      if (due.length === 0) continue;
      for (const n of due) {
        const shown = this.deps.notifier ? await this.deps.notifier.notify({ title: n.title, body: n.body }) : false;
        this.#log(`watch: ${n.key} for ${c.profileId} ${shown ? 'notified' : 'not shown (no notifications here)'}`);
        raised.push(n);
      }
      await this.deps.profiles.updateWatch(c.profileId, (w) => ({
        ...w,
        notified: [...(w?.notified ?? []), ...due.map((n) => n.key)].slice(-500),
      }));
    }
    return { status, raised };
  }

  /** Checks now and then every intervalMs (daily) until stop(); the timer does not keep the process alive. */
  start(): void {
    if (this.#timer !== undefined) return;
    const tick = (): void => {
      this.check().catch((e: unknown) =>
        this.#log(`watch check failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    };
    tick();
    this.#timer = setInterval(tick, this.deps.intervalMs ?? DAY_MS);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** What the app saw: a verified authorization with this profile. */
  async recordAuthorized(profileId: string, at: number): Promise<void> {
    await this.deps.profiles.updateWatch(profileId, (w) => ({ ...w, lastAuthorizedAt: new Date(at).toISOString() }));
  }

  /**
   * What the app saw: a refresh token of this profile's run handed over (exported) at issue time `issuedAt`. A new
   * token restarts its 90-day count, so the warnings raised for the old one may be raised again for this one.
   * Never rejects: the export it follows has succeeded, so a failure here is logged, not reported as the export's.
   */
  async recordRefreshTokenHandedOver(profileId: string, issuedAt: number): Promise<void> {
    try {
      await this.deps.profiles.updateWatch(profileId, (w) => ({
        ...w,
        refreshTokenIssuedAt: new Date(issuedAt).toISOString(),
        notified: (w?.notified ?? []).filter((k) => !k.startsWith('refresh-token:')),
      }));
      await this.check();
    } catch (e) {
      this.#log(`watch: the refresh token handed over for ${profileId} was not recorded: ${String(e)}`);
    }
  }
}
