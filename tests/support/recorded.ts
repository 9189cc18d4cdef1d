// Answers recorded from the emulator for the online checks' process steps: where they live and how a test reads
// one. tests/support/record-online-responses.ts writes them; the unit tests of
// electron/services/diagnose/online-process.ts read them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntraResponse } from '../../electron/services/diagnose/online-requests';
import type { DiagnoseInput } from '../../shared/diagnose';
import { REPO_ROOT } from './repo-root';

export const RECORDED_DIR = join(REPO_ROOT, 'tests/support/recorded/diagnose-online');

/** One recorded answer: what was asked (in words), the check's input, and Entra's answer from the request step. */
export interface RecordedAnswer {
  readonly request: string;
  readonly input: DiagnoseInput;
  readonly response: EntraResponse;
}

export const recordedAnswer = (name: string): RecordedAnswer =>
  JSON.parse(readFileSync(join(RECORDED_DIR, `${name}.json`), 'utf8')) as RecordedAnswer;
