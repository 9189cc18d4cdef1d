// Proves the unit project's guard (tests/support/unit-guard.ts): every way to open a socket or start a process
// throws a message naming this file and where to move it, and an attempt the code under test swallows is
// still caught afterwards, so a test that opens a socket cannot pass in tests/unit.
import { execFileSync, fork, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { request } from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import vitestConfig from '../../../build/vitest.config';
import { failOnViolations } from '../../support/unit-guard';

const THIS_FILE = 'tests/unit/build/unit-guard.test.ts';
const names = (what: string): RegExp =>
  new RegExp(`^${THIS_FILE} tried to ${what}.*Move ${THIS_FILE} to tests/integration/<feature>/`);

const attempts: readonly { what: string; attempt: () => unknown }[] = [
  { what: 'listen on a socket', attempt: () => net.createServer().listen(0, '127.0.0.1') },
  { what: 'connect a socket', attempt: () => new net.Socket().connect(9, '127.0.0.1') },
  { what: 'connect a socket', attempt: () => net.connect(9, '127.0.0.1') },
  { what: 'connect a TLS socket', attempt: () => tls.connect(9, '127.0.0.1') },
  { what: 'make an HTTP request', attempt: () => request('http://127.0.0.1:9/') },
  { what: 'make an HTTPS request', attempt: () => https.get('https://127.0.0.1:9/') },
  { what: 'open an HTTP/2 session', attempt: () => http2.connect('http://127.0.0.1:9') },
  { what: 'open a UDP socket', attempt: () => dgram.createSocket('udp4') },
  { what: 'make an HTTP request', attempt: () => fetch('http://127.0.0.1:9/') },
  { what: 'start a process', attempt: () => spawn('true') },
  { what: 'start a process', attempt: () => execFileSync('true') },
  { what: 'start a process', attempt: () => fork('./nothing.js') },
];

describe('the unit guard', () => {
  it('is a setup file of the unit project (tests/unit/**) and not of the integration project', () => {
    const projects = (vitestConfig.test?.projects ?? []).map((p) =>
      typeof p === 'object' && 'test' in p ? p.test : undefined,
    );
    const unit = projects.find((t) => t?.name === 'unit');
    const integration = projects.find((t) => t?.name === 'integration');
    expect(unit?.include).toEqual(['tests/unit/**/*.test.ts']);
    expect(unit?.setupFiles).toEqual(['tests/support/no-electron.ts', 'tests/support/unit-guard.ts']);
    expect(integration?.include).toEqual(['tests/integration/**/*.test.ts']);
    expect(integration?.setupFiles).toEqual(['tests/support/no-electron.ts', 'tests/support/coverage-children.ts']);
  });

  it.each(attempts)('refuses to $what: $attempt', ({ what, attempt }) => {
    expect(attempt).toThrow(names(what));
    // The attempt was also recorded: the guard's afterEach would fail the test even had it been swallowed.
    expect(() => failOnViolations()).toThrow(names(what));
  });

  it('fails a test whose code swallowed the refusal, once, then forgets it', () => {
    try {
      net.createServer().listen(0, '127.0.0.1');
    } catch {
      // what a service's catch-all would do
    }
    expect(() => failOnViolations()).toThrow(names('listen on a socket'));
    expect(() => failOnViolations()).not.toThrow();
  });

  it('does not report again an attempt the test already failed with', () => {
    let message = '';
    try {
      spawn('true');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(names('start a process'));
    expect(() => failOnViolations([message])).not.toThrow();
  });
});
