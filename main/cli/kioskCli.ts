// --kiosk [--idle-seconds N] [--tour NAME] for npm start / npm run serve: passed on to Electron's
// command line (main/electron/kioskShell.ts reads it), or, in browser mode, turned into the kiosk
// URL to open in a Chromium started with --kiosk.
export interface KioskCliOptions {
  kiosk: boolean;
  idleSeconds: number | undefined;
  tour: string | undefined;
}

export function parseKioskCli(values: { kiosk?: boolean; 'idle-seconds'?: string; tour?: string }): KioskCliOptions {
  const idle = values['idle-seconds'];
  if (idle !== undefined && !(Number(idle) >= 1)) throw new Error(`--idle-seconds ${idle}: expected a number of seconds, at least 1`);
  if (values.tour !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(values.tour))
    throw new Error(`--tour ${values.tour}: expected a tour name from scenarios/tours (a-z, 0-9, -)`);
  return { kiosk: values.kiosk ?? false, idleSeconds: idle === undefined ? undefined : Number(idle), tour: values.tour };
}

/** Arguments for the Electron command line. */
export function electronKioskArgs(k: KioskCliOptions): string[] {
  if (!k.kiosk) return [];
  return ['--kiosk', ...(k.idleSeconds ? [`--idle-seconds=${k.idleSeconds}`] : []), ...(k.tour ? [`--tour=${k.tour}`] : [])];
}

/** The browser-mode kiosk URL on `baseUrl`, or null when not in kiosk mode. */
export function browserKioskUrl(baseUrl: string, k: KioskCliOptions): string | null {
  if (!k.kiosk) return null;
  const params = new URLSearchParams({ mode: 'kiosk' });
  if (k.idleSeconds) params.set('idle', String(k.idleSeconds));
  if (k.tour) params.set('tour', k.tour);
  return `${baseUrl}?${params}`;
}

export function printKioskUrl(baseUrl: string, k: KioskCliOptions): void {
  const url = browserKioskUrl(baseUrl, k);
  if (url) console.log(`Kiosk: open ${url} in a Chromium started with --kiosk (e.g. chromium --kiosk --noerrdialogs --disable-pinch "${url}")`);
}
