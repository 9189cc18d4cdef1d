// The harness's and the tests' stand-in for the main-side confirmation dialog (ConfirmDialog port): it answers
// as the test configures it and records every question, so a test can assert both that main asked (and what it
// said) and what happened after a yes or a no.
import type { ConfirmDialog, ConfirmRequest } from '../../electron/services/app/confirm-dialog';

export type ConfirmAnswer = 'accept' | 'decline' | ((request: ConfirmRequest) => boolean);

export interface ScriptedConfirm extends ConfirmDialog {
  /** Every question asked, in order. */
  readonly asked: ConfirmRequest[];
  /** Changes how the next questions are answered. */
  answer(next: ConfirmAnswer): void;
}

export function scriptedConfirm(initial: ConfirmAnswer = 'decline'): ScriptedConfirm {
  let current = initial;
  const asked: ConfirmRequest[] = [];
  return {
    asked,
    answer: (next) => {
      current = next;
    },
    confirm: async (request) => {
      asked.push(request);
      return typeof current === 'function' ? current(request) : current === 'accept';
    },
  };
}
