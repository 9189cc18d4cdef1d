// `watch`: every saved connection's health from what the app (or `audit --save-to-profile`) kept in the profiles —
// credential end dates and refresh-token age — for a daily scheduled run. Exit 1 when something ends within the
// window (or has ended with nothing to replace it), so a scheduler can alert. Reads the profiles; changes nothing.
import { DEFAULT_WINDOW_DAYS, expiresWithin, watchConnection } from '../../../shared/watch/watch';
import type { WatchStatus } from '../../../shared/watch/schema';
import { ProfileStore } from '../../services/profiles/profile-store';
import { unavailableVault } from '../../services/profiles/vault';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../command';
import { defaultDataDir } from '../data-dir';
import { renderFindings } from '../render-findings';

const USAGE = `Usage: mailbox-auth-helper watch [--within <days>] [--profiles-dir <dir>] [--json]

Shows each saved connection's health: client secret and certificate end dates from its last audit, and the
age of a refresh token the app handed over (it dies after 90 days without use).

Options:
  --within <days>           what counts as "ends soon" (default ${DEFAULT_WINDOW_DAYS})
  --profiles-dir <dir>      the app's data folder (default ${defaultDataDir({})})
  --json                    machine-readable output

Exit codes: 0 nothing ends within the window, 1 something ends within it (or has ended with nothing to replace
it), 2 unusable input.`;

const usageError = (io: CliIo, message: string): number => {
  io.stderr(`${message}\n\n${USAGE}\n`);
  return EXIT_USAGE;
};

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'Show when saved connections break: secret end dates and refresh-token age (exit 1 when soon).',
  usage: USAGE,
  async run(argv, io) {
    let json = false;
    let within = DEFAULT_WINDOW_DAYS;
    let dir: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? '';
      if (a === '--json') json = true;
      else if (a === '--within' || a === '--profiles-dir') {
        const v = argv[++i];
        if (v === undefined) return usageError(io, `${a} needs a value.`);
        if (a === '--profiles-dir') dir = v;
        else {
          within = Number(v);
          if (!Number.isInteger(within) || within < 0 || within > 3650)
            return usageError(io, '--within takes a whole number of days (0–3650).');
        }
      } else return usageError(io, `Unknown option "${a}".`);
    }
    const store = new ProfileStore({ dir: dir ?? defaultDataDir(io.env), vault: unavailableVault() });
    let listed: Awaited<ReturnType<ProfileStore['list']>>;
    try {
      listed = await store.list();
    } catch (e) {
      io.stderr(`The saved profiles could not be read: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
    const now = Date.now();
    const status: WatchStatus = {
      checkedAt: now,
      windowDays: within,
      connections: listed.profiles.map((p) => watchConnection(p, new Date(now), within)),
    };
    const soon = status.connections.filter((c) => expiresWithin(c, within));
    if (json) {
      io.stdout(`${JSON.stringify({ ...status, endingWithinWindow: soon.map((c) => c.profileId) }, null, 2)}\n`);
    } else if (status.connections.length === 0) {
      io.stdout(`No saved profiles in ${store.path}.\n`);
    } else {
      for (const c of status.connections) {
        io.stdout(`${c.name}  [${c.health}]${c.mailbox ? `  ${c.mailbox}` : ''}\n`);
        for (const e of c.events)
          io.stdout(`  ${e.endsAt.slice(0, 10)}  ${String(e.daysLeft).padStart(5)} days  ${e.label}\n`);
        io.stdout(renderFindings(c.findings));
      }
    }
    if (listed.notice) io.stderr(`${listed.notice.message} ${listed.notice.nextStep}\n`);
    return soon.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
