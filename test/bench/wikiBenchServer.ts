// Child process of the wiki benchmark: the real host with a wiki on the SQLite file argv[2],
// listening on 127.0.0.1; prints its URL, stops on SIGTERM. The per-account edit rate limit is
// lifted: the benchmark measures the store and the server, not the limiter.
import { startHostServer } from '../../main/host/httpServer.js';
import { createWikiService } from '../../main/wiki/wikiApi.js';

const dbPath = process.argv[2];
const dir = process.argv[3];
const unlimited = { burst: 1e9, perSecond: 1e9 };
const noBackoff = { free: 1e9, baseSeconds: 0, maxSeconds: 0 };
const wiki = await createWikiService({
  dbPath,
  editRate: unlimited,
  signInRate: noBackoff,
  signInClientRate: noBackoff,
  signUpRate: unlimited,
  signUpClientRate: unlimited,
  admin: { name: 'bench-admin', password: 'bench-admin-password' },
});
const server = await startHostServer({ rendererDir: dir, cesiumDir: dir, cityDir: dir, wiki: wiki.handle, onError: (l) => console.error(l) });
console.log(`url ${server.url}`);
process.once('SIGTERM', () => {
  void server.close().then(() => {
    wiki.close();
    process.exit(0);
  });
});
