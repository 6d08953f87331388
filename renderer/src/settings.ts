// Start-up settings read from the page URL, so kiosks, tests and weak machines can tune the app
// without a settings screen: ?light=1 (lighter rendering), ?time=ISO-8601 (start date-time).

export interface RendererSettings {
  /** Lighter rendering for software WebGL and weak machines; shadows stay available. */
  light: boolean;
  /** Start time; null = now during daylight, else noon today (Seoul time). */
  startTime: Date | null;
}

export function readSettings(search = location.search): RendererSettings {
  const params = new URLSearchParams(search);
  const light = ['1', 'true', 'yes'].includes((params.get('light') ?? '').toLowerCase());
  const timeParam = params.get('time');
  let startTime: Date | null = null;
  if (timeParam) {
    const parsed = new Date(timeParam);
    if (Number.isNaN(parsed.getTime())) console.warn(`Ignoring ?time=${timeParam}: not an ISO-8601 date-time`);
    else startTime = parsed;
  }
  return { light, startTime };
}
