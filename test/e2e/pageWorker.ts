// Runs one engine in the bundled analysis worker (analysisWorker.js) from a plain page of the host,
// speaking comlink's wire format by hand (the page is not the app): APPLY `run` with raw values.
import type { Page } from '@playwright/test';

/** The page's Worker (the Node-side tsconfig has no DOM lib). */
interface PageWorker {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
type WorkerGlobals = { Worker: new (url: string) => PageWorker };

/** comlink's reply: `{ type: 'RAW', value }` on success (`value` the engine's result), else a thrown value. */
export async function runInPageWorker(page: Page, base: string, engine: string, input: unknown): Promise<{ type: string; value: unknown }> {
  return page.evaluate(
    async ({ workerUrl, engine, input }) => {
      const worker = new (globalThis as unknown as WorkerGlobals).Worker(workerUrl);
      const reply = await new Promise<{ type: string; value: unknown; name?: string }>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data as { type: string; value: unknown });
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage({
          id: `${engine}-1`,
          type: 'APPLY',
          path: ['run'],
          argumentList: [
            { type: 'RAW', value: engine },
            { type: 'RAW', value: input },
          ],
        });
      });
      worker.terminate();
      return reply;
    },
    { workerUrl: new URL('analysisWorker.js', base).href, engine, input },
  );
}
