// The profiles.* handlers: list, save, load and delete saved profiles (profile-store.ts). A run's secret is
// saved by token-set id, looked up in main's token store, so it never crosses IPC again. Without a profile
// store (a bare handler table) the list is empty and the rest answer NOT_AVAILABLE.
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { TokenStore } from '../tokens/token-store';
import type { ProfileStore } from './profile-store';

export interface ProfilesHandlerDeps {
  readonly profiles?: ProfileStore | undefined;
  /** The authorize runs, for profiles.save with a run's secret (secret.action 'fromTokenSet'). */
  readonly tokens: { readonly store: Pick<TokenStore, 'get'> };
}

export function createProfilesHandlers(deps: ProfilesHandlerDeps): NamespaceHandlers<'profiles'> {
  const need = (): ProfileStore => {
    if (!deps.profiles)
      throw codedError('NOT_AVAILABLE', { part: 'a profile store', activity: 'using saved profiles' });
    return deps.profiles;
  };
  return {
    'profiles.list': async () => (deps.profiles ? deps.profiles.list() : { profiles: [] }),
    'profiles.save': async (req) =>
      need().save(req, (id) => {
        const set = deps.tokens.store.get(id);
        return set?.clientSecret === undefined ? undefined : { secret: set.clientSecret, run: set.result?.run };
      }),
    'profiles.load': async ({ id }) => need().load(id),
    'profiles.rename': async ({ id, name }) => need().rename(id, name),
    'profiles.delete': async ({ id }) => need().delete(id),
  };
}
