// `explain <text|->`: finds AADSTS codes (and trace/correlation ids) in pasted text and explains each.
// Exit 0 = every code known, 1 = a code is unknown or nothing was found, 2 = usage.
import { explain } from '../../../shared/explain';
import { PresetIdSchema } from '../../../shared/presets/schema';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const USAGE = `Usage: mailbox-auth-helper explain <text | -> [--preset <id>] [--json]

  <text>   the error text (log line, error page, JSON body); "-" reads it from standard input
  --preset word the fixes in that product's terms (servicenow, jira-data-center, ...)
  --json   machine-readable output`;

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain AADSTS errors found in any pasted text.',
  usage: USAGE,
  async run(argv, io) {
    let json = false;
    let preset: string | undefined;
    const parts: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? '';
      if (a === '--json') json = true;
      else if (a === '--preset') preset = argv[++i];
      else parts.push(a);
    }
    const p = preset === undefined ? undefined : PresetIdSchema.safeParse(preset);
    if (p && !p.success) {
      io.stderr(`Unknown preset "${preset ?? ''}".\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (parts.length === 0) {
      io.stderr(`${USAGE}\n`);
      return EXIT_USAGE;
    }
    const text = parts.length === 1 && parts[0] === '-' ? await io.readStdin() : parts.join(' ');
    const r = explain(text, p?.data);
    if (json) {
      io.stdout(`${JSON.stringify(r, null, 2)}\n`);
    } else {
      const cards = r.cards
        .map(
          (c) =>
            `${c.title}\n  Meaning: ${c.meaning}\n  Likely cause: ${c.cause}\n  Fix: ${c.fix}${c.note ? `\n  Note: ${c.note}` : ''}${c.serverText ? `\n  Entra said: ${c.serverText}` : ''}${c.lookupUrl ? `\n  Look up: ${c.lookupUrl}` : ''}\n`,
        )
        .join('\n');
      const ids = [
        ...r.traceIds.map((t) => `Trace ID: ${t}`),
        ...r.correlationIds.map((t) => `Correlation ID: ${t}`),
        ...r.timestamps.map((t) => `Timestamp: ${t}`),
      ];
      io.stdout(`${r.summary}\n\n${cards}${ids.length ? `\nKeep for support:\n  ${ids.join('\n  ')}\n` : ''}`);
    }
    return r.cards.length > 0 && r.cards.every((c) => c.known) ? EXIT_OK : EXIT_FINDINGS;
  },
};
