// The SMS sender against a fake of SMS.ru on loopback (tests/support/sms.ts), through the outbox and
// its worker like mail: sealed at rest, emptied once sent, retried after a refusal; without SMS_URL the
// messages are files in DATA_DIR/outbox.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePortal, type TestPortal } from '../../support/portal.ts';
import { startSmsRu, type TestSmsRu } from '../../support/sms.ts';
import { createSmsSender, smsRuSender } from '../../../src-portal/sms/sender.ts';
import { startMailWorker } from '../../../src-portal/mail/worker.ts';
import { createTransport } from '../../../src-portal/mail/transport.ts';

describe('SMS through SMS.ru’s API (fake on loopback)', () => {
  let api: TestSmsRu;
  let p: TestPortal;
  beforeAll(async () => {
    api = await startSmsRu();
    p = await makePortal('pglite');
  });
  afterAll(async () => {
    await p.close();
    await api.close();
  });

  it('sends one message: the number without «+», the text, json=1; refuses a wrong api_id', async () => {
    await smsRuSender(api.url).send('x', { to: '+79021702876', text: 'Код: 123456' });
    expect(api.messages.at(-1)).toMatchObject({ to: '+79021702876', text: 'Код: 123456' });
    await expect(smsRuSender(api.url.replace(api.apiId, 'wrong')).send('x', { to: '+79021702876', text: 't' })).rejects.toThrow(
      /200 Неправильный api_id/,
    );
    await expect(smsRuSender(api.url).send('x', { to: '+7123', text: 't' })).rejects.toThrow(/202/);
  });

  it('goes through the outbox: sealed at rest, sent by the worker, retried after the service refused', async () => {
    const sender = createSmsSender({ SMS_URL: api.url }, p.dataDir);
    expect(sender.describe).not.toContain(api.apiId);
    await p.portal.db
      .transaction()
      .execute((trx) => p.portal.outbox.enqueueSms(trx, { schoolId: null, kind: 'sms_code', to: '+79031112233', text: 'Код: 654321' }));
    const row = await p.portal.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', '+79031112233').executeTakeFirstOrThrow();
    expect(row.channel).toBe('sms');
    expect(row.body).not.toContain('654321');
    api.failWith = 220;
    const worker = startMailWorker(p.portal.outbox, createTransport({}, p.dataDir), { pollMs: 60_000, sms: sender });
    await worker.drain();
    expect((await p.portal.outbox.problems())[0]).toMatchObject({ kind: 'sms_code', lastError: expect.stringContaining('220') });
    api.failWith = null;
    p.clock.advance(61_000);
    expect(await worker.drain()).toBe(1);
    await worker.stop();
    expect(api.messages.at(-1)).toMatchObject({ to: '+79031112233', text: 'Код: 654321' });
    const sent = await p.portal.db.selectFrom('mail_outbox').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(sent.sent_at).not.toBeNull();
    expect(sent.body).toBeNull();
  });

  it('without SMS_URL writes DATA_DIR/outbox/<id>.sms', async () => {
    const sender = createSmsSender({}, p.dataDir);
    expect(sender.kind).toBe('files');
    await sender.send('abc', { to: '+79041112233', text: 'Ваш логин: ivanova.maria' });
    expect(fs.readFileSync(path.join(p.dataDir, 'outbox', 'abc.sms'), 'utf8')).toBe('To: +79041112233\n\nВаш логин: ivanova.maria\n');
  });
});
