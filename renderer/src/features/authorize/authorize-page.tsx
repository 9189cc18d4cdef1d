// Authorize area: placeholder until the clean-session authorize flow lands (owner replaces this file).
import { AreaPlaceholder } from '../../components/area-placeholder';

export function AuthorizePage() {
  return (
    <AreaPlaceholder
      title="Authorize a mailbox"
      summary="Sign the helpdesk mailbox in from a clean, isolated browser session — no single sign-on and no cookies from your own browser — with the product's own app registration, then check whose tokens came back."
      plans={[
        'Forces a fresh sign-in (prompt=login) for the mailbox you name, so your own admin session is never reused.',
        'Catches the redirect inside the app and redeems the code with PKCE; the product never sees a half-finished flow.',
        'Verifies the account, tenant, scopes and refresh token, then proves IMAP, POP, SMTP or Graph access.',
      ]}
    />
  );
}
