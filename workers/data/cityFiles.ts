// Reading the files of a city build, one convention in every runtime: a build is a base URL ending
// in '/', and a file is read by URL — `fetch` for http(s) and blob URLs (the page, the web worker,
// Node talking to a host), node:fs for file: URLs (Node: tests, benchmarks, the scenario runner and
// its worker threads, where fetch cannot read files). node:fs is imported lazily by a computed name
// so browser bundles never see it. CitySource wraps a base URL; workers/data/cityData.ts reads
// and decodes what the analyses need through it.
export type ReadBytes = (url: string) => Promise<Uint8Array>;

export const readBytes: ReadBytes = async (url) => {
  if (url.startsWith('file:')) {
    const fsName = 'node:fs/promises';
    const urlName = 'node:url';
    const fs = (await import(/* @vite-ignore */ fsName)) as { readFile(p: string): Promise<Uint8Array> };
    const { fileURLToPath } = (await import(/* @vite-ignore */ urlName)) as { fileURLToPath(u: string): string };
    return new Uint8Array(await fs.readFile(fileURLToPath(url)));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
};

export async function readJson<T>(url: string, read: ReadBytes = readBytes): Promise<T> {
  const bytes = await read(url);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (err) {
    throw new Error(`${url}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

/**
 * Over HTTP every file carries the build time as ?v= (as the page's cityFileUrl does), so a rebuilt
 * city never mixes with cached files; file: URLs stay as they are.
 */
export function withVersion(url: string, version: string): string {
  if (!/^https?:/.test(url)) return url;
  const u = new URL(url);
  u.searchParams.set('v', version);
  return u.href;
}

export function versionedReader(read: ReadBytes, version: string): ReadBytes {
  return (url) => read(withVersion(url, version));
}

/** The files of one city build. */
export interface CitySource {
  /** The build's root URL, ending in '/'. */
  readonly baseUrl: string;
  /** A file of the build by its path relative to the root (or an absolute URL). */
  read(path: string): Promise<Uint8Array>;
  readJson<T>(path: string): Promise<T>;
  /** The underlying reader by URL, for engines that follow links themselves (tileset -> GLBs). */
  readonly readUrl: ReadBytes;
}

/** A CitySource over a base URL (http(s), blob or file:), optionally versioned (?v=). */
export function citySource(baseUrl: string, options: { read?: ReadBytes; version?: string } = {}): CitySource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const raw = options.read ?? readBytes;
  const readUrl = options.version ? versionedReader(raw, options.version) : raw;
  const url = (path: string) => new URL(path, base).href;
  return {
    baseUrl: base,
    read: (path) => readUrl(url(path)),
    readJson: (path) => readJson(url(path), readUrl),
    readUrl,
  };
}
