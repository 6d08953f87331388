// Hardening applied to every web contents the app creates: no permissions, no new windows, no
// navigation or redirects away from the app's own origin, no <webview>.
import { app, session, type WebContents } from 'electron';
import { isAppUrl } from './appProtocol.js';

export function hardenSessions(log: (line: string) => void): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`Denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      log(`Blocked new window: ${url}`);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) {
        log(`Blocked navigation to ${event.url}`);
        event.preventDefault();
      }
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) {
        log(`Blocked redirect to ${event.url}`);
        event.preventDefault();
      }
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
