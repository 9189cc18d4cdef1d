// The settings.* handlers: read and change the settings (settings-store.ts), and open the log folder through the
// FolderOpener port. The log folder is main's own; the renderer cannot name another one.
import type { SettingsView } from '../../../shared/settings/schema';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { FolderOpener } from './folder-opener';
import type { SettingsStore } from './settings-store';

export interface SettingsHandlerDeps {
  readonly settings: {
    readonly store: SettingsStore;
    /** Where the app writes its log; absent where it writes none (the harness without a log, the CLI). */
    readonly logFolder?: string | undefined;
    readonly folderOpener?: FolderOpener | undefined;
  };
}

/** Which parts of the app go through the proxy, and which connect directly: said in Settings, next to the field. */
export const PROXY_USED_BY: readonly string[] = [
  'Signing in: the authorization code and token requests to Microsoft Entra ID (MSAL)',
  'Test mailbox: IMAP, POP, SMTP and Microsoft Graph connections',
];
export const PROXY_NOT_USED_BY: readonly string[] = [
  'The sign-in window and the product session window (they use the system’s proxy settings)',
  'Diagnose’s online checks and signature checks of ID tokens (direct connections)',
];

export function createSettingsHandlers(deps: SettingsHandlerDeps): NamespaceHandlers<'settings'> {
  const { store, logFolder, folderOpener } = deps.settings;
  const viewOf = async (): Promise<SettingsView> => {
    const { settings, notice } = await store.get();
    return {
      settings,
      ...(logFolder === undefined ? {} : { logFolder }),
      proxyUsedBy: [...PROXY_USED_BY],
      proxyNotUsedBy: [...PROXY_NOT_USED_BY],
      ...(notice === undefined ? {} : { notice }),
    };
  };
  return {
    'settings.get': viewOf,
    'settings.set': async (change) => {
      await store.update(change);
      return viewOf();
    },
    'settings.openLogFolder': async () => {
      if (logFolder === undefined || folderOpener === undefined) throw codedError('LOG_FOLDER_UNAVAILABLE');
      try {
        await folderOpener.open(logFolder);
      } catch (e) {
        throw codedError('LOG_FOLDER_NOT_OPENED', {
          folder: logFolder,
          reason: e instanceof Error ? e.message : String(e),
          cause: e,
        });
      }
      return { opened: true, folder: logFolder };
    },
  };
}
