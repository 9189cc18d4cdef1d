// The field sheet of an authorize run (or of an app-only run: no tokens, sign-in-only rows marked not used): the product's fields in its order and labels with the verified values,
// where each goes, and a copy button. Copy, export and report are main-process actions given the run's id
// and a field key; the secret and tokens are never in this component — only placeholders. Whether a secret, a
// token or a value that failed a check may be copied is asked by main in its own dialog, not here.
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RunConfig } from '../../../../shared/authorize/schema';
import type { FieldSheet as Sheet, SheetField, SheetFinding } from '../../../../shared/handover/schema';
import type { AppError } from '../../../../shared/result';
import { CUSTOM_AUTHORITY_CODES } from '../../../../shared/authorize/verdict';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { cardStyle } from '../../components/card-style';
import { FindingList } from '../../components/finding-list';
import { VerdictBar, type Verdict } from '../../components/verdict-bar';

const useStyles = makeStyles({
  section: {
    ...cardStyle,
    marginBlock: tokens.spacingVerticalL,
  },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  h3: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: `${tokens.spacingVerticalXXL} 0 ${tokens.spacingVerticalS}`,
  },
  // URLs break at their slashes and dots (<wbr> in breakable()); mid-word only when one part alone is too wide.
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'break-word' },
  place: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    justifyContent: 'space-between',
    paddingBlock: '2px',
  },
  finding: { marginTop: tokens.spacingVerticalXS },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginTop: tokens.spacingVerticalM,
  },
  status: { minHeight: '1.5em', marginTop: tokens.spacingVerticalS },
  // Next to the Copy button that did it, so the admin sees it where they clicked.
  rowStatus: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  profile: {
    display: 'grid',
    gridTemplateColumns: 'minmax(22rem, 28rem)',
    gap: tokens.spacingVerticalS,
    justifyItems: 'start',
  },
  profileName: { width: '100%' },
  // "Copy anyway" is a real button (outlined), never plain text, and never wraps inside itself.
  anyway: { whiteSpace: 'nowrap', flexShrink: 0 },
});

/** Where a notice belongs: next to the Copy button of one row, the Export buttons, or Save profile. */
type NoticeAt = `copy:${string}` | 'export' | 'profile';
type Notice = ({ kind: 'ok'; text: string; copied?: boolean } | { kind: 'error'; error: AppError }) & {
  readonly at: NoticeAt;
};

/** A Copy button reads "Copied" this long after it worked (the sentence beside it stays until the next action). */
const COPIED_LABEL_MS = 4_000;

/** A long value (a URL, a scope URI) with break opportunities after its slashes, dots and query marks. */
function breakable(value: string): ReactNode {
  const parts = value.split(/(?<=[/.?&=])/);
  return parts.length === 1
    ? value
    : parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ));
}

const secondsText = (ms: number): string => `${Math.round(ms / 1000)} s`;

// Records over the schema's unions: a new status is a type error here until it has its badge and its verdict.
const FIELD_BADGE: Readonly<
  Record<SheetField['status'], { color: 'success' | 'danger' | 'warning' | 'informative'; label: string }>
> = {
  verified: { color: 'success', label: 'verified' },
  failed: { color: 'danger', label: 'failed a check' },
  missing: { color: 'warning', label: 'no value' },
  unverified: { color: 'informative', label: 'not verified' },
  'not-tested': { color: 'informative', label: 'not tested yet' },
  'not-used': { color: 'informative', label: 'not used (app-only)' },
};

const SHEET_VERDICT: Readonly<Record<Sheet['status'], Verdict>> = {
  verified: 'ok',
  'failed-checks': 'bad',
  'not-verified': 'bad',
  'lint-only': 'note',
};

/** Which run the sheet is of: a delegated run's token set, or an app-only run main keeps (no tokens, no refresh). */
export type SheetSource = { readonly tokenSetId: string } | { readonly appOnlyRunId: string };

