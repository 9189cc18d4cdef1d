// The settings main keeps (settings.get / settings.set): theme, sign-in time limit, clipboard clear delay, HTTP
// proxy with the parts that honour it, and the log folder with a button that opens it. Each change is sent on its
// own and main answers with the settings as saved, which is what the page then shows.
import {
  Badge,
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  SpinButton,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  CLIPBOARD_SECONDS,
  SIGN_IN_MINUTES,
  THEMES,
  type SettingsUpdate,
  type SettingsView,
  type Theme,
} from '../../../../shared/settings/schema';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { cardStyle } from '../../components/card-style';
import { setThemeChoice, type ColorScheme } from '../../theme';

const useStyles = makeStyles({
  section: { ...cardStyle, maxWidth: '72ch', marginBottom: tokens.spacingVerticalL },
  sectionTitle: { display: 'block', margin: `0 0 ${tokens.spacingVerticalM}`, fontWeight: tokens.fontWeightSemibold },
  grid: { display: 'grid', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  number: { width: '8rem' },
  proxy: { minWidth: '22rem', flexGrow: 1 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  note: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXXS },
  list: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  saved: { minHeight: '1.5em' },
});

const THEME_LABEL: Readonly<Record<Theme, string>> = {
  system: 'Follow my system',
  light: 'Light',
  dark: 'Dark',
};

export function AppSettings({ systemScheme }: { systemScheme: ColorScheme }) {
  const styles = useStyles();
  const [view, setView] = useState<SettingsView | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [saved, setSaved] = useState<{ where: string; text: string }>({ where: '', text: '' });
  const [proxy, setProxy] = useState('');
  const [logNote, setLogNote] = useState('');

  useEffect(() => {
    let live = true;
    void api.settings.get({}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setView(r.value);
      setProxy(r.value.settings.proxyUrl);
    });
    return () => {
      live = false;
    };
  }, []);

  /** Sends one change; "Saved" is said in the section the change came from, next to its control. */
  const change = async (update: SettingsUpdate, what: string, where: string): Promise<void> => {
    setSaved({ where: '', text: '' });
    const r = await api.settings.set(update);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(undefined);
    setView(r.value);
    setThemeChoice(r.value.settings.theme);
    setSaved({ where, text: `${what} saved.` });
  };

  const openLog = async (): Promise<void> => {
    setLogNote('');
    const r = await api.settings.openLogFolder({});
    if (!r.ok) return setError(r.error);
    setLogNote(`Opened ${r.value.folder} in your file manager.`);
  };

  const s = view?.settings;
  // Only drawn when there is something to say, so the page holds no empty status regions.
  const savedLine = (where: string) =>
    saved.where === where && saved.text !== '' ? (
      <Text as="p" role="status" className={styles.saved}>
        {saved.text}
      </Text>
    ) : null;
  return (
    <>
      {view?.notice ? <ErrorBar error={view.notice} intent="warning" /> : null}
      {error ? <ErrorBar error={error} onDismiss={() => setError(undefined)} /> : null}
      <section className={styles.section} aria-labelledby="settings-appearance">
        <Text id="settings-appearance" as="h2" size={400} className={styles.sectionTitle}>
          Appearance
        </Text>
        <Field label="Theme">
          <RadioGroup
            layout="horizontal"
            value={s?.theme ?? 'system'}
            disabled={s === undefined}
            onChange={(_e, d) => {
              const theme = THEMES.find((t) => t === d.value);
              if (theme) void change({ theme }, 'Theme', 'appearance');
            }}
          >
            {THEMES.map((t) => (
              <Radio key={t} value={t} label={THEME_LABEL[t]} />
            ))}
          </RadioGroup>
        </Field>
        <Text size={200} className={styles.note}>
          Your system is set to{' '}
          <Badge appearance="tint" color="brand" data-testid="color-scheme">
            {systemScheme === 'dark' ? 'Dark' : 'Light'}
          </Badge>
          ; with “Follow my system” the app switches when it does.
        </Text>
        {savedLine('appearance')}
      </section>

      <section className={styles.section} aria-labelledby="settings-limits">
        <Text id="settings-limits" as="h2" size={400} className={styles.sectionTitle}>
          Sign-in and clipboard
        </Text>
        <div className={styles.grid}>
          <Field
            label="Sign-in time limit (minutes)"
            hint={`How long the clean sign-in window waits for you before the authorization stops (${SIGN_IN_MINUTES.min}–${SIGN_IN_MINUTES.max}).`}
          >
            <SpinButton
              className={styles.number}
              disabled={s === undefined}
              min={SIGN_IN_MINUTES.min}
              max={SIGN_IN_MINUTES.max}
              value={s?.signInTimeLimitMinutes ?? null}
              onChange={(_e, d) => {
                const v = d.value ?? Number(d.displayValue);
                if (Number.isInteger(v) && v >= SIGN_IN_MINUTES.min && v <= SIGN_IN_MINUTES.max)
                  void change({ signInTimeLimitMinutes: v }, 'Sign-in time limit', 'limits');
              }}
            />
          </Field>
          <Field
            label="Clear a copied secret after (seconds)"
            hint={`A client secret copied from the field sheet is removed from the clipboard after this long (${CLIPBOARD_SECONDS.min}–${CLIPBOARD_SECONDS.max}).`}
          >
            <SpinButton
              className={styles.number}
              disabled={s === undefined}
              min={CLIPBOARD_SECONDS.min}
              max={CLIPBOARD_SECONDS.max}
              step={5}
              value={s?.clipboardClearSeconds ?? null}
              onChange={(_e, d) => {
                const v = d.value ?? Number(d.displayValue);
                if (Number.isInteger(v) && v >= CLIPBOARD_SECONDS.min && v <= CLIPBOARD_SECONDS.max)
                  void change({ clipboardClearSeconds: v }, 'Clipboard delay', 'limits');
              }}
            />
          </Field>
        </div>
        {savedLine('limits')}
      </section>

      <section className={styles.section} aria-labelledby="settings-network">
        <Text id="settings-network" as="h2" size={400} className={styles.sectionTitle}>
          Network
        </Text>
        <form
          className={styles.row}
          onSubmit={(e) => {
            e.preventDefault();
            void change({ proxyUrl: proxy.trim() }, proxy.trim() === '' ? 'Direct connection' : 'Proxy', 'network');
          }}
        >
          <Field
            className={styles.proxy}
            label="HTTP proxy"
            hint="For example http://proxy.contoso.com:8080. Leave empty to connect directly."
          >
            <Input
              value={proxy}
              disabled={s === undefined}
              onChange={(_e, d) => setProxy(d.value)}
              className={styles.mono}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Button type="submit" disabled={s === undefined}>
            Save proxy
          </Button>
        </form>
        {savedLine('network')}
        {view ? (
          <>
            <Text size={200} className={styles.note}>
              Goes through the proxy:
            </Text>
            <ul className={styles.list}>
              {view.proxyUsedBy.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
            <Text size={200} className={styles.note}>
              Connects directly:
            </Text>
            <ul className={styles.list}>
              {view.proxyNotUsedBy.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className={styles.section} aria-labelledby="settings-log">
        <Text id="settings-log" as="h2" size={400} className={styles.sectionTitle}>
          Log file
        </Text>
        {view?.logFolder === undefined ? (
          <Text>This copy of the app writes no log file.</Text>
        ) : (
          <div className={styles.row}>
            <Text className={styles.mono} data-testid="log-folder">
              {view.logFolder}
            </Text>
            <Button onClick={() => void openLog()}>Open log folder</Button>
          </div>
        )}
        {logNote === '' ? null : (
          <Text role="status" className={styles.note}>
            {logNote}
          </Text>
        )}
      </section>
    </>
  );
}
