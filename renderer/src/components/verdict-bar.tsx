// The banner that sums up a result in one sentence (an authorize run's verdict, an inspected token's, a field
// sheet's status): green when it is right, red when it is not, amber when it needs a look, neutral for a note.
// Holds the renderer's one verdict → intent map; verdictOf reads a verdict off findings through SEVERITY_INTENT.
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { worstSeverity, type Finding } from '../../../shared/findings';
import { SEVERITY_INTENT } from './finding-list';

export type Verdict = 'ok' | 'bad' | 'check' | 'note';

/** The one verdict → intent map. */
export const VERDICT_INTENT: Readonly<Record<Verdict, 'success' | 'error' | 'warning' | 'info'>> = {
  ok: 'success',
  bad: 'error',
  check: 'warning',
  note: 'info',
};

const INTENT_VERDICT: Readonly<Record<'error' | 'warning', Verdict>> = { error: 'bad', warning: 'check' };

/** The verdict the worst finding makes (error → bad, warning → check), or `clean` when there is none worse. */
export function verdictOf(findings: readonly Pick<Finding, 'severity'>[], clean: Verdict): Verdict {
  const worst = worstSeverity(findings);
  if (worst === undefined) return clean;
  const intent = SEVERITY_INTENT[worst];
  return intent === 'info' ? clean : INTENT_VERDICT[intent];
}

const useStyles = makeStyles({
  title: { fontSize: tokens.fontSizeBase400 },
  body: { display: 'block', marginTop: tokens.spacingVerticalXXS },
});

export interface VerdictBarProps {
  readonly verdict: Verdict;
  /** The sentence (or word) the banner leads with. */
  readonly title: ReactNode;
  /** What follows the title: the next step, a note. */
  readonly children?: ReactNode;
  readonly className?: string;
  /** data-* attributes for tests and tools (e.g. data-verdict-code). */
  readonly [data: `data-${string}`]: string | undefined;
}

export function VerdictBar({ verdict, title, children, className, ...data }: VerdictBarProps) {
  const styles = useStyles();
  return (
    <MessageBar intent={VERDICT_INTENT[verdict]} layout="multiline" className={className} {...data}>
      <MessageBarBody>
        <MessageBarTitle className={styles.title}>{title}</MessageBarTitle>
        {children === undefined ? null : <div className={styles.body}>{children}</div>}
      </MessageBarBody>
    </MessageBar>
  );
}
