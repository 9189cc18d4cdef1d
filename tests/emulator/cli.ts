// Owns `npm run emulator`: starts the Entra ID emulator standalone and prints what a person needs to point a
// client at it (URLs, CA file, SPKI hash, seeded accounts with demo passwords, app registrations), then
// stays up until Ctrl-C.
import { describeEmulator } from './describe';
import { startEmulator } from './index';

function parsePort(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const arg = argv[i] ?? '';
  const raw = arg.includes('=') ? arg.split('=')[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port needs a number between 0 and 65535, got "${raw ?? ''}"\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      'Usage: npm run emulator -- [--port <n>]\nStarts the local Entra ID emulator (HTTPS on 127.0.0.1) until Ctrl-C.\n',
    );
    return;
  }
  const em = await startEmulator({ port: parsePort(argv) });
  process.stdout.write(`${describeEmulator(em)}\nPress Ctrl-C to stop.\n`);

  const shutdown = (): void => {
    em.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`Emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
