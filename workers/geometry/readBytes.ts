// Reads a file of the city build by URL in any runtime: `fetch` for http(s) and blob URLs (browser
// workers, Node talking to the host), node:fs for file: URLs (tests, bench and scenario runner in
// Node, where fetch cannot read files). node:fs is imported lazily by a computed name so browser
// bundles never see it.
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
