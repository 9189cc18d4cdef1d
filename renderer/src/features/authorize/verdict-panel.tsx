// The verdict on an authorize run: one sentence (green or red), the facts behind it, every finding with
// its next step, and each token's claims with their meaning. Only claims and masked previews are here.
import {
  Badge,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useAfterNextFrame } from '../../after-frame';
import type { AuthorizeResult, TokenView } from '../../../../shared/authorize/schema';
import { verdictLevel, type VerdictLevel } from '../../../../shared/authorize/verdict';
import type { ProbeProtocol } from '../../../../shared/probes/schema';
import { claimRows, resourceOfAudience, type Resource } from '../../../../shared/tokens';
import { FieldSheet } from '../handover/field-sheet';
import { TestMailboxPanel } from '../probes/test-mailbox-panel';
import { cardStyle } from '../../components/card-style';
import { FindingList } from '../../components/finding-list';
import { VerdictBar, type Verdict } from '../../components/verdict-bar';

const useStyles = makeStyles({
  section: {
    ...cardStyle,
    marginBlock: tokens.spacingVerticalL,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  meaning: { color: tokens.colorNeutralForeground2 },
});

type ApiOf = Exclude<Resource, 'none'>;

/** Which API an access token is for, decided as everywhere else (shared resourceOfAudience). */
const resourceOf = (t: TokenView): ApiOf => resourceOfAudience(t.resource ?? '').resource;

const ACCESS_LABEL: Readonly<Record<ApiOf, string>> = {
  outlook: 'Access token (Outlook: IMAP/POP/SMTP)',
  graph: 'Access token (Microsoft Graph)',
  other: 'Access token',
};

const ROLE_LABEL: Readonly<Record<Exclude<TokenView['role'], 'access'>, string>> = {
  id: 'ID token',
  refresh: 'Refresh token',
};

const tokenLabel = (t: TokenView): string => (t.role === 'access' ? ACCESS_LABEL[resourceOf(t)] : ROLE_LABEL[t.role]);

/** Only the protocols this run holds a token for: Outlook → IMAP/POP/SMTP, Graph → Graph. */
/** The permission that lets each protocol in (Microsoft's "Authenticate an IMAP, POP or SMTP connection using OAuth"). */
const PROTOCOL_SCOPE: Readonly<Record<ProbeProtocol, RegExp>> = {
  imap: /(^|\/)IMAP\.AccessAsUser\.All$/i,
  pop: /(^|\/)POP\.AccessAsUser\.All$/i,
  smtp: /(^|\/)SMTP\.Send$/i,
  graph: /(^|\/)Mail\.(Read|ReadWrite|Send)(\.Shared)?$/i,
};

/**
 * What Test mailbox ticks first: a protocol the product uses (its permission was asked for in this run) and the run
 * holds permission for (it was granted), with a token for its resource. POP is not ticked for a product that reads
 * over IMAP, nor without POP.AccessAsUser.All.
 */
export function probeProtocolsOf(result: Pick<AuthorizeResult, 'tokens' | 'grantedScopes' | 'run'>): ProbeProtocol[] {
  const has = (r: ApiOf) => result.tokens.some((t) => t.role === 'access' && resourceOf(t) === r);
  const asked = result.run?.scopes ?? result.grantedScopes;
  const usable = (p: ProbeProtocol): boolean =>
    asked.some((s) => PROTOCOL_SCOPE[p].test(s)) && result.grantedScopes.some((s) => PROTOCOL_SCOPE[p].test(s));
  return [
    ...(has('outlook') ? (['imap', 'pop', 'smtp'] as const) : []),
    ...(has('graph') ? (['graph'] as const) : []),
  ].filter(usable);
}

/** Whether the PRODUCT, with its own scopes, gets a refresh token (this app's sign-in always asks for one). */
const REFRESH_TOKEN_TEXT: Readonly<Record<NonNullable<AuthorizeResult['productRefreshToken']>, string>> = {
  expected: 'Yes — its scopes include offline_access, so it can stay signed in',
  'not-requested': 'No — its scopes lack offline_access, so its mail access ends after about an hour',
  missing: 'None came back although offline_access was requested — check that permission and its consent',
};

function refreshTokenText(r: AuthorizeResult): string {
  return REFRESH_TOKEN_TEXT[r.productRefreshToken ?? (r.refreshTokenPresent ? 'expected' : 'missing')];
}

function ClaimsTable({ token }: { token: TokenView }) {
  const styles = useStyles();
  // Relative times ("expires in 59 min") are computed once per verdict shown.
  const [nowSeconds] = useState(() => Math.floor(Date.now() / 1000));
  if (!token.claims) {
    return (
      <p>
        This token is opaque to clients by design: {token.length} characters, shown as{' '}
        <span className={styles.mono}>{token.preview}</span>.
      </p>
    );
  }
  const rows = claimRows(token.claims, nowSeconds);
  return (
    <>
      <p>
        Masked: <span className={styles.mono}>{token.preview}</span> ({token.length} characters). Signature:{' '}
        <strong>{token.signature ?? 'unchecked'}</strong>
        {token.signatureReason ? ` — ${token.signatureReason}` : ''}
      </p>
      <Table size="small" aria-label={`Claims of the ${tokenLabel(token)}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Claim</TableHeaderCell>
            <TableHeaderCell>Value</TableHeaderCell>
            <TableHeaderCell>Meaning</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.name}>
              <TableCell className={styles.mono}>{r.name}</TableCell>
              <TableCell className={styles.mono}>
                {r.display}
                {r.time ? ` (${r.time.utc}, ${r.time.relative})` : ''}
              </TableCell>
              <TableCell className={styles.meaning}>{r.meaning}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** Green when Microsoft's checks passed, amber when only a custom authority vouches for the tokens, red otherwise. */
const PANEL_VERDICT: Readonly<Record<VerdictLevel, Verdict>> = {
  verified: 'ok',
  'custom-authority': 'check',
  failed: 'bad',
};

export function VerdictPanel({ result }: { result: AuthorizeResult }) {
  const styles = useStyles();
  // The access token first: it is what the product uses; the ID token only says who signed in.
  const [tab, setTab] = useState(() =>
    Math.max(
      0,
      result.tokens.findIndex((t) => t.role === 'access'),
    ),
  );
  const token = result.tokens[tab] ?? result.tokens[0];
  // The verdict, its facts and findings paint first; Test mailbox, the tokens' claims tables and the field sheet
  // (most of this panel's rendering: Fluent tables, tabs and forms) render once that frame is out. A background
  // render (useDeferredValue) was not enough: React ran it before the browser's next frame, and the frame laid all
  // of it out before the verdict showed (issue 22). Nothing is left out; it arrives a frame later.
  const details = useAfterNextFrame();
  return (
    <section
      className={styles.section}
      aria-labelledby="verdict-heading"
      data-verdict={PANEL_VERDICT[verdictLevel(result.verdict)]}
    >
      <h2 id="verdict-heading" className={styles.h2}>
        Verdict
      </h2>
      <VerdictBar
        verdict={PANEL_VERDICT[verdictLevel(result.verdict)]}
        title={result.verdict.sentence}
        data-verdict-code={result.verdict.code}
      >
        Next step: {result.verdict.nextStep}
      </VerdictBar>
      <dl className={styles.facts} aria-label="What came back">
        <dt className={styles.term}>Signed in as</dt>
        <dd className={styles.value} data-testid="signed-in-as">
          {result.signedInAs ?? '(no account in the tokens)'}
        </dd>
        <dt className={styles.term}>Mailbox</dt>
        <dd className={styles.value}>
          {result.mailbox}
          {result.delegateMode ? ' (shared mailbox, opened by the delegate)' : ''}
        </dd>
        <dt className={styles.term}>Directory (tenant) ID</dt>
        <dd className={`${styles.value} ${styles.mono}`}>{result.tenantId ?? '—'}</dd>
        <dt className={styles.term}>Application (client) ID</dt>
        <dd className={`${styles.value} ${styles.mono}`}>{result.clientId}</dd>
        <dt className={styles.term}>Permissions granted</dt>
        <dd className={styles.value}>
          {result.grantedScopes.map((s) => (
            <Badge key={s} appearance="outline" shape="rounded" style={{ marginRight: 4 }}>
              {s}
            </Badge>
          ))}
        </dd>
        <dt className={styles.term}>Refresh token for the product</dt>
        <dd className={styles.value}>{refreshTokenText(result)}</dd>
      </dl>
      {result.findings.length > 0 ? (
        <>
          <h3 className={styles.h2}>Findings</h3>
          <FindingList findings={result.findings} label="Findings about this run" />
        </>
      ) : null}
      {details ? (
        <>
          {/* Keyed by the token set: a new run starts with fresh rows. */}
          <TestMailboxPanel
            key={result.tokenSetId}
            tokenSetId={result.tokenSetId}
            mailbox={result.mailbox}
            cloud={result.run?.cloud ?? 'global'}
            initialProtocols={probeProtocolsOf(result)}
          />
          <h3 className={styles.h2} style={{ marginTop: 16 }}>
            Tokens
          </h3>
          <TabList
            selectedValue={tab}
            onTabSelect={(_e, d) => setTab(d.value as number)}
            aria-label="Tokens that came back"
          >
            {result.tokens.map((t, i) => (
              <Tab key={`${t.role}-${i}`} value={i}>
                {tokenLabel(t)}
              </Tab>
            ))}
          </TabList>
          {token ? <ClaimsTable token={token} /> : null}
          <FieldSheet source={{ tokenSetId: result.tokenSetId }} run={result.run} />
        </>
      ) : null}
    </section>
  );
}
