// Explain error area: placeholder until the AADSTS explainer lands (owner replaces this file).
import { AreaPlaceholder } from '../../components/area-placeholder';

export function ExplainPage() {
  return (
    <AreaPlaceholder
      title="Explain an error"
      summary="Paste an AADSTS error, a callback URL or a product's error text and get the cause and the fix in your helpdesk product's own words."
      plans={[
        'Recognises AADSTS codes anywhere in the text, including inside URLs and log lines.',
        "Explains the cause and the fix with the field names your product uses.",
        'Links each fix to the matching Diagnose check.',
      ]}
    />
  );
}
