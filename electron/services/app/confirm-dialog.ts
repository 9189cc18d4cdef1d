// The main-side confirmation port: the question main asks the person at the screen before a token or a secret
// goes somewhere main cannot vouch for from its own state (a probe host outside the cloud's list, the clipboard).
// electron/platform/confirm-dialog.ts shows Electron's message box, parented to the app window; the harness answers
// as a test configures it (tests/support/confirm-dialog.ts). The renderer can ask main to act, never answer for the
// person: no request field stands in for this port's yes.

export interface ConfirmRequest {
  /** The question, e.g. "Copy the refresh token to the clipboard?" (the dialog's bold first line). */
  readonly message: string;
  /** What the person must know to answer: the risk, the host, the failed check. */
  readonly detail: string;
  /** The button that agrees, e.g. "Copy token"; the other is always "Cancel", and Cancel is the default. */
  readonly confirmLabel: string;
}

export interface ConfirmDialog {
  /** True only when the person chose confirmLabel; closing the dialog or Cancel is false. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** The words every confirmation ends with where a token is at stake (one wording for probes and copy). */
export const TOKEN_RISK_SENTENCE =
  'Whoever holds an access or refresh token can read this mailbox until the token expires or is revoked.';
