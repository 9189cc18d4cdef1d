// Inspect area: paste anything that holds a token and see, per token, whose it is, for which resource,
// with which permissions, until when, and whether it fits the mailbox. The pasted text stays in this page:
// extraction, decoding and checks run here (shared/tokens); only "Verify signature" sends one token to main.
import { Field, Input, Select, Tab, TabList, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import {
  PROTOCOL_LABELS,
  extractTokens,
  inspectInput,
  requirementFor,
  type Classification,
  type Expectations,
  type Protocol,
  type TokenInspection,
  type TokenRole,
} from '../../../../shared/tokens';
import type { CloudId } from '../../../../shared/cloud/clouds';
import { MAX_INPUT_CHARS } from '../../../../shared/limits';
import { PageHeader } from '../../components/page-header';
import { TestMailboxPanel } from '../probes/test-mailbox-panel';
import { FindingList } from '../../components/finding-list';
import { StoreProofVerdict, useStoreProof } from './store-proof';
import { TokenPanel } from './token-panel';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1100px' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalM,
    // Each field keeps its own height: stretched to a neighbour's two-line hint, a field's inner grid spread the
    // extra space and moved its input 5 px off its neighbours' line (issue 18 pt 15).
    alignItems: 'start',
  },
  paste: { fontFamily: tokens.fontFamilyMonospace },
  summary: { marginTop: tokens.spacingVerticalL, display: 'block' },
  tabs: { marginTop: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalM },
  results: { maxWidth: '1100px' },
});

const PROTOCOLS = Object.keys(PROTOCOL_LABELS) as Protocol[];

/** What a token's place in the paste says it is, when its claims do not (opaque, malformed). */
const TYPE_OF_ROLE: Readonly<Record<TokenRole, Classification['tokenType']>> = {
  access_token: 'access',
  id_token: 'id',
  refresh_token: 'unknown',
  unknown: 'unknown',
};

const TYPE_LABEL: Readonly<Record<Exclude<Classification['tokenType'], 'unknown'>, string>> = {
  id: 'ID token',
  access: 'Access token',
};

function tabLabel(t: TokenInspection): string {
  if (t.role === 'refresh_token') return 'Refresh token';
  const type = t.classification?.tokenType ?? TYPE_OF_ROLE[t.role];
  if (type === 'unknown') return t.format === 'opaque' ? 'Opaque token' : 'Token';
  return TYPE_LABEL[type];
}

/** ID and refresh tokens cannot open a mailbox; access tokens (and opaque ones, which may be) can be tried. */
function canProbeWith(t: TokenInspection): boolean {
  return t.role !== 'id_token' && t.role !== 'refresh_token' && t.classification?.tokenType !== 'id';
}

function cloudOf(t: TokenInspection): CloudId {
  const c = t.classification?.cloud;
  return c === undefined || c === 'unknown' ? 'global' : c;
}

