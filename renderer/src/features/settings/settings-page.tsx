// Settings area: the theme, how long a sign-in window may stay open, how long a copied secret stays on the clipboard,
// an HTTP proxy (and which parts honour it), the log folder, the saved profiles (rename, delete with their secret,
// last used) and what this build is. Main keeps and applies every setting; this page only shows and changes them.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { AppInfo } from '../../../../shared/contract';
import { api, useCall } from '../../api';
import { CallStatus } from '../../components/call-status';
import { PageHeader } from '../../components/page-header';
import { useSystemColorScheme } from '../../theme';
import { cardStyle } from '../../components/card-style';
import { AppSettings } from './app-settings';
import { ProfilesSettings } from './profiles-settings';

const useStyles = makeStyles({
  section: {
    ...cardStyle,
    maxWidth: '72ch',
    marginBottom: tokens.spacingVerticalL,
  },
  sectionTitle: { display: 'block', margin: `0 0 ${tokens.spacingVerticalM}`, fontWeight: tokens.fontWeightSemibold },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  note: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXXS },
});

const RUNTIME_NOTES: Record<AppInfo['runtime'], string> = {
  electron: 'The desktop app.',
  harness: 'The test harness: this renderer in Chromium, with the app services bound by Playwright.',
  node: 'Plain Node (command line).',
};

const PLATFORM_NAMES: Record<AppInfo['platform'], string> = {
  win32: 'Windows',
  darwin: 'macOS',
  linux: 'Linux',
  other: 'Other',
};

function AboutFacts({ info }: { info: AppInfo }) {
  const styles = useStyles();
  const versions = Object.entries(info.versions).sort(([a], [b]) => a.localeCompare(b));
  return (
    <dl className={styles.facts} aria-label="About this build">
      <dt className={styles.term}>Product</dt>
      <dd className={styles.value}>{info.name}</dd>
      <dt className={styles.term}>Version</dt>
      <dd className={styles.value} data-testid="app-version">
        {info.version}
      </dd>
      <dt className={styles.term}>Platform</dt>
      <dd className={styles.value}>{PLATFORM_NAMES[info.platform]}</dd>
      <dt className={styles.term}>Runtime</dt>
      <dd className={styles.value}>
        {info.runtime}
        <Text size={200} className={styles.note}>
          {RUNTIME_NOTES[info.runtime]}
        </Text>
      </dd>
      <dt className={styles.term}>Components</dt>
      <dd className={`${styles.value} ${styles.mono}`}>
        {versions.length === 0 ? 'none reported' : versions.map(([k, v]) => `${k} ${v}`).join(' · ')}
      </dd>
      <dt className={styles.term}>Clouds</dt>
      <dd className={styles.value}>{info.clouds.map((c) => c.label).join(', ')}</dd>
    </dl>
  );
}

export function SettingsPage() {
  const styles = useStyles();
  const scheme = useSystemColorScheme();
  const info = useCall(api.app.info);
  const { run } = info;

  useEffect(() => {
    void run({});
  }, [run]);

  return (
    <>
      <PageHeader
        title="Settings"
        description="Appearance, time limits, network proxy, the log folder, saved profiles, and what this build is."
      />
      <AppSettings systemScheme={scheme} />
      <ProfilesSettings />
      <section className={styles.section} aria-labelledby="settings-about">
        <Text id="settings-about" as="h2" size={400} className={styles.sectionTitle}>
          About this build
        </Text>
        <CallStatus state={info.state} label="Reading app information" onRetry={() => void run({})} />
        {info.state.status === 'done' ? <AboutFacts info={info.state.value} /> : null}
      </section>
    </>
  );
}
