// Diagnose area: placeholder until configuration diagnosis lands (owner replaces this file).
import { AreaPlaceholder } from '../../components/area-placeholder';

export function DiagnosePage() {
  return (
    <AreaPlaceholder
      title="Diagnose a configuration"
      summary="Check a helpdesk product's OAuth settings before and after authorizing, field by field, and find the trap before the mail stops."
      plans={[
        'Offline checks for every field: a secret ID pasted instead of the value, a v1 endpoint, comma-separated scopes, a missing offline_access, a redirect URI off by a slash.',
        'Online checks: tenant discovery, client ID and secret, granted permissions and the redirect URI registration.',
        'Hosts and scopes for the right cloud: Global, GCC High, DoD or China.',
      ]}
    />
  );
}
