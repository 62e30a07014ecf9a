// Child process of the crash test: appends audit rows as fast as it can and prints the id of each
// row right after its transaction committed. The parent kills it with SIGKILL at a random moment —
// also between a commit and the anchor file's update, which must leave the journal verifiable.
import path from 'node:path';
import { openDatabase } from '../../src-main/core/db/database.ts';
import { openJournal } from '../../src-main/core/core.ts';
import { systemClock } from '../../src-main/core/clock.ts';

const file = process.argv[2]!;
const db = await openDatabase(file);
const audit = openJournal(db, systemClock, path.dirname(file), 'app');
const actor = { operatorId: null, login: 'crash-test', via: 'app' as const };
process.stdout.write('ready\n');
for (;;) {
  const id = audit.append(actor, { action: 'test.write', details: { payload: 'ж'.repeat(Math.floor(Math.random() * 500)) } });
  process.stdout.write(`${id}\n`);
  if (id % 50 === 0) await new Promise((r) => setImmediate(r));
}
