// Reading times shown in Seoul time whatever the machine's zone.
export function seoulDateTime(ms: number): string {
  const d = new Date(ms + 9 * 3600_000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} KST`;
}

export function seoulClock(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(11, 16);
}
