// The wiki's dispatcher, made from the route table WIKI_ROUTES (common/api/wikiContract.ts) that
// the page's client is made from too: a request goes to the handler of the route whose method and
// path it matches; a path of the table with another method is 405, any other path 404.
import {
  matchWikiPath,
  WIKI_ROUTES,
  type AnyWikiRoute,
  type WikiAnswer,
  type WikiError,
  type WikiParams,
  type WikiRouteName,
} from '../../common/api/wikiContract.js';

/** A route's parameters as they arrive: strings, any of which a request may leave out. */
export type WireParams<R> = { readonly [K in keyof WikiParams<R>]-?: string | undefined };

export interface WikiCall<R> {
  req: Request;
  params: WireParams<R>;
}

export interface WikiReply<A> {
  status: number;
  body: A;
  headers?: Record<string, string>;
}

export type WikiHandlers = {
  [K in WikiRouteName]: (call: WikiCall<(typeof WIKI_ROUTES)[K]>) => Promise<WikiReply<WikiAnswer<(typeof WIKI_ROUTES)[K]>>>;
};

const ROUTES = Object.entries(WIKI_ROUTES) as Array<[WikiRouteName, AnyWikiRoute]>;

const allows = (route: AnyWikiRoute, method: string) => route.method === method || (route.method === 'GET' && method === 'HEAD');

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // left as sent: the handler's own check refuses it
  }
}

export function createWikiDispatcher(handlers: WikiHandlers): (req: Request, url: URL) => Promise<WikiReply<unknown>> {
  return (req, url) => {
    const allowed = new Set<string>();
    for (const [name, route] of ROUTES) {
      const pathParams = matchWikiPath(route, url.pathname);
      if (!pathParams) continue;
      if (!allows(route, req.method)) {
        allowed.add(route.method === 'GET' ? 'GET, HEAD' : route.method);
        continue;
      }
      const params: Record<string, string | undefined> = {};
      for (const [key, value] of url.searchParams) params[key] ??= value;
      for (const [key, value] of Object.entries(pathParams)) params[key] = decoded(value);
      const handler = handlers[name] as (call: WikiCall<AnyWikiRoute>) => Promise<WikiReply<unknown>>;
      return handler({ req, params });
    }
    if (allowed.size) {
      const body: WikiError = { error: `${req.method} is not allowed on ${url.pathname}.`, reason: 'method-not-allowed' };
      return Promise.resolve({ status: 405, body, headers: { Allow: [...allowed].join(', ') } });
    }
    const body: WikiError = { error: `No wiki route ${url.pathname}.`, reason: 'no-such-route' };
    return Promise.resolve({ status: 404, body });
  };
}
