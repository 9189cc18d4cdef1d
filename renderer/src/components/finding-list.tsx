// Findings as the app draws them everywhere (token checks, the lint under each Diagnose field, online checks, the
// verdict's details, the field sheet, the product session's timeline): the message is what the admin reads first,
// then "Next step:", and the code (with the field it names) only on a quiet details line. Holds the renderer's one
// severity → intent map, which the verdict banners and the Diagnose fields read too.
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircle16Filled } from '@fluentui/react-icons/svg/error-circle';
import { Info16Filled } from '@fluentui/react-icons/svg/info';
import { Warning16Filled } from '@fluentui/react-icons/svg/warning';
import type { ComponentType } from 'react';
import { worstSeverity, type Finding, type Severity } from '../../../shared/findings';

/** Fluent's message intents that a severity can take (MessageBar's, minus 'success': no finding is good news). */
export type SeverityIntent = 'error' | 'warning' | 'info';

/** The one severity → intent map of the renderer. */
export const SEVERITY_INTENT: Readonly<Record<Severity, SeverityIntent>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};

/** Read before the message by screen readers; sighted users get the icon and colour. */
const SEVERITY_LABEL: Readonly<Record<SeverityIntent, string>> = { error: 'Error', warning: 'Warning', info: 'Note' };
const SEVERITY_ICON: Readonly<Record<SeverityIntent, ComponentType<{ className?: string }>>> = {
  error: ErrorCircle16Filled,
  warning: Warning16Filled,
  info: Info16Filled,
};

/** A Fluent Field's validation state for the findings about it: its worst finding's intent ('none' for notes). */
export function validationStateOf(findings: readonly Pick<Finding, 'severity'>[]): 'error' | 'warning' | 'none' {
  const worst = worstSeverity(findings);
  if (worst === undefined) return 'none';
  const intent = SEVERITY_INTENT[worst];
  return intent === 'info' ? 'none' : intent;
}

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'grid',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder1}`,
  },
  warning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  icon: { marginTop: '2px', flexShrink: 0 },
  errorIcon: { color: tokens.colorStatusDangerForeground1 },
  warningIcon: { color: tokens.colorStatusWarningForeground3 },
  infoIcon: { color: tokens.colorNeutralForeground3 },
  body: { display: 'grid', rowGap: tokens.spacingVerticalXXS, minWidth: 0, color: tokens.colorNeutralForeground1 },
  message: { overflowWrap: 'anywhere' },
  next: { overflowWrap: 'anywhere' },
  details: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: 'anywhere',
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

export interface FindingListProps {
  readonly findings: readonly Finding[];
  /** The list's accessible name, e.g. "Findings for token 1". */
  readonly label: string;
  /** Name the field in the details line; off where the list sits under that field already. Default true. */
  readonly showField?: boolean;
  /**
   * Show the details line with the code. Default true; off where the codes mean nothing to the reader and nothing
   * looks them up (an app-only run's field sheet, handed to whoever fills in the product).
   */
  readonly showCode?: boolean;
  readonly className?: string;
}

/**
 * One item per finding, in the order given: icon and colour by severity, the message, "Next step: …", and a
 * details line with the code (and field). Each item carries data-finding-code and data-severity. Nothing when
 * there are no findings.
 */
export function FindingList({ findings, label, showField = true, showCode = true, className }: FindingListProps) {
  const styles = useStyles();
  if (findings.length === 0) return null;
  return (
    <ul className={mergeClasses(styles.list, className)} aria-label={label}>
      {findings.map((f, i) => {
        const intent = SEVERITY_INTENT[f.severity];
        const Icon = SEVERITY_ICON[intent];
        return (
          <li
            key={`${f.code}-${f.field ?? ''}-${i}`}
            className={mergeClasses(styles.item, styles[intent])}
            data-finding-code={f.code}
            data-severity={f.severity}
          >
            <Icon className={mergeClasses(styles.icon, styles[`${intent}Icon`])} aria-hidden="true" />
            <div className={styles.body}>
              <Text weight="semibold" className={styles.message}>
                <span className={styles.hidden}>{SEVERITY_LABEL[intent]}: </span>
                {f.message}
              </Text>
              {/* An "ok" or "not needed" line has nothing to do next; saying so is noise. */}
              {/^nothing to do\.?$/i.test(f.nextStep.trim()) ? null : (
                <Text className={styles.next}>Next step: {f.nextStep}</Text>
              )}
              {showCode ? (
                <Text className={styles.details} data-details-line="">
                  {f.code}
                  {showField && f.field ? ` · ${f.field}` : ''}
                </Text>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
