// Saved profiles in Settings: each with its product, Directory (tenant) ID, whether a client secret is saved with it,
// and when it was last used to authorize; rename one, or delete it (its sealed secret is destroyed with it, in main).
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ProfileView } from '../../../../shared/profiles/profile';
import type { AppError } from '../../../../shared/result';
import { presetById } from '../../../../shared/presets';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { cardStyle } from '../../components/card-style';

const useStyles = makeStyles({
  section: { ...cardStyle, maxWidth: '72ch', marginBottom: tokens.spacingVerticalL },
  sectionTitle: { display: 'block', margin: `0 0 ${tokens.spacingVerticalM}`, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  item: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  // Its own line under the name (Fluent's Text is inline even as a <p>).
  facts: { display: 'block', margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  status: { minHeight: '1.5em', marginTop: tokens.spacingVerticalS },
});

const when = (iso: string | undefined): string => (iso === undefined ? 'never' : new Date(iso).toLocaleString());

function ProfileItem({ p, onChanged }: { p: ProfileView; onChanged: (text: string, error?: AppError) => void }) {
  const styles = useStyles();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(p.name);
  const [confirming, setConfirming] = useState(false);

  const rename = async (): Promise<void> => {
    const r = await api.profiles.rename({ id: p.id, name: name.trim() });
    if (!r.ok) return onChanged('', r.error);
    setRenaming(false);
    onChanged(`Renamed “${p.name}” to “${r.value.name}”.`);
  };
  const remove = async (): Promise<void> => {
    const r = await api.profiles.delete({ id: p.id });
    if (!r.ok) return onChanged('', r.error);
    onChanged(
      r.value.deleted
        ? `Deleted “${p.name}”${p.hasSecret ? ' and its saved client secret' : ''}.`
        : `“${p.name}” was already gone.`,
    );
  };

  return (
    <li className={styles.item} data-profile={p.name}>
      <div>
        <Text weight="semibold">{p.name}</Text>
        <Text as="p" size={200} className={styles.facts}>
          {presetById(p.config.presetId).label} · Directory (tenant) ID {p.config.tenant} ·{' '}
          {p.hasSecret ? 'client secret saved' : 'no client secret saved'} · last used {when(p.lastUsedAt)}
        </Text>
      </div>
      <div className={styles.actions}>
        {renaming ? (
          <form
            className={styles.actions}
            onSubmit={(e) => {
              e.preventDefault();
              void rename();
            }}
          >
            <Field label="New name">
              <Input value={name} onChange={(_e, d) => setName(d.value)} autoFocus />
            </Field>
            <Button type="submit" appearance="primary" disabled={name.trim() === ''}>
              Save name
            </Button>
            <Button onClick={() => setRenaming(false)}>Keep name</Button>
          </form>
        ) : confirming ? (
          <>
            <Text>{p.hasSecret ? 'Delete it and its saved client secret?' : 'Delete it?'}</Text>
            <Button appearance="primary" onClick={() => void remove()}>
              Delete “{p.name}”
            </Button>
            <Button onClick={() => setConfirming(false)}>Keep it</Button>
          </>
        ) : (
          <>
            <Button onClick={() => setRenaming(true)} aria-label={`Rename ${p.name}`}>
              Rename
            </Button>
            <Button onClick={() => setConfirming(true)} aria-label={`Delete ${p.name}`}>
              Delete
            </Button>
          </>
        )}
      </div>
    </li>
  );
}

export function ProfilesSettings() {
  const styles = useStyles();
  const [profiles, setProfiles] = useState<readonly ProfileView[] | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [status, setStatus] = useState('');

  /** Bumped after a rename or delete, so the list is read again from main. */
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void api.profiles.list({}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setProfiles(r.value.profiles);
    });
    return () => {
      live = false;
    };
  }, [version]);

  return (
    <section className={styles.section} aria-labelledby="settings-profiles">
      <Text id="settings-profiles" as="h2" size={400} className={styles.sectionTitle}>
        Saved profiles
      </Text>
      {error ? <ErrorBar error={error} onDismiss={() => setError(undefined)} /> : null}
      {profiles === undefined ? null : profiles.length === 0 ? (
        <Text>No saved profiles. Save one from the field sheet after an authorization.</Text>
      ) : (
        <ul className={styles.list} aria-label="Saved profiles">
          {profiles.map((p) => (
            <ProfileItem
              key={p.id}
              p={p}
              onChanged={(text, e) => {
                setError(e);
                setStatus(text);
                if (e === undefined) setVersion((n) => n + 1);
              }}
            />
          ))}
        </ul>
      )}
      {status === '' ? null : (
        <Text as="p" role="status" className={styles.status}>
          {status}
        </Text>
      )}
    </section>
  );
}
