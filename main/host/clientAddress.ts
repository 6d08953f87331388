// The network address a request came from. A Fetch API Request does not carry it, so the HTTP
// server notes it here for each request it makes (main/host/httpServer.ts), and handlers that
// limit per client (the wiki's sign-in and sign-up) look it up. Requests that arrive any other
// way (the Electron app protocol) have none: they all come from the one local app.
const ADDRESSES = new WeakMap<Request, string>();

export function noteClientAddress(req: Request, address: string | undefined): void {
  if (address) ADDRESSES.set(req, address);
}

/** The remote address of a request made by the HTTP server; undefined for in-process requests. */
export function clientAddress(req: Request): string | undefined {
  return ADDRESSES.get(req);
}
