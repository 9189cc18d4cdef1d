// Signs in on an Entra-shaped sign-in page the way a person does, by Entra's own element ids: the username page
// (#i0116 loginfmt, #idSIButton9 "Next"), the password page (#i0118 passwd, #idSIButton9 "Sign in") and the "Stay
// signed in?" interrupt (#idBtn_Back "No", #idSIButton9 "Yes"). Both identity providers of the test suite (the
// emulator and tests/idp) render these ids, so the specs, the demo and the benchmarks drive them alike and never
// rely on a selector only one of them has.
import type { Page } from 'playwright-core';

export const ENTRA_IDS = {
  username: '#i0116',
  password: '#i0118',
  submit: '#idSIButton9',
  kmsiNo: '#idBtn_Back',
  passwordError: '#passwordError',
} as const;

export interface EntraSignInOptions {
  /** Answer "Stay signed in?" with Yes (a persistent session cookie); default No. */
  readonly staySignedIn?: boolean;
  readonly timeoutMs?: number;
}

/** Waits for the username or the password page (login_hint may have filled the username already). */
export async function waitForSignInPage(page: Page, timeoutMs = 15_000): Promise<void> {
  await page
    .locator(`${ENTRA_IDS.username}:visible, ${ENTRA_IDS.password}:visible`)
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Types the account (when the username page shows), the password, and answers "Stay signed in?". Resolves once the
 * interrupt is answered, or when the password page reports an error (the caller asserts on it).
 */
export async function signInOnEntraPage(
  page: Page,
  upn: string,
  password: string,
  options: EntraSignInOptions = {},
): Promise<void> {
  const timeout = options.timeoutMs ?? 15_000;
  await waitForSignInPage(page, timeout);
  const username = page.locator(ENTRA_IDS.username);
  if (await username.isVisible()) {
    await username.fill(upn);
    await page.locator(ENTRA_IDS.submit).click();
  }
  const passwordInput = page.locator(ENTRA_IDS.password);
  await passwordInput.waitFor({ state: 'visible', timeout });
  await passwordInput.fill(password);
  await page.locator(ENTRA_IDS.submit).click();
  const next = page.locator(`${ENTRA_IDS.kmsiNo}:visible, ${ENTRA_IDS.passwordError}:visible`).first();
  await next.waitFor({ state: 'visible', timeout });
  if (await page.locator(ENTRA_IDS.passwordError).isVisible()) return;
  await page.locator(options.staySignedIn ? ENTRA_IDS.submit : ENTRA_IDS.kmsiNo).click();
}
