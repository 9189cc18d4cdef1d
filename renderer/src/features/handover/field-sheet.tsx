// The field sheet of an authorize run: the product's fields in its order and labels with the verified values,
// where each goes, and a copy button. Copy, export and report are main-process actions given the run's id
// and a field key; the secret and tokens are never in this component — only placeholders.
import {
  Badge,
  Button,
  Checkbox,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { RunConfig } from '../../../../shared/authorize/schema';
import type { FieldSheet as Sheet, SheetField } from '../../../../shared/handover/schema';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { cardStyle } from '../../components/card-style';

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
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
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
});

type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: AppError };

const secondsText = (ms: number): string => `${Math.round(ms / 1000)} s`;

function statusBadge(f: SheetField) {
  if (f.status === 'verified')
    return (
      <Badge color="success" appearance="tint">
        verified
      </Badge>
    );
  if (f.status === 'failed')
    return (
      <Badge color="danger" appearance="tint">
        failed a check
      </Badge>
    );
  if (f.status === 'missing')
    return (
      <Badge color="warning" appearance="tint">
        no value
      </Badge>
    );
  return (
    <Badge color="informative" appearance="tint">
      not verified
    </Badge>
  );
}

export function FieldSheet({ tokenSetId, run }: { tokenSetId: string; run?: RunConfig | undefined }) {
  const styles = useStyles();
  const [sheet, setSheet] = useState<Sheet | undefined>();
  const [loadError, setLoadError] = useState<AppError | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [tokenRisk, setTokenRisk] = useState(false);
  const [withSecret, setWithSecret] = useState(false);
  const [withRefresh, setWithRefresh] = useState(false);
  const [profileName, setProfileName] = useState('');
  const [profileSecret, setProfileSecret] = useState(false);

  useEffect(() => {
    let live = true;
    void api.handover.sheet({ tokenSetId }).then((r) => {
      if (!live) return;
      if (r.ok) setSheet(r.value);
      else setLoadError(r.error);
    });
    return () => {
      live = false;
    };
  }, [tokenSetId]);

  const copy = useCallback(
    async (field: SheetField, copyKey: string, override: boolean) => {
      const r = await api.handover.copy({
        tokenSetId,
        fieldKey: copyKey,
        ...(override ? { override: true } : {}),
        ...(field.kind === 'token' ? { acknowledgeTokenRisk: tokenRisk } : {}),
      });
      if (!r.ok) return setNotice({ kind: 'error', error: r.error });
      const clears =
        r.value.clearsInMs !== undefined
          ? ` The clipboard will be cleared in ${secondsText(r.value.clearsInMs)} if it still holds it.`
          : '';
      setNotice({
        kind: 'ok',
        text: `Copied ${field.label}${override ? ' (despite the failed check)' : ''}.${clears}`,
      });
    },
    [tokenSetId, tokenRisk],
  );

  const save = async (what: 'json' | 'env' | 'report', override = false) => {
    const r =
      what === 'report'
        ? await api.handover.report({ tokenSetId })
        : await api.handover.export({
            tokenSetId,
            format: what,
            includeClientSecret: withSecret,
            includeRefreshToken: withRefresh,
            ...(override ? { override: true } : {}),
          });
    if (!r.ok) return setNotice({ kind: 'error', error: r.error });
    if (!r.value.saved) return setNotice({ kind: 'ok', text: 'Not saved: the save dialog was cancelled.' });
    setNotice({
      kind: 'ok',
      text: `Saved ${r.value.path} (${r.value.bytes} bytes${r.value.mode ? `, mode ${r.value.mode}` : ''}).`,
    });
  };

  // Saves this run's config as a profile; the secret (when ticked) is taken from the run in main.
  const saveProfile = async () => {
    if (!run) return;
    const r = await api.profiles.save({
      name: profileName.trim(),
      config: run,
      secret: profileSecret ? { action: 'fromTokenSet', tokenSetId } : { action: 'keep' },
    });
    if (!r.ok) return setNotice({ kind: 'error', error: r.error });
    setNotice({
      kind: 'ok',
      text: `Saved profile “${r.value.name}”${r.value.hasSecret ? ' with its client secret (encrypted by the system)' : ' without the client secret'}.`,
    });
  };

  if (loadError) {
    return (
      <MessageBar intent="error" layout="multiline" data-error-code={loadError.code}>
        <MessageBarBody>
          <MessageBarTitle>The field sheet could not be built: {loadError.message}</MessageBarTitle>
          <div>Next step: {loadError.nextStep}</div>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!sheet) return null;

  // A finding that every checked field carries (e.g. the tokens belong to the wrong account) is about the
  // whole run: say it once above the table instead of in every row.
  const withFindings = sheet.fields.filter((f) => f.findings.some((x) => x.severity !== 'info'));
  const sheetWide =
    withFindings.length > 1
      ? (withFindings[0]?.findings ?? []).filter(
          (x) => x.severity !== 'info' && withFindings.every((f) => f.findings.some((y) => y.code === x.code)),
        )
      : [];
  const sheetWideCodes = new Set(sheetWide.map((x) => x.code));

  const rowsOf = (fields: readonly SheetField[], caption: string) => (
    <Table size="small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: '22%' }}>{sheet.productLabel} field</TableHeaderCell>
          <TableHeaderCell>Value</TableHeaderCell>
          <TableHeaderCell style={{ width: '28%' }}>Where it goes</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {fields.map((f) => (
          <TableRow key={f.key} data-field-key={f.key} data-field-status={f.status}>
            <TableCell>
              <div>
                <strong>{f.label}</strong>
              </div>
              {statusBadge(f)}
            </TableCell>
            <TableCell>
              {f.rows.length === 0 ? (
                <span className={styles.where}>
                  {f.kind === 'secret' ? 'Not held by the app: enter it on the Authorize page.' : '—'}
                </span>
              ) : null}
              {f.rows.map((r) => (
                <div key={r.copyKey} className={styles.value}>
                  <span className={styles.mono} data-copy-key={r.copyKey}>
                    {r.display}
                  </span>
                  <span>
                    {f.copyable ? (
                      <Button
                        size="small"
                        onClick={() => void copy(f, r.copyKey, false)}
                        aria-label={`Copy ${f.label}${f.rows.length > 1 ? ` row ${r.copyKey.split('.').pop() ?? ''}` : ''}`}
                        disabled={f.kind === 'token' && !tokenRisk}
                      >
                        Copy
                      </Button>
                    ) : (
                      <Button
                        size="small"
                        appearance="subtle"
                        onClick={() => void copy(f, r.copyKey, true)}
                        aria-label={`Copy anyway ${f.label}`}
                        disabled={f.kind === 'token' && !tokenRisk}
                      >
                        Copy anyway
                      </Button>
                    )}
                  </span>
                </div>
              ))}
              {f.findings
                .filter((x) => x.severity === 'info')
                .map((x, i) => (
                  // Notes (e.g. a host derived for the cloud) do not block: a quiet line, not an alert.
                  <div key={`info-${x.code}-${i}`} className={styles.where} data-finding-code={x.code}>
                    Note: {x.message}
                  </div>
                ))}
              {f.findings
                .filter((x) => x.severity !== 'info' && !sheetWideCodes.has(x.code))
                .map((x, i) => (
                  <MessageBar
                    key={`${x.code}-${i}`}
                    className={styles.finding}
                    intent={x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'info'}
                    layout="multiline"
                    data-finding-code={x.code}
                  >
                    <MessageBarBody>
                      {x.message} <span className={styles.mono}>{x.code}</span>
                      <div>Next step: {x.nextStep}</div>
                    </MessageBarBody>
                  </MessageBar>
                ))}
            </TableCell>
            <TableCell className={styles.where}>
              {f.where}
              {f.hint ? <div>{f.hint}</div> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

  return (
    <section className={styles.section} aria-labelledby="field-sheet-heading" data-sheet-status={sheet.status}>
      <h2 id="field-sheet-heading" className={styles.h2}>
        {sheet.productLabel} field sheet
      </h2>
      <MessageBar
        intent={sheet.status === 'verified' ? 'success' : sheet.status === 'lint-only' ? 'info' : 'error'}
        layout="multiline"
      >
        <MessageBarBody>
          <MessageBarTitle>{sheet.statusSentence}</MessageBarTitle>
          Values are copied by the app; the client secret and tokens are cleared from the clipboard after a short while.
          {sheetWide.map((x) => (
            <div key={x.code} data-finding-code={x.code}>
              {x.message} <span className={styles.mono}>{x.code}</span> Next step: {x.nextStep}
            </div>
          ))}
        </MessageBarBody>
      </MessageBar>
      <div role="status" aria-live="polite" className={styles.status} data-testid="handover-status">
        {notice?.kind === 'ok' ? notice.text : null}
      </div>
      {notice?.kind === 'error' ? (
        <MessageBar intent="error" layout="multiline" data-error-code={notice.error.code} role="alert">
          <MessageBarBody>
            <MessageBarTitle>{notice.error.message}</MessageBarTitle>
            <span className={styles.mono}> {notice.error.code}</span>
            <div>Next step: {notice.error.nextStep}</div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
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

      <h3 className={styles.h2}>Tokens (only for products and scripts that take them)</h3>
      <Checkbox
        checked={tokenRisk}
        onChange={(_e, d) => setTokenRisk(d.checked === true)}
        label="I understand: whoever holds an access or refresh token can read this mailbox until it expires or is revoked."
      />
      {rowsOf(sheet.tokens, 'Tokens')}

      <h3 className={styles.h2}>Export</h3>
      <div className={styles.actions}>
        <Checkbox
          checked={withSecret}
          onChange={(_e, d) => setWithSecret(d.checked === true)}
          label="Include the client secret"
        />
        <Checkbox
          checked={withRefresh}
          onChange={(_e, d) => setWithRefresh(d.checked === true)}
          label="Include the refresh token"
        />
      </div>
      <div className={styles.actions}>
        {/* An unverified sheet exports only by an explicit choice, and the file then says verified: false. */}
        <Button onClick={() => void save('json', sheet.status !== 'verified')}>
          {sheet.status === 'verified' ? 'Export JSON…' : 'Export JSON anyway (not verified)…'}
        </Button>
        <Button onClick={() => void save('env', sheet.status !== 'verified')}>
          {sheet.status === 'verified' ? 'Export .env…' : 'Export .env anyway (not verified)…'}
        </Button>
        <Button onClick={() => void save('report')}>Save diagnostic report…</Button>
      </div>

      {run ? (
        <>
          <h3 className={styles.h2}>Save as a profile</h3>
          <div className={styles.actions}>
            <Input
              aria-label="Profile name"
              placeholder="Profile name, e.g. ServiceNow production"
              value={profileName}
              onChange={(_e, d) => setProfileName(d.value)}
            />
            <Checkbox
              checked={profileSecret}
              onChange={(_e, d) => setProfileSecret(d.checked === true)}
              label="Also save the client secret (encrypted by the operating system)"
            />
            <Button onClick={() => void saveProfile()} disabled={profileName.trim() === ''}>
              Save profile
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
