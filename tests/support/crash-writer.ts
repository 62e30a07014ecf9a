// Child process of the crash test: appends audit rows as fast as it can and prints the id of each
// row right after its transaction committed. The parent kills it with SIGKILL at a random moment.
import { openDatabase } from '../../src-main/core/db/database.ts';
import { AuditLog } from '../../src-main/core/services/audit.ts';
import { systemClock } from '../../src-main/core/clock.ts';

const file = process.argv[2]!;
const db = await openDatabase(file);
const audit = new AuditLog(db, systemClock);
const actor = { operatorId: null, login: 'crash-test', via: 'app' as const };
process.stdout.write('ready\n');
for (;;) {
  const id = audit.append(actor, { action: 'test.write', details: { payload: 'ж'.repeat(Math.floor(Math.random() * 500)) } });
  process.stdout.write(`${id}\n`);
  if (id % 50 === 0) await new Promise((r) => setImmediate(r));
}
