// Guard for the `unit` Vitest project: a unit test is pure, so it never listens on or connects a socket
// (net, tls, http, https, http2, dgram, fetch) and never starts a process (a server, Dovecot, Chromium, the
// emulator). Any attempt throws at once and, in case the code under test catches that error and carries on,
// also fails the running test (or the file) afterwards, with a message naming the file to move to
// tests/integration/<feature>/. Patching the CommonJS module objects and re-syncing the ESM named exports
// makes the guard see `import { request } from 'node:http'` as well as `http.request`.
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { relative } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, expect } from 'vitest';
import { REPO_ROOT } from './repo-root';

const violations: string[] = [];

/** The test file that is running, repository-relative. */
function testFile(): string {
  const path = expect.getState().testPath;
  return path ? relative(REPO_ROOT, path) : 'this test file';
}

function refuse(what: string): Error {
  const file = testFile();
  const test = expect.getState().currentTestName;
  const message =
    `${file} tried to ${what} ${test ? `in "${test}"` : 'outside a test (while loading or in a hook)'}. ` +
    `Unit tests are pure: no sockets, no servers, no processes. ` +
    `Move ${file} to tests/integration/<feature>/ (or give the code under test a fake port instead).`;
  violations.push(message);
  return new Error(message);
}

/** Replaces `holder[name]` with a function that refuses, described by `what`. */
function block<T extends object>(holder: T, name: keyof T & string, what: string): void {
  if (typeof holder[name] !== 'function') return;
  Object.defineProperty(holder, name, {
    configurable: true,
    writable: true,
    value: function refused(): never {
      throw refuse(what);
    },
  });
}

block(net.Server.prototype, 'listen', 'listen on a socket (net.Server.listen)');
block(net.Socket.prototype, 'connect', 'connect a socket (net.Socket.connect)');
for (const name of ['connect', 'createConnection'] as const) block(net, name, `connect a socket (net.${name})`);
block(tls, 'connect', 'connect a TLS socket (tls.connect)');
for (const name of ['request', 'get'] as const) {
  block(http, name, `make an HTTP request (http.${name})`);
  block(https, name, `make an HTTPS request (https.${name})`);
}
block(http2, 'connect', 'open an HTTP/2 session (http2.connect)');
block(dgram, 'createSocket', 'open a UDP socket (dgram.createSocket)');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  block(childProcess, name, `start a process (child_process.${name})`);
}
block(globalThis, 'fetch', 'make an HTTP request (fetch)');
syncBuiltinESMExports();

/**
 * Throws if a refused attempt was recorded since the last check (and forgets them), unless the test already
 * failed with that very error. Exported so tests/unit/build/unit-guard.test.ts can prove the guard fires.
 */
export function failOnViolations(alreadyReported: readonly string[] = []): void {
  const seen = violations.splice(0).filter((message) => !alreadyReported.includes(message));
  if (seen.length === 0) return;
  throw new Error(seen[0] + (seen.length > 1 ? ` (and ${seen.length - 1} more attempts)` : ''));
}

// A refused call the code under test swallowed still fails the test it happened in, or the file.
afterEach(({ task }) => failOnViolations((task.result?.errors ?? []).map((e) => e.message)));
afterAll(() => failOnViolations());
