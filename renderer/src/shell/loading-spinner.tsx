// The main region's "Loading…" while a page's chunk is still on its way (shown by the shell only once that takes
// longer than a slow call). A chunk of its own, so the shell's first frame does not load the spinner.
import { Spinner } from '@fluentui/react-components';

export function LoadingSpinner({ className }: { className: string }) {
  return <Spinner className={className} size="small" label="Loading…" labelPosition="after" />;
}
