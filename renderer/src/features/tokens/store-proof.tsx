// Asking the product itself whose token it holds. StoreProofVerdict draws the judgement of a pasted script output
// (shared/product-proof: the same identity verdict as Authorize, said to come from the product's own token store);
// ServiceNowProofPanel generates the ServiceNow background script for an email account and OAuth Entity Profile and
// reads its pasted output back. Used by Inspect (a pasted output is recognised there) and the product session.
// Everything here stays in this window: the script holds no secret, and its output holds claims only.
import { Button, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import {
  checkScriptInput,
  judgeProofReading,
  readProductProof,
  serviceNowProofScript,
  type ProofExpectations,
  type ProofVerdict,
} from '../../../../shared/product-proof';
import { MAX_INPUT_CHARS } from '../../../../shared/limits';
import { FindingList } from '../../components/finding-list';
import { VerdictBar, type Verdict } from '../../components/verdict-bar';

const useStyles = makeStyles({
  source: { display: 'block', marginTop: tokens.spacingVerticalXS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalS} 0 0`,
  },
  row: { display: 'contents' },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
  panel: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '90ch' },
  inputs: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

/** Green for the right account with nothing wrong; red for a mismatch or a failure; neutral when unchecked. */
function barOf(v: ProofVerdict): Verdict {
  if (v.ok) return 'ok';
  if (v.severity === 'error') return 'bad';
  return v.severity === 'warning' ? 'check' : 'note';
}

export function StoreProofVerdict({ verdict }: { verdict: ProofVerdict }) {
  const styles = useStyles();
  return (
    <VerdictBar
      verdict={barOf(verdict)}
      title={verdict.sentence}
      data-proof-code={verdict.code}
      data-proof-ok={String(verdict.ok)}
      data-testid="store-proof-verdict"
    >
      Next step: {verdict.nextStep}
      <Text className={styles.source}>
        Source: {verdict.source}.
        {verdict.judgedAgainst === undefined ? '' : ` Checked against ${verdict.judgedAgainst}.`}
      </Text>
      {verdict.facts.length > 0 && (
        <dl className={styles.facts} aria-label="What the product’s stored token says">
          {verdict.facts.map((f) => (
            <div key={f.label} className={styles.row}>
              <dt className={styles.term}>{f.label}</dt>
              <dd className={styles.value}>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <FindingList findings={verdict.findings} label="What else the stored token says" />
    </VerdictBar>
  );
}

/** The judgement of a paste when it holds a product's proof output; undefined otherwise. */
export function useStoreProof(text: string, expectations: ProofExpectations): ProofVerdict | undefined {
  const reading = useMemo(() => readProductProof(text), [text]);
  return useMemo(() => judgeProofReading(reading, expectations), [reading, expectations]);
}

export interface ServiceNowProofPanelProps {
  /** The account that must sign in (for a shared mailbox: the delegate). */
  readonly expectedAccount: string;
  /** The shared mailbox, when a delegate signs in. */
  readonly mailbox?: string | undefined;
}

export function ServiceNowProofPanel({ expectedAccount, mailbox }: ServiceNowProofPanelProps) {
  const styles = useStyles();
  const [emailAccount, setEmailAccount] = useState('');
  const [oauthProfile, setOauthProfile] = useState('');
  const [output, setOutput] = useState('');
  const [copied, setCopied] = useState<string | undefined>(undefined);
  const input = { emailAccount, oauthProfile };
  const check = checkScriptInput(input);
  const script = check.ok ? serviceNowProofScript(input) : '';
  const expectations = useMemo<ProofExpectations>(
    () => ({
      ...(expectedAccount.trim() ? { expectedAccount: expectedAccount.trim() } : {}),
      ...(mailbox?.trim() ? { mailbox: mailbox.trim() } : {}),
    }),
    [expectedAccount, mailbox],
  );
  const pasted = useDeferredValue(output);
  const verdict = useStoreProof(pasted, expectations);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(script);
      setCopied('Script copied.');
    } catch {
      setCopied('Could not copy: select the script and press Ctrl+C.');
    }
  };
  return (
    <div className={styles.panel}>
      <Text>
        Ask ServiceNow itself: generate a background script, run it in ServiceNow under System Definition &gt; Scripts -
        Background, and paste what it prints below. The script is read-only and prints only the stored access token’s
        claims and whether a refresh token is stored, never a token.
      </Text>
      <div className={styles.inputs}>
        <Field label="Email account (Name or sys_id)" hint="System Mailboxes > Email Accounts.">
          <Input value={emailAccount} onChange={(_, d) => setEmailAccount(d.value)} autoComplete="off" />
        </Field>
        <Field label="OAuth Entity Profile (Name or sys_id)" hint="On the Application Registry record.">
          <Input value={oauthProfile} onChange={(_, d) => setOauthProfile(d.value)} autoComplete="off" />
        </Field>
      </div>
      {check.ok ? (
        <>
          <Field label="Background script">
            <Textarea className={styles.mono} value={script} readOnly rows={10} resize="vertical" spellCheck={false} />
          </Field>
          <div className={styles.actions}>
            <Button onClick={() => void copy()}>Copy script</Button>
            {copied === undefined ? null : <Text role="status">{copied}</Text>}
          </div>
        </>
      ) : (
        <Text>Give the email account and the OAuth Entity Profile to see the script.</Text>
      )}
      <Field label="Script output" hint="Paste everything the script printed (the “*** Script:” lines).">
        <Textarea
          className={styles.mono}
          value={output}
          onChange={(_, d) => setOutput(d.value.slice(0, MAX_INPUT_CHARS))}
          rows={4}
          resize="vertical"
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
      {verdict === undefined ? (
        output.trim() === '' ? null : (
          <Text role="status">This is not the script’s output: no line with its marker was found.</Text>
        )
      ) : (
        <StoreProofVerdict verdict={verdict} />
      )}
    </div>
  );
}
