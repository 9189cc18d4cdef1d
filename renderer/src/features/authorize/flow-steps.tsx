// The authorize flow's progress as an ordered list of steps: done, current (with the host the clean window
// shows), or failed with the error's code, cause and next step. Errors stay until the next run.
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { FlowKind, FlowState } from '../../../../shared/authorize/schema';
import { ErrorBar } from '../../components/call-status';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0`,
    display: 'grid',
    rowGap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minHeight: '24px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  pending: { color: tokens.colorNeutralForeground3 },
  current: { fontWeight: tokens.fontWeightSemibold },
  stop: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  mark: { width: '20px', textAlign: 'center' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

const STEPS: readonly { kind: FlowKind; label: string }[] = [
  { kind: 'opening', label: 'Opening a clean, isolated sign-in window' },
  { kind: 'signing-in', label: 'Waiting for you to sign in as the mailbox' },
  { kind: 'redeeming', label: 'Redeeming the authorization code (PKCE)' },
  { kind: 'verifying', label: 'Verifying whose tokens came back' },
  { kind: 'done', label: 'Verdict ready' },
];

const CANCELLED_BECAUSE: Readonly<Record<Extract<FlowState, { kind: 'cancelled' }>['reason'], string>> = {
  'window-closed': 'The sign-in window was closed before signing in finished.',
  user: 'You cancelled the sign-in.',
};

function indexOf(kind: FlowKind): number {
  return STEPS.findIndex((s) => s.kind === kind);
}

export function FlowSteps({ flow }: { flow: FlowState }) {
  const styles = useStyles();
  // A failed or cancelled flow stops at the step main says it was in: the steps before it stay done, that one is
  // marked as where it stopped, and the rest are not reached.
  const stopped = flow.kind === 'failed' || flow.kind === 'cancelled';
  const current = stopped ? (flow.step === undefined ? -1 : indexOf(flow.step)) : indexOf(flow.kind);
  return (
    <>
      <ol className={styles.list} aria-label="Authorization steps" data-flow-state={flow.kind}>
        {STEPS.map((s, i) => {
          const isDone = current > i || flow.kind === 'done';
          const isCurrent = current === i && flow.kind !== 'done' && !stopped;
          const isStop = current === i && stopped;
          return (
            <li
              key={s.kind}
              className={`${styles.item} ${isDone ? styles.done : isCurrent ? styles.current : isStop ? styles.stop : styles.pending}`}
              aria-current={isCurrent || isStop ? 'step' : undefined}
            >
              <span className={styles.mark} aria-hidden="true">
                {isDone ? '✓' : isCurrent ? <Spinner size="extra-tiny" /> : isStop ? '✕' : '○'}
              </span>
              <span>
                {s.label}
                {isCurrent && flow.kind === 'signing-in' && flow.host ? (
                  <>
                    {' '}
                    — at <span className={styles.mono}>{flow.host}</span>
                  </>
                ) : null}
                {isDone ? <span className={styles.hidden}> (done)</span> : null}
                {isStop ? (
                  <span>{flow.kind === 'failed' ? ' — stopped here with an error' : ' — stopped here'}</span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      {flow.kind === 'failed' ? <ErrorBar error={flow.error} detailLabel="What the identity provider said" /> : null}
      {flow.kind === 'cancelled' ? (
        <MessageBar intent="warning" data-error-code="CANCELLED" role="status">
          <MessageBarBody>
            <MessageBarTitle>{CANCELLED_BECAUSE[flow.reason]}</MessageBarTitle>
            Nothing was saved. Authorize again when ready.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
