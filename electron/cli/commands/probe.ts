// `probe`: live IMAP / POP / SMTP / Graph probes with an access token read from standard input.
// Exit 0 = every probe ok, 1 = any probe failed, 2 = unusable input. Never writes to the mailbox.
import { readFile } from 'node:fs/promises';
import { CLOUD_LIST } from '../../../shared/cloud/clouds';
import {
  MAX_CA_PEM_CHARS,
  PROBE_PROTOCOLS,
  ProbeTargetSchema,
  type ProbeEndpointOverride,
  type ProbeResult,
  type ProbeTimings,
} from '../../../shared/probes/schema';
import { CodedError } from '../../../shared/result';
import { runProbes } from '../../services/probes/run-probes';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';

const USAGE = `Usage: mailbox-auth-helper probe --protocol <imap|pop|smtp|graph> --mailbox <address> --token-stdin [options]

Options:
  --protocol <p>        imap | pop | smtp | graph; repeat it or give a comma list (imap,smtp)
  --mailbox <address>   the mailbox: user= in XOAUTH2 (the shared mailbox in delegate mode)
  --token-stdin         read the access token from standard input (never pass it as an argument)
  --cloud <id>          ${CLOUD_LIST.map((c) => c.id).join(' | ')} (default global; custom needs --host)
  --host <host>         probe this host instead of the cloud's (on-premises hybrids, tests)
  --port <n>            port to use (only with a single --protocol)
  --ca-file <path>      extra CA certificate(s), PEM, trusted in addition to the system roots
  --timeout <ms>        bound for each phase (connect, TLS, auth, first command), default 15000
  --graph-target <t>    mailbox (GET /users/{mailbox}/mailFolders/inbox, default) | me (GET /me)
  --json                machine-readable output`;

const VALUE_FLAGS = new Set([
  '--protocol',
  '--mailbox',
  '--cloud',
  '--host',
  '--port',
  '--ca-file',
  '--timeout',
  '--graph-target',
]);

function timingLine(t: ProbeTimings): string {
  const parts = (
    [
      ['connect', t.connect],
      ['tls', t.tls],
      ['auth', t.auth],
      ['first command', t.firstCommand],
    ] as const
  )
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${Math.round(v ?? 0)} ms`);
  return [...parts, `total ${Math.round(t.total)} ms`].join(' · ');
}

function render(results: readonly ProbeResult[]): string {
  return results
    .map((r) => {
      const lines = [
        `${r.protocol.toUpperCase().padEnd(6)} ${r.outcome.padEnd(27)} ${r.endpoint}`,
        `       ${timingLine(r.timings)}`,
        `       ${r.explanation}`,
      ];
      if (r.outcome !== 'ok') {
        lines.push(`       Next: ${r.nextStep}`);
        for (const w of r.serverWords.slice(-3)) lines.push(`       server: ${w}`);
      }
      return `${lines.join('\n')}\n`;
    })
    .join('');
}

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'Prove the mailbox opens: IMAP, POP, SMTP and Graph with an access token.',
  usage: USAGE,
  async run(argv, io) {
    const usage = (why: string): number => {
      io.stderr(`${why}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    };
    const values: Record<string, string> = {};
    const protocols: string[] = [];
    let json = false;
    let tokenStdin = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? '';
      if (a === '--json') json = true;
      else if (a === '--token-stdin') tokenStdin = true;
      else if (VALUE_FLAGS.has(a)) {
        const v = argv[i + 1];
        if (v === undefined) return usage(`${a} needs a value.`);
        if (a === '--protocol')
          protocols.push(
            ...v
              .split(',')
              .map((p) => p.trim().toLowerCase())
              .filter(Boolean),
          );
        else values[a] = v;
        i++;
      } else return usage(`Unknown option "${a}".`);
    }
    if (!tokenStdin)
      return usage(
        'Give the token on standard input with --token-stdin (tokens on the command line end up in shell history).',
      );
    if (protocols.length === 0) return usage(`Choose at least one --protocol (${PROBE_PROTOCOLS.join(', ')}).`);
    const port = values['--port'] === undefined ? undefined : Number(values['--port']);
    if (port !== undefined && protocols.length !== 1)
      return usage('--port applies to one protocol; probe one --protocol at a time with --port.');
    const timeout = values['--timeout'] === undefined ? undefined : Number(values['--timeout']);
    let caPem: string | undefined;
    if (values['--ca-file'] !== undefined) {
      try {
        caPem = await readFile(values['--ca-file'], 'utf8');
      } catch (e) {
        return usage(`Cannot read --ca-file: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (caPem.length > MAX_CA_PEM_CHARS || !caPem.includes('-----BEGIN CERTIFICATE-----'))
        return usage('--ca-file must be a PEM file with at least one certificate.');
    }
    const override: ProbeEndpointOverride = {
      ...(values['--host'] === undefined ? {} : { host: values['--host'] }),
      ...(port === undefined ? {} : { port }),
      ...(caPem === undefined ? {} : { caPem }),
    };
    const hasOverride = Object.keys(override).length > 0;
    const target = ProbeTargetSchema.safeParse({
      mailbox: values['--mailbox'],
      protocols,
      cloud: values['--cloud'] ?? 'global',
      ...(timeout === undefined ? {} : { phaseTimeoutMs: timeout }),
      ...(hasOverride ? { overrides: Object.fromEntries(protocols.map((p) => [p, override])) } : {}),
    });
    if (!target.success)
      return usage(
        `Invalid input: ${target.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
      );
    const graphTarget = values['--graph-target'];
    if (graphTarget !== undefined && graphTarget !== 'mailbox' && graphTarget !== 'me')
      return usage('--graph-target is mailbox or me.');
    const token = (await io.readStdin()).trim();
    if (token.length === 0) return usage('Standard input held no token.');

    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const run = await runProbes(
        { ...target.data, accessToken: token, ...(graphTarget === undefined ? {} : { graphTarget }) },
        controller.signal,
      );
      if (json)
        io.stdout(
          `${JSON.stringify({ mailbox: target.data.mailbox, token: run.token, results: run.results }, null, 2)}\n`,
        );
      else {
        const who =
          run.token.identity === undefined
            ? 'an undecodable token'
            : `a token for ${run.token.identity}${run.token.expired ? ' (EXPIRED)' : ''}`;
        io.stdout(`Probing ${target.data.mailbox} with ${who}\n\n${render(run.results)}`);
      }
      return run.results.every((r) => r.outcome === 'ok') ? EXIT_OK : EXIT_FINDINGS;
    } catch (e) {
      if (e instanceof CodedError) {
        io.stderr(`${e.code}: ${e.message}\n${e.nextStep}\n`);
        return EXIT_USAGE;
      }
      throw e;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
