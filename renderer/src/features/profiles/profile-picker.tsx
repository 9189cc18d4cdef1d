// Saved profiles on the Authorize page: pick one to fill the form (never the secret — a saved secret stays in
// main and is used by id), and hear about a profiles file that had to be moved aside.
import { Dropdown, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ProfilesNotice, ProfileView } from '../../../../shared/profiles/profile';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';

export function ProfilePicker({ onPick, refreshKey = 0 }: { onPick: (p: ProfileView) => void; refreshKey?: number }) {
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [notice, setNotice] = useState<ProfilesNotice | undefined>();
  const [selected, setSelected] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    void api.profiles.list({}).then((r) => {
      if (!live || !r.ok) return;
      setProfiles(r.value.profiles);
      if (r.value.notice) setNotice(r.value.notice);
    });
    return () => {
      live = false;
    };
  }, [refreshKey]);

  return (
    <>
      {notice ? <ErrorBar error={notice} intent="warning" /> : null}
      {profiles.length > 0 ? (
        <Field
          label="Saved profile"
          hint="Fills the form; a saved client secret stays in the app and is used without being shown."
        >
          <Dropdown
            aria-label="Saved profile"
            placeholder="Pick a saved profile"
            value={profiles.find((p) => p.id === selected)?.name ?? ''}
            selectedOptions={selected ? [selected] : []}
            onOptionSelect={(_e, d) => {
              const p = profiles.find((x) => x.id === d.optionValue);
              if (!p) return;
              setSelected(p.id);
              onPick(p);
            }}
          >
            {profiles.map((p) => (
              <Option key={p.id} value={p.id} text={p.name}>
                {`${p.name}${p.hasSecret ? ' (secret saved)' : ''}`}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
    </>
  );
}
