// Inspect token area: placeholder until the token inspector lands (owner replaces this file).
import { AreaPlaceholder } from '../../components/area-placeholder';

export function InspectPage() {
  return (
    <AreaPlaceholder
      title="Inspect a token"
      summary="Paste a token in any form — a raw JWT, a Bearer header, a token response, a base64 XOAUTH2 string or a product's log line — and see what it says in plain language."
      plans={[
        'Decodes the claims and explains each one: whose token it is, the tenant, the resource and the scopes.',
        'Checks expiry, token version and client ID against what your product expects.',
        'Secrets stay in the app: only claims and masked previews are shown.',
      ]}
    />
  );
}