export function FieldSheet({ source, run }: { source: SheetSource; run?: RunConfig | undefined }) {
  const tokenSetId = 'tokenSetId' in source ? source.tokenSetId : undefined;
  const appOnlyRunId = 'appOnlyRunId' in source ? source.appOnlyRunId : undefined;
  const ids = tokenSetId !== undefined ? { tokenSetId } : { appOnlyRunId: appOnlyRunId ?? '' };
  const styles = useStyles();
  const [sheet, setSheet] = useState<Sheet | undefined>();
  const [loadError, setLoadError] = useState<AppError | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [withSecret, setWithSecret] = useState(false);
  const [withRefresh, setWithRefresh] = useState(false);
  const [profileName, setProfileName] = useState('');
  const [profileSecret, setProfileSecret] = useState(false);
  const [copiedKey, setCopiedKey] = useState<string | undefined>();

  // The Copy button goes back to "Copy" after a moment, so a second copy reads as a new one.
  useEffect(() => {
    if (copiedKey === undefined) return;
    const t = setTimeout(() => setCopiedKey(undefined), COPIED_LABEL_MS);
    return () => clearTimeout(t);
  }, [copiedKey]);

  useEffect(() => {
    let live = true;
    void api.handover.sheet(tokenSetId !== undefined ? { tokenSetId } : { appOnlyRunId }).then((r) => {
      if (!live) return;
      if (r.ok) setSheet(r.value);
      else setLoadError(r.error);
    });
    return () => {
      live = false;
    };
  }, [tokenSetId, appOnlyRunId]);

  const copy = useCallback(
    async (field: SheetField, copyKey: string) => {
      const at: NoticeAt = `copy:${copyKey}`;
      const r = await api.handover.copy(
        tokenSetId !== undefined ? { tokenSetId, fieldKey: copyKey } : { appOnlyRunId, fieldKey: copyKey },
      );
      if (!r.ok) return setNotice({ at, kind: 'error', error: r.error });
      if (!r.value.copied)
        return setNotice({ at, kind: 'ok', text: `Not copied: you cancelled copying ${field.label}.` });
      const clears =
        r.value.clearsInMs !== undefined
          ? ` The clipboard will be cleared in ${secondsText(r.value.clearsInMs)} if it still holds it.`
          : '';
      setNotice({
        at,
        kind: 'ok',
        copied: true,
        text: `Copied ${field.label}${r.value.overridden ? ' (despite the failed check)' : ''}.${clears}`,
      });
      setCopiedKey(copyKey);
    },
    [tokenSetId, appOnlyRunId],
  );

  const save = async (what: 'json' | 'env' | 'report', override = false) => {
    const r =
      what === 'report'
        ? await api.handover.report({ tokenSetId })
        : await api.handover.export({
            ...ids,
            format: what,
            includeClientSecret: withSecret,
            includeRefreshToken: withRefresh && sheet?.mode !== 'app-only',
            ...(override ? { override: true } : {}),
          });
    if (!r.ok) return setNotice({ at: 'export', kind: 'error', error: r.error });
    if (!r.value.saved)
      return setNotice({ at: 'export', kind: 'ok', text: 'Not saved: the save dialog was cancelled.' });
    setNotice({
      at: 'export',
      kind: 'ok',
      text: `Saved ${r.value.path} (${r.value.bytes} bytes${r.value.mode ? `, mode ${r.value.mode}` : ''}).`,
    });
  };

  // Saves this run's config as a profile; the secret (when ticked) is taken from the run in main.
  const saveProfile = async () => {
    if (!run || tokenSetId === undefined) return;
    const r = await api.profiles.save({
      name: profileName.trim(),
      config: run,
      secret: profileSecret ? { action: 'fromTokenSet', tokenSetId } : { action: 'keep' },
    });
    if (!r.ok) return setNotice({ at: 'profile', kind: 'error', error: r.error });
    setNotice({
      at: 'profile',
      kind: 'ok',
      text: `Saved profile “${r.value.name}”${r.value.hasSecret ? ' with its client secret (encrypted by the system)' : ' without the client secret'}.`,
    });
  };

  if (loadError) return <ErrorBar error={loadError} what="The field sheet could not be built" />;
  if (!sheet) return null;
  // App-only: the product mints its own tokens with client credentials; none is kept, and there is no refresh token.
  const appOnly = sheet.mode === 'app-only';
  // Checked only against a custom authority (delegated or app-only), or an app that can read every mailbox: amber.
  const sheetVerdict: Verdict =
    sheet.status === 'verified' &&
    (CUSTOM_AUTHORITY_CODES.some((c) => c === sheet.verdictCode) ||
      (appOnly &&
        (sheet.verdictCode === 'CUSTOM_AUTHORITY_APP_ONLY' || sheet.notes.some((n) => n.id === 'app-only-scope'))))
      ? 'check'
      : SHEET_VERDICT[sheet.status];

  // Say once, above the table, what would otherwise repeat in row after row: a finding that every checked field
  // carries (e.g. the tokens belong to the wrong account) is about the whole run, and a note with the same words
  // in several rows (e.g. the mail hosts a custom authority does not publish) reads once as well as four times.
  const withFindings = sheet.fields.filter((f) => f.findings.some((x) => x.severity !== 'info'));
  const sheetWide =
    withFindings.length > 1
      ? (withFindings[0]?.findings ?? []).filter(
          (x) => x.severity !== 'info' && withFindings.every((f) => f.findings.some((y) => y.code === x.code)),
        )
      : [];
  const sheetWideCodes = new Set(sheetWide.map((x) => x.code));
  const noteKey = (x: SheetFinding): string => `${x.code}\n${x.message}`;
  const notesByKey = new Map<string, { note: SheetFinding; rows: number }>();
  for (const f of [...sheet.fields, ...sheet.tokens])
    for (const x of f.findings)
      if (x.severity === 'info') {
        const seen = notesByKey.get(noteKey(x));
        notesByKey.set(noteKey(x), { note: seen?.note ?? x, rows: (seen?.rows ?? 0) + 1 });
      }
  const repeatedNotes = [...notesByKey.values()].filter((n) => n.rows > 1).map((n) => n.note);
  const saidAbove = (x: SheetFinding): boolean =>
    x.severity === 'info' ? (notesByKey.get(noteKey(x))?.rows ?? 0) > 1 : sheetWideCodes.has(x.code);

  /** The notice of one action site (a row's Copy, Export, Save profile), drawn beside the button that did it. */
  const statusAt = (at: NoticeAt, className: string) => {
    const mine = notice?.at === at ? notice : undefined;
    return (
      <>
        <div
          role="status"
          aria-live="polite"
          className={className}
          data-testid={mine?.kind === 'ok' ? 'handover-status' : undefined}
        >
          {mine?.kind === 'ok' ? mine.text : null}
        </div>
        {mine?.kind === 'error' ? <ErrorBar error={mine.error} /> : null}
      </>
    );
  };

  // Fields that go to the same place in the product follow each other: that place is said once, as a row across the
  // table above them, and the third column keeps only what is particular to each field.
  const groupsOf = (fields: readonly SheetField[]) => {
    const groups: { where: string; fields: SheetField[] }[] = [];
    for (const f of fields) {
      const last = groups.at(-1);
      if (last && last.where === f.where) last.fields.push(f);
      else groups.push({ where: f.where, fields: [f] });
    }
    return groups;
  };

  const rowsOf = (fields: readonly SheetField[], caption: string) => (
    <Table size="small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: '24%' }}>{sheet.productLabel} field</TableHeaderCell>
          <TableHeaderCell>Value</TableHeaderCell>
          <TableHeaderCell style={{ width: '26%' }}>Note</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {groupsOf(fields).map((g) => (
          <Fragment key={`${g.where}:${g.fields[0]?.key ?? ''}`}>
            <TableRow className={styles.place} data-where={g.where}>
              <TableCell colSpan={3}>
                {/* Tokens have no place in the product's forms: their line says who takes them instead. */}
                {g.fields[0]?.kind === 'token' ? (
                  g.where
                ) : (
                  <>
                    <span>In {sheet.productLabel}: </span>
                    <strong>{g.where}</strong>
                  </>
                )}
              </TableCell>
            </TableRow>
            {g.fields.map((f) => (
              <TableRow key={f.key} data-field-key={f.key} data-field-status={f.status}>
                <TableCell>
                  <div>
                    <strong>{f.label}</strong>
                  </div>
                  {/* A name the admin chooses or a fixed option is shown as given: nothing to verify there. */}
                  {f.kind === 'fixed' ? null : (
                    <Badge color={FIELD_BADGE[f.status].color} appearance="tint">
                      {FIELD_BADGE[f.status].label}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  {f.rows.length === 0 ? (
                    <span className={styles.where}>
                      {f.kind === 'secret' ? 'Not held by the app: enter it on the Authorize page.' : '—'}
                    </span>
                  ) : null}
                  {f.rows.map((r) => (
                    <div key={r.copyKey}>
                      <div className={styles.value}>
                        <span className={styles.mono} data-copy-key={r.copyKey}>
                          {breakable(r.display)}
                        </span>
                        <span>
                          {f.copyable ? (
                            <Button
                              size="small"
                              onClick={() => void copy(f, r.copyKey)}
                              aria-label={`Copy ${f.label}${f.rows.length > 1 ? ` row ${r.copyKey.split('.').pop() ?? ''}` : ''}`}
                            >
                              {copiedKey === r.copyKey
                                ? 'Copied'
                                : f.kind === 'token' || f.kind === 'secret'
                                  ? 'Copy…'
                                  : 'Copy'}
                            </Button>
                          ) : (
                            <Button
                              size="small"
                              appearance="secondary"
                              onClick={() => void copy(f, r.copyKey)}
                              aria-label={`Copy anyway ${f.label}`}
                              className={styles.anyway}
                            >
                              {copiedKey === r.copyKey ? 'Copied' : 'Copy anyway…'}
                            </Button>
                          )}
                        </span>
                      </div>
                      {statusAt(`copy:${r.copyKey}`, styles.rowStatus)}
                    </div>
                  ))}
                  <FindingList
                    className={styles.finding}
                    findings={f.findings.filter((x) => !saidAbove(x))}
                    label={`Findings about ${f.label}`}
                    showField={false}
                    showCode={!appOnly}
                  />
                </TableCell>
                <TableCell className={styles.where}>{f.hint ?? null}</TableCell>
              </TableRow>
            ))}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );

  return (
    <section className={styles.section} aria-labelledby="field-sheet-heading" data-sheet-status={sheet.status}>
      <h2 id="field-sheet-heading" className={styles.h2}>
        {sheet.productLabel} field sheet
      </h2>
      <VerdictBar verdict={sheetVerdict} data-sheet-verdict={sheetVerdict} title={sheet.statusSentence}>
        Values are copied by the app. It asks you first before copying the client secret, a token or a value that failed
        a check, and clears the secret and tokens from the clipboard after a short while.
      </VerdictBar>
      <FindingList
        className={styles.finding}
        findings={[...sheetWide, ...repeatedNotes]}
        label="Findings about the whole run"
        showCode={!appOnly}
      />
      {rowsOf(sheet.fields, `${sheet.productLabel} fields`)}
      {sheet.notes.length > 0 ? (
        <ul aria-label="Product notes">
          {sheet.notes.map((n) => (
            <li key={n.id}>
              {n.severity === 'warning' ? <strong>Note: </strong> : null}
              {n.text}
            </li>
          ))}
        </ul>
      ) : null}

      {appOnly ? (
        <p className={styles.where}>
          No tokens are handed over in app-only mode: {sheet.productLabel} gets its own from the token URL with the
          client ID and secret (or certificate), and there is no refresh token.
        </p>
      ) : (
        <>
          <h3 className={styles.h3}>Tokens (only for products and scripts that take them)</h3>
          <p className={styles.where}>
            Whoever holds an access or refresh token can read this mailbox until it expires or is revoked; the app asks
            you to confirm before it copies one.
          </p>
          {rowsOf(sheet.tokens, 'Tokens')}
        </>
      )}

      <h3 className={styles.h3}>Export</h3>
      <div className={styles.actions}>
        <Checkbox
          checked={withSecret}
          onChange={(_e, d) => setWithSecret(d.checked === true)}
          label="Include the client secret"
        />
        {appOnly ? null : (
          <Checkbox
            checked={withRefresh}
            onChange={(_e, d) => setWithRefresh(d.checked === true)}
            label="Include the refresh token"
          />
        )}
      </div>
      <div className={styles.actions}>
        {/* An unverified sheet exports only by an explicit choice, and the file then says verified: false. */}
        <Button onClick={() => void save('json', sheet.status !== 'verified')}>
          {sheet.status === 'verified' ? 'Export JSON…' : 'Export JSON anyway (not verified)…'}
        </Button>
        <Button onClick={() => void save('env', sheet.status !== 'verified')}>
          {sheet.status === 'verified' ? 'Export .env…' : 'Export .env anyway (not verified)…'}
        </Button>
        {/* The diagnostic report is of a delegated run (its sign-in and tokens); an app-only run's is on its panel. */}
        {appOnly ? null : <Button onClick={() => void save('report')}>Save diagnostic report…</Button>}
      </div>
      {statusAt('export', styles.status)}

      {run && tokenSetId !== undefined ? (
        <section aria-labelledby="save-profile-heading">
          <h3 id="save-profile-heading" className={styles.h3}>
            Save as a profile
          </h3>
          <p className={styles.where}>
            Keep this run’s values (not its tokens) under a name, to authorize again later without typing them.
          </p>
          <div className={styles.profile}>
            <Field label="Profile name" className={styles.profileName}>
              <Input
                placeholder="e.g. ServiceNow production"
                value={profileName}
                onChange={(_e, d) => setProfileName(d.value)}
              />
            </Field>
            <Checkbox
              checked={profileSecret}
              onChange={(_e, d) => setProfileSecret(d.checked === true)}
              label="Also save the client secret (encrypted by the operating system)"
            />
            <Button onClick={() => void saveProfile()} disabled={profileName.trim() === ''}>
              Save profile
            </Button>
          </div>
          {statusAt('profile', styles.status)}
        </section>
      ) : null}
    </section>
  );
}
