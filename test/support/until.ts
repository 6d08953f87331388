// Waiting for something asynchronous (a pushed feed event, a poll) to show, without timing it:
// the check is polled until it holds, and a check that never holds fails with what was awaited.
export async function until(check: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