export function InspectPage() {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [account, setAccount] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [tenant, setTenant] = useState('');
  const [clientId, setClientId] = useState('');
  const [protocol, setProtocol] = useState<Protocol | ''>('');
  const [selected, setSelected] = useState(0);
  const input = useDeferredValue(text);

  const expectations = useMemo<Expectations>(
    () => ({
      ...(account.trim() ? { expectedAccount: account.trim() } : {}),
      ...(mailbox.trim() ? { mailbox: mailbox.trim() } : {}),
      ...(tenant.trim() ? { tenant: tenant.trim() } : {}),
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(protocol ? { requirement: requirementFor(protocol) } : {}),
    }),
    [account, mailbox, tenant, clientId, protocol],
  );
  const values = useMemo(() => extractTokens(input).tokens.map((t) => t.value), [input]);
  const inspection = useMemo(
    () => (input.trim() ? inspectInput(input, { expectations }) : undefined),
    [input, expectations],
  );
  // A ServiceNow background script's output: judged as proof from the product's own store, with the same accounts.
  const proof = useStoreProof(input, expectations);
  const current = inspection?.tokens[Math.min(selected, Math.max(0, inspection.tokens.length - 1))];

  return (
    <>
      <PageHeader
        title="Inspect a token"
        description="Paste a token in any form — a raw JWT, a Bearer header, a token response, a base64 XOAUTH2 string or a product's log line. It is decoded here, in this window; only “Verify signature” sends the token to the app."
      />
      <div className={styles.form}>
        <Field
          label="Token, Authorization header, token response, XOAUTH2 blob or log line"
          hint="Nothing is sent anywhere while you paste. The output of the ServiceNow verification script (Product session > Ask ServiceNow whose token it stored) is recognised too."
        >
          <Textarea
            className={styles.paste}
            value={text}
            onChange={(_e, d) => {
              setText(d.value.slice(0, MAX_INPUT_CHARS));
              setSelected(0);
            }}
            resize="vertical"
            rows={6}
            spellCheck={false}
            autoComplete="off"
          />
        </Field>
        <div className={styles.grid}>
          <Field label="Expected sign-in account" hint="For a shared mailbox: the delegate.">
            <Input value={account} onChange={(_e, d) => setAccount(d.value)} type="email" autoComplete="off" />
          </Field>
          <Field label="Mailbox" hint="The address the product opens (user=).">
            <Input value={mailbox} onChange={(_e, d) => setMailbox(d.value)} type="email" autoComplete="off" />
          </Field>
          <Field label="Directory (tenant) ID" hint="Or the tenant’s domain.">
            <Input value={tenant} onChange={(_e, d) => setTenant(d.value)} autoComplete="off" />
          </Field>
          <Field label="Application (client) ID" hint="The app registration the token was issued to.">
            <Input value={clientId} onChange={(_e, d) => setClientId(d.value)} autoComplete="off" />
          </Field>
          <Field label="Protocol" hint="What the token must work for.">
            <Select value={protocol} onChange={(_e, d) => setProtocol(PROTOCOLS.find((p) => p === d.value) ?? '')}>
              <option value="">Any (no protocol check)</option>
              {PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {PROTOCOL_LABELS[p]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </div>

      {proof && (
        <section className={styles.results} aria-label="Proof from the product">
          <Text className={styles.summary} role="status" data-testid="inspect-summary">
            Output of the product’s verification script found: judged from the product’s own token store.
          </Text>
          <StoreProofVerdict verdict={proof} />
        </section>
      )}
      {inspection && !(proof && inspection.tokens.length === 0) && (
        <section className={styles.results} aria-label="Inspection result">
          <Text className={styles.summary} role="status" data-testid="inspect-summary">
            {inspection.tokens.length === 0
              ? 'No token found.'
              : `${inspection.tokens.length} token${inspection.tokens.length === 1 ? '' : 's'} found · ${inspection.errorCount} error${inspection.errorCount === 1 ? '' : 's'} · ${inspection.warningCount} warning${inspection.warningCount === 1 ? '' : 's'}`}
            {inspection.xoauth2User !== undefined ? ` · XOAUTH2 user=${inspection.xoauth2User}` : ''}
          </Text>
          <FindingList findings={inspection.findings} label="Findings about the input" />
          {inspection.tokens.length > 0 && (
            <TabList
              className={styles.tabs}
              selectedValue={String(current?.index ?? 0)}
              onTabSelect={(_e, d) => setSelected(Number(d.value))}
              aria-label="Tokens found"
            >
              {inspection.tokens.map((t) => (
                <Tab key={t.index} value={String(t.index)}>
                  {`${t.index + 1} · ${tabLabel(t)}`}
                </Tab>
              ))}
            </TabList>
          )}
          {current && (
            <div role="tabpanel" aria-label={`Token ${current.index + 1}`}>
              <TokenPanel
                key={current.index}
                inspection={current}
                checkedAt={inspection.checkedAt}
                value={values[current.index] ?? ''}
                accountChecked={expectations.expectedAccount !== undefined || expectations.mailbox !== undefined}
              />
            </div>
          )}
          {current && canProbeWith(current) && (
            <TestMailboxPanel
              // A different token (even of the same length) starts with fresh rows; keys never reach the DOM.
              key={`${current.index}-${(values[current.index] ?? '').slice(-16)}`}
              token={values[current.index] ?? ''}
              // Like the authorize form: the mailbox is the sign-in account unless a shared one is named.
              mailbox={mailbox.trim() || account.trim()}
              cloud={cloudOf(current)}
            />
          )}
        </section>
      )}
    </>
  );
}
