// Server-Sent Events as a Fetch API Response, for any host push (live feeds). Works behind
// node:http (httpServer.ts streams bodies) and Electron's protocol handler alike.
export interface SseStream {
  response: Response;
  send(event: string, data: unknown): void;
  close(): void;
  /** Called once when the client goes away or close() is called. */
  onClose(fn: () => void): void;
}

export function createSseStream(keepAliveMs = 15_000): SseStream {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const closeListeners: Array<() => void> = [];
  let keepAlive: ReturnType<typeof setInterval> | null = null;
  const finish = () => {
    if (closed) return;
    closed = true;
    if (keepAlive) clearInterval(keepAlive);
    for (const fn of closeListeners) fn();
  };
  const write = (text: string) => {
    if (closed || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      finish();
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(': connected\n\n');
      keepAlive = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
    },
    cancel() {
      finish();
    },
  });
  const response = new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no',
    },
  });
  return {
    response,
    send(event, data) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      try {
        controller?.close();
      } catch {
        // already closed by the client
      }
      finish();
    },
    onClose(fn) {
      if (closed) fn();
      else closeListeners.push(fn);
    },
  };
}
