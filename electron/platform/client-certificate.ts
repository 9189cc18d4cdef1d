// Client certificates in the app: Electron would present the OS store's first certificate to any site that asks
// (a device or corporate certificate: a silent sign-in with the desktop's identity in the clean session). Every
// request is answered by answerClientCertificate (security-policy.ts): none for the app's window and main, and for
// a clean window only the one the admin picks in a message box that names the asking host (Cancel sends none).
import { app, BaseWindow, dialog, session, type WebContents } from 'electron';
import { answerClientCertificate, type ContentsRole } from '../security-policy';

function roleOf(contents: WebContents | null): ContentsRole | 'none' {
  if (contents === null) return 'none';
  return contents.session === session.defaultSession ? 'app' : 'auth';
}

export function guardClientCertificates(): void {
  app.on('select-client-certificate', (event, contents, url, certificates, callback) => {
    answerClientCertificate(event, roleOf(contents), url, certificates, callback, async (q) => {
      const options = {
        type: 'question' as const,
        title: 'Client certificate requested',
        message: q.message,
        detail: q.detail,
        buttons: [...q.buttons],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const parent = BaseWindow.getFocusedWindow();
      const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return r.response;
    });
  });
}
