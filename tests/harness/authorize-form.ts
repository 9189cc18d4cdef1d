// Fills the real Authorize form for a test provider's demo app the way an admin would (custom authority, its CA file
// chosen in main's dialog, the ServiceNow-style registration, the sign-in account). Shared by the e2e specs and the
// bench.
import type { Page } from 'playwright-core';
import type { IdpApp } from './emulated-app';

export interface AuthorizeFormOptions {
  /** Delegate mode: the shared mailbox the delegate (signInAccount) opens. */
  readonly mailbox?: string;
  /** Replace the preset's scopes. */
  readonly scopes?: string;
  /** Start from a freshly loaded page (the form keeps its state across flows by design). Default true. */
  readonly reload?: boolean;
}

export async function fillAuthorizeForm(
  app: IdpApp,
  signInAccount: string,
  options: AuthorizeFormOptions = {},
): Promise<Page> {
  const page = app.harness.page;
  const v = app.demoValues();
  await page.goto(`${app.harness.url}#/authorize`);
  if (options.reload ?? true) {
    // Main keeps the last run and the page restores it; a fresh start is the admin's "Start a new authorization".
    await page.evaluate(() => window.api?.authorize.startOver({}));
    await page.reload();
  }
  await page.getByRole('combobox', { name: 'Cloud' }).click();
  await page.getByRole('option', { name: 'Custom authority (host + CA file)' }).click();
  await page.getByLabel('Authority host').fill(v.authorityHost);
  // Main's open dialog answers with the provider's CA file (the harness's stand-in); the page shows what was read.
  await page.getByRole('button', { name: 'Choose CA file…' }).click();
  await page.getByTestId('ca-label').waitFor({ state: 'visible' });
  await page.getByLabel('Directory (tenant) ID').fill(v.tenant);
  await page.getByLabel('Application (client) ID').fill(v.clientId);
  await page.getByLabel('Client secret (Value)').fill(v.clientSecret);
  await page.getByLabel('Redirect URI').fill(v.redirectUri);
  if (options.mailbox) {
    await page.getByRole('switch', { name: 'A delegate signs in for a shared mailbox' }).check();
    await page.getByLabel('Delegate who signs in').fill(signInAccount);
    await page.getByLabel('Shared mailbox address').fill(options.mailbox);
  } else {
    await page.getByLabel('Mailbox account that signs in').fill(signInAccount);
  }
  if (options.scopes !== undefined) await page.getByLabel('Scopes', { exact: true }).fill(options.scopes);
  return page;
}
