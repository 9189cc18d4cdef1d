// Shows what a useCall is doing: a spinner once a call runs longer than SLOW_CALL_MS, and a failure as a
// message bar with its code, cause and next step that stays until the user dismisses or retries it.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CallState } from '../api';

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    marginLeft: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  next: { display: 'block', marginTop: tokens.spacingVerticalXXS },
  detail: { marginTop: tokens.spacingVerticalXS, whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  bar: { marginBlock: tokens.spacingVerticalM },
});

export interface CallStatusProps {
  readonly state: CallState<unknown>;
  /** What is running, for the spinner: "Reading app information". */
  readonly label: string;
  readonly onRetry?: () => void;
  readonly onDismiss?: () => void;
}

export function CallStatus({ state, label, onRetry, onDismiss }: CallStatusProps) {
  const styles = useStyles();
  if (state.status === 'running') {
    return state.slow ? <Spinner size="tiny" labelPosition="after" label={`${label}…`} role="status" /> : null;
  }
  if (state.status !== 'failed') return null;
  const { error } = state;
  return (
    <MessageBar intent="error" layout="multiline" className={styles.bar} data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{error.message}</MessageBarTitle>
        <span className={styles.code}>{error.code}</span>
        <span className={styles.next}>Next step: {error.nextStep}</span>
        {error.detail === undefined ? null : (
          <details className={styles.detail}>
            <summary>Details</summary>
            {error.detail}
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
