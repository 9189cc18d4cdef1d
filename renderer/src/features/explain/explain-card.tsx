// One error explained (an AADSTS code, an OAuth error, or an Exchange Online or Microsoft Graph answer), as the
// Explain error page and the product session's callback step show it: the title, what it means, the likely cause
// and the next step in the product's words, then what to check, a note, whether Microsoft's reference lists the
// code, the server's own words (naming who said them), the Microsoft documentation behind the explanation and where
// to look the code up. Carries data-explain-code.
import { Badge, Card, CardHeader, Text, makeStyles, tokens, type CardProps } from '@fluentui/react-components';
import type { ExplainCard } from '../../../../shared/explain';

const useStyles = makeStyles({
  row: { display: 'block', marginTop: tokens.spacingVerticalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

export interface ExplainCardViewProps {
  readonly card: ExplainCard;
  /** 'filled-alternative' inside another card (the timeline's step); default Fluent's filled card. */
  readonly appearance?: CardProps['appearance'];
  /** Show Entra's own words; off where they are on screen already (the timeline's callback step). Default true. */
  readonly serverText?: boolean;
}

export function ExplainCardView({ card: c, appearance, serverText = true }: ExplainCardViewProps) {
  const styles = useStyles();
  return (
    <Card data-explain-code={c.code} appearance={appearance}>
      <CardHeader
        header={<Text weight="semibold">{c.title}</Text>}
        action={
          <Badge appearance="tint" color={c.known ? 'informative' : 'warning'}>
            {c.known ? c.category : 'unknown code'}
          </Badge>
        }
      />
      <Text className={styles.row}>
        <strong>Meaning:</strong> {c.meaning}
      </Text>
      <Text className={styles.row}>
        <strong>Likely cause:</strong> {c.cause}
      </Text>
      <Text className={styles.row}>
        <strong>Next step:</strong> {c.fix}
      </Text>
      {c.field ? (
        <Text className={styles.row}>
          <strong>Field to check:</strong> {c.fieldLabel ?? c.field}
        </Text>
      ) : null}
      {c.note ? (
        <Text className={styles.row}>
          <strong>Note:</strong> {c.note}
        </Text>
      ) : null}
      {c.listing ? (
        <Text className={styles.row}>
          <strong>Listing:</strong> {c.listing}
        </Text>
      ) : null}
      {serverText && c.serverText ? (
        <Text className={styles.row}>
          <strong>{c.answeredBy ?? 'Entra'} said:</strong> {c.serverText}
        </Text>
      ) : null}
      {c.docs && c.docs.length > 0 ? (
        <Text className={styles.row} data-explain-docs="">
          <strong>Microsoft docs:</strong>{' '}
          {c.docs.map((d, i) => (
            <span key={d.url}>
              {i > 0 ? '; ' : ''}
              {d.title} (<span className={styles.mono}>{d.url}</span>)
            </span>
          ))}
        </Text>
      ) : null}
      {c.lookupUrl ? <Text className={`${styles.row} ${styles.mono}`}>Look up: {c.lookupUrl}</Text> : null}
    </Card>
  );
}
