// Log lines from the renderer to the host's rotating log file (POST /api/kiosk/log, see
// main/kiosk/kioskRoutes.ts), batched; also echoed to the console. Works the same over HTTP
// (browser mode) and vseoul:// (Electron): both are the page's own origin.
import { CLIENT_LOG_ROUTE } from '../../../common/tourFormat.js';

export type LogLevel = 'info' | 'warn' | 'error';

const MAX_BATCH = 20;
const MAX_PENDING = 200;

const pending: Array<{ level: LogLevel; message: string }> = [];
let timer: ReturnType<typeof setTimeout> | null = null;
const recent: string[] = [];

/** The last lines logged (newest last), for the kiosk's test hook. */
export function recentLogLines(): readonly string[] {
  return recent;
}

export function hostLog(level: LogLevel, message: string): void {
  const line = message.slice(0, 2000);
  (level === 'error' ? console.error : level === 'warn' ? console.warn : console.info)(`[kiosk] ${line}`);
  recent.push(`${level} ${line}`);
  if (recent.length > 50) recent.shift();
  // Never unbounded: if the host stays unreachable, the oldest lines go first.
  if (pending.length >= MAX_PENDING) pending.shift();
  pending.push({ level, message: line });
  timer ??= setTimeout(() => void flushLog(), 500);
}

/** Sends what is pending now; resolves when the host has it (or could not be reached). */
export async function flushLog(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  while (pending.length) {
    const batch = pending.splice(0, MAX_BATCH);
    try {
      await fetch(new URL(CLIENT_LOG_ROUTE, location.href), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ lines: batch }),
        // Survives the reload that usually follows a recovery line.
        keepalive: true,
      });
    } catch {
      return;
    }
  }
}
