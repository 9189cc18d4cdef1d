// Watch area: every saved connection's health — when its client secrets end (from its last audit) and how old a
// refresh token handed over from this app is — with what to do, as main computes it (watch.status). The app checks
// on its own when it starts and daily, and raises an OS notification 30, 7 and 1 days before something ends.
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { WatchConnection, WatchHealth } from '../../../../shared/watch/schema';
import { presetById } from '../../../../shared/presets';
import { api, useCall } from '../../api';
import { cardStyle } from '../../components/card-style';
import { CallStatus } from '../../components/call-status';
import { useFactStyles } from '../../components/fact-styles';
import { FactsTable } from '../../components/facts-table';
import { FindingList } from '../../components/finding-list';
import { PageHeader } from '../../components/page-header';

const useStyles = makeStyles({
  list: { display: 'grid', rowGap: tokens.spacingVerticalL, maxWidth: '72rem' },
  card: { ...cardStyle, display: 'grid', rowGap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXL,
    color: tokens.colorNeutralForeground2,
  },
  actions: { marginBottom: tokens.spacingVerticalL },
});

const HEALTH: Readonly<Record<WatchHealth, { color: 'success' | 'warning' | 'danger' | 'informative'; text: string }>> =
  {
    ok: { color: 'success', text: 'OK' },
    warning: { color: 'warning', text: 'Act soon' },
    expired: { color: 'danger', text: 'Expired' },
    unknown: { color: 'informative', text: 'Not audited' },
  };

const day = (iso: string | undefined): string => (iso === undefined ? 'never' : iso.slice(0, 10));

function Connection({ c }: { c: WatchConnection }) {
  const styles = useStyles();
  const fact = useFactStyles();
  const health = HEALTH[c.health];
  return (
    <section className={styles.card} aria-label={c.name} data-watch-profile={c.name} data-health={c.health}>
      <div className={styles.head}>
        <h2 className={fact.heading}>{c.name}</h2>
        <Badge appearance="filled" color={health.color}>
          {health.text}
        </Badge>
        <Text>
          {presetById(c.presetId).label}
          {c.mailbox ? ` · ${c.mailbox}` : ''}
        </Text>
      </div>
      <div className={styles.facts}>
        <Text size={200}>Last audit: {day(c.lastAuditedAt)}</Text>
        <Text size={200}>Last authorized here: {day(c.lastAuthorizedAt)}</Text>
        <Text size={200}>Refresh token handed over: {day(c.refreshTokenIssuedAt)}</Text>
      </div>
      {c.events.length > 0 ? (
        <FactsTable
          label={{ text: `What ends for ${c.name}` }}
          rows={c.events}
          rowKey={(e) => `${e.kind}-${e.key}`}
          rowData={(e) => ({ 'data-event': e.key, 'data-days-left': String(e.daysLeft) })}
          columns={[
            { header: 'What', cell: (e) => e.label },
            { header: 'Ends', cell: (e) => e.endsAt.slice(0, 10) },
            {
              header: 'Days left',
              cell: (e) => `${e.daysLeft > 0 ? e.daysLeft : 'ended'}${e.superseded ? ' (a newer one is valid)' : ''}`,
            },
          ]}
        />
      ) : null}
      <FindingList findings={c.findings} label={`Warnings for ${c.name}`} />
    </section>
  );
}

export function WatchPage() {
  const styles = useStyles();
  const status = useCall(api.watch.status);
  const { run } = status;
  useEffect(() => {
    void run({});
  }, [run]);
  return (
    <>
      <PageHeader
        title="Watch connections"
        description="When each saved connection will stop: its client secrets’ end dates from its last audit, and the age of a refresh token this app handed over (it dies after 90 days without use). The app checks when it starts and daily while open, and notifies you 30, 7 and 1 days before."
      />
      <div className={styles.actions}>
        <Button onClick={() => void run({})} disabled={status.state.status === 'running'}>
          Check again
        </Button>
      </div>
      <CallStatus state={status.state} label="Checking the saved connections" onRetry={() => void run({})} />
      {status.state.status === 'done' ? (
        status.state.value.connections.length === 0 ? (
          <Text>
            No saved profiles yet. Save a profile on the Authorize page, then audit it under Audit registration.
          </Text>
        ) : (
          <div className={styles.list}>
            {status.state.value.connections.map((c) => (
              <Connection key={c.profileId} c={c} />
            ))}
          </div>
        )
      ) : null}
    </>
  );
}
