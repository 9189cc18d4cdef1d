// `explain <text|->`: finds AADSTS codes, OAuth errors, mail-server and Microsoft Graph answers (and trace and
// correlation ids) in pasted text and explains each; with --preset the next steps use that product's words.
import { MAX_EXPLAIN_CHARS, explain, type ExplainCard } from '../../../shared/explain';
import { PRESETS, isPresetId } from '../../../shared/presets';
import type { CommandSpec } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import { defineCommand } from '../inputs';
import { oneLine } from '../terminal-safe';

const SPEC: CommandSpec = {
  name: 'explain',
  summary: 'Explain AADSTS errors, mail server and Graph answers found in any pasted text.',
  synopsis: '<text | -> [options]',
  description:
    'The text is a log line, an error page, a token-endpoint or Graph JSON body, a redirect URL or an IMAP/POP/SMTP\ntrace; "-" reads it from standard input. Several words are joined with spaces.',
  maxPositionals: Number.MAX_SAFE_INTEGER,
  flags: [
    {
      name: '--preset',
      value: '<id>',
      help: `word the next steps in that product's terms: ${PRESETS.map((p) => p.id).join(', ')}`,
    },
  ],
  limits: [
    `Reads at most ${MAX_EXPLAIN_CHARS / (1024 * 1024)} MiB of text (${MAX_EXPLAIN_CHARS.toLocaleString('en-US')} characters); the rest is not read, the summary says so and --json has "truncated": true.`,
  ],
  exitCodes: {
    0: 'every error found is explained',
    1: 'an AADSTS code this app does not know, or nothing recognisable in the text',
    2: 'usage error, or empty input',
  },
};

function renderCard(c: ExplainCard): string {
  const said = c.serverText ? `\n  ${c.answeredBy ?? 'Entra'} said: ${oneLine(c.serverText)}` : '';
  return [
    c.title,
    `  Meaning: ${c.meaning}`,
    `  Likely cause: ${c.cause}`,
    `  Next step: ${c.fix}`,
    ...(c.note ? [`  Note: ${c.note}`] : []),
    ...(c.listing ? [`  Listing: ${c.listing}`] : []),
  ]
    .join('\n')
    .concat(said)
    .concat(
      c.docs && c.docs.length > 0 ? `\n  Microsoft docs: ${c.docs.map((d) => `${d.title} <${d.url}>`).join('; ')}` : '',
    )
    .concat(c.lookupUrl ? `\n  Look up: ${c.lookupUrl}` : '')
    .concat('\n');
}

export const explainCommand: CliCommand = defineCommand(SPEC, async (parsed, io, usage) => {
  const preset = parsed.values['--preset'];
  if (preset !== undefined && !isPresetId(preset)) {
    io.stderr(
      `--preset "${oneLine(preset)}" is not a product this app knows. Use one of: ${PRESETS.map((p) => p.id).join(', ')}.\n`,
    );
    return EXIT_USAGE;
  }
  if (parsed.positionals.length === 0) return usage('Give the error text, or "-" to read it from standard input.');
  const fromStdin = parsed.positionals.length === 1 && parsed.positionals[0] === '-';
  const text = fromStdin ? await io.readStdin() : parsed.positionals.join(' ');
  if (text.trim() === '') {
    io.stderr(`The ${fromStdin ? 'standard input' : 'text'} is empty: there is nothing to explain.\n`);
    return EXIT_USAGE;
  }
  const r = explain(text, preset);
  if (parsed.switches.has('--json')) {
    io.stdout(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    const ids = [
      ...r.traceIds.map((t) => `Trace ID: ${t}`),
      ...r.correlationIds.map((t) => `Correlation ID: ${t}`),
      ...r.timestamps.map((t) => `Timestamp: ${t}`),
    ];
    io.stdout(
      `${r.summary}\n\n${r.cards.map(renderCard).join('\n')}${ids.length ? `\nKeep for support:\n  ${ids.join('\n  ')}\n` : ''}`,
    );
  }
  return r.cards.length > 0 && r.cards.every((c) => c.known) ? EXIT_OK : EXIT_FINDINGS;
});
