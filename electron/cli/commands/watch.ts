// `watch`: every saved connection's health from what the app (or `audit --save-to-profile`) kept in the profiles —
// credential end dates and refresh-token age — for a daily scheduled run. Exit 1 when something ends within the
// window (or has ended with nothing to replace it), so a scheduler can alert. Reads the profiles; changes nothing.
// Options follow the CLI convention (args.ts); profile names, mailboxes and labels print through oneLine.
import { DEFAULT_WINDOW_DAYS, expiresWithin, watchConnection } from '../../../shared/watch/watch';
import type { WatchStatus } from '../../../shared/watch/schema';
import { ProfileStore } from '../../services/profiles/profile-store';
import { unavailableVault } from '../../services/profiles/vault';
import type { CommandSpec } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import { checkWholeNumber, defineCommand } from '../inputs';
import { defaultDataDir } from '../data-dir';
import { renderFindings } from '../render-findings';
import { oneLine } from '../terminal-safe';

const WITHIN_RANGE = { min: 0, max: 3650 };

const SPEC: CommandSpec = {
  name: 'watch',
  summary: 'Show when saved connections break: secret end dates and refresh-token age (exit 1 when soon).',
  synopsis: '[--within <days>] [--profiles-dir <dir>] [--json]',
  description: `Shows each saved connection's health: client secret and certificate end dates from its last audit, and the
age of a refresh token the app handed over (it dies after 90 days without use). Reads the profiles; changes nothing.`,
  maxPositionals: 0,
  flags: [
    {
      name: '--within',
      value: '<days>',
      help: `what counts as "ends soon", ${WITHIN_RANGE.min}-${WITHIN_RANGE.max} (default ${DEFAULT_WINDOW_DAYS})`,
    },
    { name: '--profiles-dir', value: '<dir>', help: `the app's data folder (default ${defaultDataDir({})})` },
  ],
  limits: [
    `--within takes a whole number of days from ${WITHIN_RANGE.min} to ${WITHIN_RANGE.max}.`,
    'Reads the saved profiles file as the app keeps it: a damaged file or one from a newer version is set aside, and entries it cannot use are dropped, each with a notice on standard error.',
  ],
  exitCodes: {
    0: 'nothing ends within the window',
    1: 'something ends within the window, or has ended with nothing to replace it',
    2: 'usage error, or the saved profiles could not be read',
  },
};

export const watchCommand: CliCommand = defineCommand(SPEC, async (parsed, io, usage) => {
  const json = parsed.switches.has('--json');
  const dir = parsed.values['--profiles-dir'];
  const withinText = parsed.values['--within'];
  let within = DEFAULT_WINDOW_DAYS;
  if (withinText !== undefined) {
    const wrong = checkWholeNumber('--within', withinText, WITHIN_RANGE, 'a whole number of days');
    if (wrong !== undefined) return usage(wrong);
    within = Number(withinText);
  }
  const store = new ProfileStore({ dir: dir ?? defaultDataDir(io.env), vault: unavailableVault() });
  let listed: Awaited<ReturnType<ProfileStore['list']>>;
  try {
    listed = await store.list();
  } catch (e) {
    io.stderr(`The saved profiles could not be read: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
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
    io.stdout(`No saved profiles in ${oneLine(store.path)}.\n`);
  } else {
    for (const c of status.connections) {
      io.stdout(`${oneLine(c.name)}  [${c.health}]${c.mailbox ? `  ${oneLine(c.mailbox)}` : ''}\n`);
      for (const e of c.events)
        io.stdout(`  ${oneLine(e.endsAt.slice(0, 10))}  ${String(e.daysLeft).padStart(5)} days  ${oneLine(e.label)}\n`);
      io.stdout(renderFindings(c.findings));
    }
  }
  if (listed.notice) io.stderr(`${oneLine(listed.notice.message)} ${oneLine(listed.notice.nextStep)}\n`);
  return soon.length > 0 ? EXIT_FINDINGS : EXIT_OK;
});
