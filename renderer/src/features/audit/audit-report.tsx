// An audit's answer as an admin reads it: one verdict line, the findings grouped under the field they are about (in
// the product's own field names), then the facts behind them — credentials with their end dates, API permissions
// with their consent, and which Graph reads were made with which permission.
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AuditCheck, AuditResult } from '../../../../shared/audit/schema';
import type { FieldKey } from '../../../../shared/diagnose/types';
import { countBySeverity } from '../../../../shared/findings';
import type { Preset, ValueSource } from '../../../../shared/presets';
import { cardStyle } from '../../components/card-style';
import { useFactStyles } from '../../components/fact-styles';
import { FactsTable } from '../../components/facts-table';
import { FindingList } from '../../components/finding-list';
import { VerdictBar, verdictOf } from '../../components/verdict-bar';

const useStyles = makeStyles({
  section: { ...cardStyle, marginBottom: tokens.spacingVerticalL, display: 'grid', rowGap: tokens.spacingVerticalM },
  group: { display: 'grid', rowGap: tokens.spacingVerticalS },
});

/** Each field a finding can sit at, in reading order, with the portal's name for what it is about. */
const FIELDS: readonly { key: FieldKey; source?: ValueSource; label: string }[] = [
  { key: 'secretExpiry', label: 'Client secrets and certificates (Certificates & secrets)' },
  { key: 'clientSecret', source: 'clientSecret', label: 'Client secret' },
  { key: 'redirectUri', source: 'redirectUri', label: 'Redirect URI (Authentication)' },
  { key: 'scopes', source: 'scopes', label: 'API permissions and admin consent' },
  { key: 'clientId', source: 'clientId', label: 'App registration and enterprise application' },
  { key: 'tenant', label: 'Supported account types' },
  { key: 'mailbox', source: 'mailbox', label: 'Mailbox' },
  { key: 'signInAccount', source: 'signInAccount', label: 'Account that signs in' },
];

const CHECK_BADGE: Readonly<
  Record<AuditCheck['status'], { color: 'success' | 'danger' | 'warning' | 'informative'; text: string }>
> = {
  ok: { color: 'success', text: 'read' },
  problems: { color: 'warning', text: 'read, problems' },
  denied: { color: 'danger', text: 'refused (403)' },
  'not-found': { color: 'danger', text: 'not found' },
  skipped: { color: 'informative', text: 'skipped' },
};

const day = (iso: string | undefined): string => (iso === undefined ? '—' : iso.slice(0, 10));
const count = (n: number, word: string): string => (n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`);

export function AuditReport({ result, preset }: { result: AuditResult; preset: Preset }) {
  const styles = useStyles();
  const fact = useFactStyles();
  const counts = countBySeverity(result.findings);
  const app = result.facts.application;
  const now = result.auditedAt;
  const productLabel = (source: ValueSource | undefined): string | undefined =>
    source === undefined ? undefined : preset.fields.find((f) => f.valueFrom === source)?.label;
  const verdict = verdictOf(result.findings, 'ok');
  return (
    <section className={styles.section} aria-labelledby="audit-result-heading" data-audit-result={verdict}>
      <h2 id="audit-result-heading" className={fact.heading}>
        Audit of {app?.displayName ?? 'the app registration'}
      </h2>
      <VerdictBar
        verdict={verdict}
        title={
          result.findings.length === 0
            ? 'Nothing found that would stop the mail.'
            : `${[count(counts.error, 'error'), count(counts.warning, 'warning'), count(counts.info, 'note')]
                .filter((x) => x !== '')
                .join(
                  ', ',
                )}${counts.error === 0 ? '.' : `: mail fails until ${counts.error === 1 ? 'the error is' : 'the errors are'} fixed.`}`
        }
      >
        Read as {result.signedInAs ?? 'the admin'} with {result.client.label} on {new Date(now).toLocaleString()}.
        {result.savedToProfile
          ? ` The end dates are kept in the profile “${result.savedToProfile.name}”: Watch warns 30, 7 and 1 days before they end.`
          : ''}
      </VerdictBar>

      {FIELDS.map((f) => {
        const findings = result.findings.filter((x) => x.field === f.key);
        if (findings.length === 0) return null;
        const product = productLabel(f.source);
        const title = product === undefined ? f.label : `${f.label} — ${preset.label}: “${product}”`;
        return (
          <div key={f.key} className={styles.group} data-audit-field={f.key}>
            <h3 className={fact.subheading}>{title}</h3>
            <FindingList findings={findings} label={`Findings about ${f.label}`} showField={false} />
          </div>
        );
      })}

      {app && app.credentials.length > 0 ? (
        <div className={styles.group}>
          <h3 className={fact.subheading}>Certificates & secrets</h3>
          <FactsTable
            label={{ text: 'Client secrets and certificates' }}
            rows={app.credentials}
            rowKey={(c) => c.keyId}
            rowData={(c) => ({ 'data-credential': c.keyId })}
            columns={[
              { header: 'Type', cell: (c) => (c.kind === 'secret' ? 'Client secret' : 'Certificate') },
              { header: 'Description', cell: (c) => c.description || '—' },
              { header: 'Secret ID', cell: (c) => c.keyId, className: fact.mono },
              {
                header: 'Expires',
                cell: (c) => (
                  <>
                    {day(c.endsAt)}{' '}
                    {c.endsAt !== undefined && Date.parse(c.endsAt) <= now ? (
                      <Badge color="danger" appearance="tint">
                        expired
                      </Badge>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </div>
      ) : null}

      {result.facts.permissions.length > 0 ? (
        <div className={styles.group}>
          <h3 className={fact.subheading}>API permissions</h3>
          <FactsTable
            label={{ text: 'API permissions' }}
            rows={result.facts.permissions}
            rowKey={(p) => `${p.api}/${p.name}/${p.type}`}
            columns={[
              { header: 'API / Permission', cell: (p) => `${p.api} / ${p.name}` },
              { header: 'Type', cell: (p) => p.type },
              {
                header: 'Status',
                cell: (p) =>
                  !p.configured
                    ? 'Not configured'
                    : p.granted === undefined
                      ? 'Not read'
                      : p.granted
                        ? 'Granted for the tenant'
                        : 'Not granted',
              },
              { header: `${preset.label} uses it`, cell: (p) => (p.needed ? 'Yes' : 'No') },
            ]}
          />
        </div>
      ) : null}

      <div className={styles.group}>
        <h3 className={fact.subheading}>Microsoft Graph reads</h3>
        <FactsTable
          label={{ text: 'Microsoft Graph reads' }}
          rows={result.checks}
          rowKey={(c) => c.id}
          rowData={(c) => ({ 'data-check': c.id, 'data-status': c.status })}
          columns={[
            {
              header: 'What',
              cell: (c) => (
                <>
                  {c.label}
                  <Text block size={200} className={`${fact.mono} ${fact.muted}`}>
                    {c.request}
                  </Text>
                </>
              ),
            },
            { header: 'Permission', cell: (c) => c.permission },
            {
              header: 'Result',
              cell: (c) => (
                <Badge appearance="tint" color={CHECK_BADGE[c.status].color}>
                  {CHECK_BADGE[c.status].text}
                </Badge>
              ),
            },
          ]}
        />
      </div>
    </section>
  );
}
