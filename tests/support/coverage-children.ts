// Coverage of the processes a test starts (the CLI run as a program, build scripts): when build/coverage.ts runs the
// suite it sets MAH_COVERAGE_DIR, and every child inherits NODE_V8_COVERAGE from here, so Node writes each child's
// V8 coverage (with the source maps tsx made) into coverage/raw/node-vitest for the merged report. Set in the
// worker after it started, so the worker itself is not dumped: its own coverage comes from Vitest's provider.
import { join } from 'node:path';

const dir = process.env.MAH_COVERAGE_DIR;
if (dir) process.env.NODE_V8_COVERAGE = join(dir, 'node-vitest');
