// A page for an area whose feature has not landed yet: says what the area will do and is labelled as such,
// so nobody mistakes it for a working screen. Feature owners replace their page file, not this component.
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Clock16Regular } from '@fluentui/react-icons/svg/clock';
import { PageHeader } from './page-header';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    maxWidth: '68ch',
    color: tokens.colorNeutralForeground2,
    display: 'grid',
    rowGap: tokens.spacingVerticalS,
  },
  panel: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    maxWidth: '72ch',
  },
  panelTitle: { display: 'block', margin: `0 0 ${tokens.spacingVerticalS}`, fontWeight: tokens.fontWeightSemibold },
});

export interface AreaPlaceholderProps {
  readonly title: string;
  readonly summary: string;
  /** What the finished area will do, one line each. */
  readonly plans: readonly string[];
}

export function AreaPlaceholder({ title, summary, plans }: AreaPlaceholderProps) {
  const styles = useStyles();
  return (
    <>
      <PageHeader title={title} description={summary}>
        <Badge appearance="tint" color="brand" size="large" icon={<Clock16Regular />}>
          Coming in this build
        </Badge>
      </PageHeader>
      <section className={styles.panel} aria-labelledby="placeholder-plans">
        <Text id="placeholder-plans" as="h2" size={400} className={styles.panelTitle}>
          What this area will do
        </Text>
        <ul className={styles.list}>
          {plans.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
