// npm run wiki:admin -- --name NAME [--role admin|moderator|citizen] [--wiki-db FILE]
// Gives an account a role (admin by default), creating it when it does not exist. The password of
// a new account (or a new password for an existing one) comes from VSEOUL_WIKI_ADMIN_PASSWORD or
// the first line of standard input, never from the command line (it would show in `ps`).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { WikiRole } from '../../common/api/wikiContract.js';
import { hashPassword } from '../wiki/passwords.js';
import { WikiStore } from '../wiki/store.js';
import { LIMITS, checkUserName } from '../wiki/validation.js';
import { wikiDbPath } from '../wiki/wikiApi.js';
import { exitWithError } from './browserMode.js';
import { REPO_ROOT } from './prepare.js';

async function readLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write(prompt);
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, role: { type: 'string' }, 'wiki-db': { type: 'string' }, 'set-password': { type: 'boolean' } },
    strict: true,
  });
  const name = values.name?.trim();
  if (!name) throw new Error('usage: npm run wiki:admin -- --name NAME [--role admin|moderator|citizen] [--set-password] [--wiki-db FILE]');
  const role = (values.role ?? 'admin') as WikiRole;
  if (!['admin', 'moderator', 'citizen'].includes(role)) throw new Error(`--role ${role}: must be admin, moderator or citizen`);
  const problems = checkUserName(name);
  if (problems.length) throw new Error(problems.join('; '));
  const dbPath = wikiDbPath(REPO_ROOT, values['wiki-db']);
  const store = new WikiStore(dbPath);
  try {
    const existing = store.findUser(name);
    let password: string | undefined;
    if (!existing || values['set-password']) {
      password = process.env.VSEOUL_WIKI_ADMIN_PASSWORD ?? (await readLine(`Password for ${name}: `));
      if (password.length < LIMITS.passwordMin) throw new Error(`the password needs at least ${LIMITS.passwordMin} characters`);
    }
    if (existing) {
      store.setRole(existing.name, role);
      if (password) store.setPassword(existing.name, await hashPassword(password));
      console.log(`${existing.name} is now ${role} in ${dbPath}${password ? ' (password changed)' : ''}.`);
    } else {
      store.createUser(name, await hashPassword(password!), role);
      console.log(`Created ${name} (${role}) in ${dbPath}.`);
    }
  } finally {
    store.close();
  }
}

main().catch(exitWithError);
