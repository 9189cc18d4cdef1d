// How a failure reads everywhere in the app, and what a useCall is doing. ErrorBar shows an AppError (or a notice
// of the same shape) as a message bar: its cause as the title, "Next step: …", the code on a quiet details line,
// and the non-secret detail folded away; it stays until the page removes it. CallStatus shows a spinner once a
// call runs longer than SLOW_CALL_MS and a failed call as an ErrorBar with Try again and Dismiss.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { assertNever } from '../../../shared/assert-never';
import type { AppError } from '../../../shared/result';
import type { CallState } from '../api';

const useStyles = makeStyles({
  bar: { marginBlock: tokens.spacingVerticalM },
  next: { display: 'block', marginTop: tokens.spacingVerticalXXS },
  code: {
    display: 'block',
    marginTop: tokens.spacingVerticalXXS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
  detail: { marginTop: tokens.spacingVerticalXS, whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  detailText: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

export interface ErrorBarProps {
  readonly error: AppError;
  /** What failed, put before the error's own cause: "The field sheet could not be built". */
  readonly what?: string;
  /** 'warning' for a notice the user can carry on past (a profiles file set aside). Default 'error'. */
  readonly intent?: 'error' | 'warning';
  /** The summary of the folded-away detail. Default "Details". */
  readonly detailLabel?: string;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
  readonly className?: string;
}

/** An error bar with data-error-code; an error (not a warning) is announced at once (role=alert). */
export function ErrorBar({
  error,
  what,
  intent = 'error',
  detailLabel = 'Details',
  onRetry,
  onDismiss,
  className,
}: ErrorBarProps) {
  const styles = useStyles();
  return (
    <MessageBar
      intent={intent}
      layout="multiline"
      className={mergeClasses(styles.bar, className)}
      data-error-code={error.code}
      {...(intent === 'error' ? { role: 'alert' } : {})}
    >
      <MessageBarBody>
        <MessageBarTitle>{what === undefined ? error.message : `${what}: ${error.message}`}</MessageBarTitle>
        <span className={styles.next}>Next step: {error.nextStep}</span>
        <span className={styles.code} data-details-line="">
          {error.code}
        </span>
        {error.detail === undefined ? null : (
          <details className={styles.detail}>
            <summary>{detailLabel}</summary>
            <span className={styles.detailText}>{error.detail}</span>
          </details>
        )}
      </MessageBarBody>
      {onRetry || onDismiss ? (
        <MessageBarActions>
          {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
          {onDismiss ? (
            <Button appearance="transparent" onClick={onDismiss}>
              Dismiss
            </Button>
          ) : null}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

export interface CallStatusProps {
  readonly state: CallState<unknown>;
  /** What is running, for the spinner: "Reading app information". */
  readonly label: string;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
}

export function CallStatus({ state, label, onRetry, onDismiss }: CallStatusProps) {
  switch (state.status) {
    case 'idle':
    case 'done':
      return null;
    case 'running':
      return state.slow ? <Spinner size="tiny" labelPosition="after" label={`${label}…`} role="status" /> : null;
    case 'failed':
      return <ErrorBar error={state.error} onRetry={onRetry} onDismiss={onDismiss} />;
    default:
      return assertNever(state, 'call state');
  }
}
