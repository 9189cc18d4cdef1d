// Explain error area: paste anything (log line, error page, callback URL, JSON body, an IMAP/POP/SMTP trace, a Graph
// error) and get one card per AADSTS code and per mail-server or Graph answer (several on one line included), with
// meaning, likely cause and next step in the chosen product's words. Runs locally from shared/explain.
import {
  Card,
  CardHeader,
  Dropdown,
  Field,
  Option,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { explain } from '../../../../shared/explain';
import { PRESETS, isPresetId, presetById, type PresetId } from '../../../../shared/presets';
import { PageHeader } from '../../components/page-header';
import { ExplainCardView } from './explain-card';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '80ch' },
  cards: { display: 'grid', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalL, maxWidth: '80ch' },
  row: { display: 'block', marginTop: tokens.spacingVerticalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

export function ExplainPage() {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [preset, setPreset] = useState<PresetId | undefined>(undefined);
  const deferred = useDeferredValue(text);
  const result = useMemo(() => (deferred.trim() === '' ? undefined : explain(deferred, preset)), [deferred, preset]);
  const resultsId = useId();
  return (
    <>
      <PageHeader
        title="Explain an error"
        description="Paste an AADSTS error, a product log line, an error page, a token-endpoint response, or what the mail server or Microsoft Graph answered. Each error gets its meaning, the likely cause and the next step."
      />
      <div className={styles.form}>
        <Field label="Product (words the next steps in its terms)">
          <Dropdown
            placeholder="Any product"
            value={preset === undefined ? '' : presetById(preset).label}
            // The empty option is "Any product"; anything that is not a preset id reads as that too.
            onOptionSelect={(_, d) => setPreset(isPresetId(d.optionValue) ? d.optionValue : undefined)}
          >
            <Option value="">Any product</Option>
            {PRESETS.map((p) => (
              <Option key={p.id} value={p.id}>
                {p.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Error text" hint="Nothing leaves this computer; the text is read locally.">
          <Textarea
            value={text}
            onChange={(_, d) => setText(d.value)}
            resize="vertical"
            rows={8}
            aria-controls={resultsId}
          />
        </Field>
      </div>
      <section id={resultsId} aria-live="polite" className={styles.cards}>
        {result ? <Text weight="semibold">{result.summary}</Text> : null}
        {result?.cards.map((c) => (
          <ExplainCardView key={c.code} card={c} />
        ))}
        {result && result.traceIds.length + result.correlationIds.length + result.timestamps.length > 0 ? (
          <Card>
            <CardHeader header={<Text weight="semibold">Keep for Microsoft support</Text>} />
            {result.traceIds.map((t) => (
              <Text key={`t${t}`} className={`${styles.row} ${styles.mono}`}>
                Trace ID: {t}
              </Text>
            ))}
            {result.correlationIds.map((t) => (
              <Text key={`c${t}`} className={`${styles.row} ${styles.mono}`}>
                Correlation ID: {t}
              </Text>
            ))}
            {result.timestamps.map((t) => (
              <Text key={`s${t}`} className={`${styles.row} ${styles.mono}`}>
                Timestamp: {t}
              </Text>
            ))}
          </Card>
        ) : null}
      </section>
    </>
  );
}
