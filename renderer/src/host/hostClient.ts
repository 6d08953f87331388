// The renderer API over HTTP (browser mode), and getApi(), the one way the renderer obtains the
// API: the IPC bridge when the Electron preload exposed it, else HTTP on the page's own origin.
// Compiled with the renderer (DOM lib, no Node types).
import { API_GLOBAL, API_ROUTES, type ApiError, type VirtualSeoulApi } from '../../../common/api/hostContract.js';

type ApiMethod = keyof VirtualSeoulApi;
type ApiResult<M extends ApiMethod> = Awaited<ReturnType<VirtualSeoulApi[M]>>;

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).error === 'string';
}

async function callRoute<M extends ApiMethod>(baseUrl: string, method: M): Promise<ApiResult<M>> {
  const url = new URL(API_ROUTES[method].http.replace(/^\//, ''), baseUrl);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new Error(`${method}: cannot reach the host at ${url.href} (${(err as Error).message})`, { cause: err });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${method}: the host answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    throw new Error(isApiError(body) ? body.error : `${method}: the host answered ${response.status}`);
  }
  return body as ApiResult<M>;
}

/** The API over HTTP against a host at baseUrl (e.g. "http://127.0.0.1:5180/"). */
export function createHttpApi(baseUrl: string): VirtualSeoulApi {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const api: Partial<Record<ApiMethod, () => Promise<unknown>>> = {};
  for (const method of Object.keys(API_ROUTES) as ApiMethod[]) {
    api[method] = () => callRoute(base, method);
  }
  return api as VirtualSeoulApi;
}

let cached: VirtualSeoulApi | undefined;

export function getApi(): VirtualSeoulApi {
  if (cached) return cached;
  const exposed = (globalThis as unknown as Record<string, unknown>)[API_GLOBAL];
  if (exposed && typeof exposed === 'object') {
    cached = exposed as VirtualSeoulApi;
  } else {
    // Typed structurally: this file is also compiled with the Node config, which has no DOM.
    const { location } = globalThis as unknown as { location?: { origin: string } };
    if (!location) throw new Error('getApi() needs a page: no Electron bridge and no location to reach the host');
    cached = createHttpApi(`${location.origin}/`);
  }
  return cached;
}
