// Child process of the wiki crash test: writes edits (propose, then another account approves) into the store at
// argv[2] as fast as it can, eight at a time through the group commit (WikiStore.batch, as the
// HTTP API does), and prints "ack <revision id>" once each approval's commit has returned,
// until it is killed.
import { WikiStore } from '../../main/wiki/store.js';

const store = new WikiStore(process.argv[2]);
const author = store.createUser(`writer-${process.pid}`, 'scrypt$fixture', 'citizen');
// A second account reviews: moderators may not approve their own edits.
const reviewer = store.createUser(`reviewer-${process.pid}`, 'scrypt$fixture', 'moderator');
process.stdout.write('ready\n');
for (let i = 0; ; i += 8) {
  const edits = Array.from({ length: 8 }, (_, k) =>
    store
      .batch(() =>
        store.propose(author, {
          kind: 'note',
          baseRev: null,
          geometry: { type: 'Point', coordinates: [126.97 + ((i + k) % 100) * 0.0001, 37.56] },
          properties: { text: `crash-test note ${i + k}` },
          comment: `edit ${i + k}`,
        }),
      )
      .then((rev) => store.batch(() => store.approve(reviewer, rev.id)))
      // Written synchronously, so the parent never sees an ack before the commit it reports.
      .then((rev) => process.stdout.write(`ack ${rev.id}\n`)),
  );
  await Promise.all(edits);
}
