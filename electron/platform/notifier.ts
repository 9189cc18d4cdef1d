// Electron's OS notifications behind Watch's Notifier port (services/watch/notifier.ts): a secret about to expire
// or a refresh token about to die is said where the admin sees it even with the window in the background.
import { Notification } from 'electron';
import type { Notifier } from '../services/watch/notifier';

export function electronNotifier(): Notifier {
  return {
    notify: ({ title, body }) => {
      // Linux without a notification daemon, or a Windows build without an app user model id, cannot show them.
      if (!Notification.isSupported()) return false;
      new Notification({ title, body }).show();
      return true;
    },
  };
}
