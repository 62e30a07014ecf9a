// A fake of SMS.ru's `sms/send` on loopback, built from its documentation (sms.ru/api/send): GET or
// POST with api_id, to (one number or several, comma-separated), msg, json=1; the answer
// `{ status, status_code, sms: { <number>: { status, status_code, sms_id | status_text } }, balance }`,
// and status_code 200 «Неправильный api_id» for a wrong key. The portal's SmsSender talks to it exactly
// as to the real service.
import http from 'node:http';

export interface FakeSms {
  to: string;
  text: string;
  id: string;
}

export interface TestSmsRu {
  /** `SMS_URL` for the portal: `http://127.0.0.1:PORT/sms/send?api_id=…`. */
  url: string;
  apiId: string;
  messages: FakeSms[];
  /** While set, every request is answered with this top-level error code (e.g. 220: service unavailable). */
  failWith: number | null;
  waitFor(count: number, timeoutMs?: number): Promise<FakeSms[]>;
  close(): Promise<void>;
}

const ERRORS: Record<number, string> = {
  200: 'Неправильный api_id',
  202: 'Неправильно указан номер телефона получателя, либо на него нет маршрута',
  210: 'Используется GET, где необходимо использовать POST',
  220: 'Сервис временно недоступен, попробуйте чуть позже',
};

export async function startSmsRu(apiId = 'A3CA597E-3ACF-4E7D-82EE-CF82B52B1A8B'): Promise<TestSmsRu> {
  const messages: FakeSms[] = [];
  const state: { failWith: number | null } = { failWith: null };
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(url.search);
      if (req.method === 'POST') for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
      const answer = (code: number, extra: Record<string, unknown> = {}) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        const ok = code === 100;
        res.end(JSON.stringify({ status: ok ? 'OK' : 'ERROR', status_code: code, ...(ok ? {} : { status_text: ERRORS[code] }), ...extra }));
      };
      if (url.pathname !== '/sms/send') {
        res.writeHead(404).end();
        return;
      }
      if (state.failWith) return answer(state.failWith);
      if (params.get('api_id') !== apiId) return answer(200);
      const text = params.get('msg') ?? '';
      const sms: Record<string, unknown> = {};
      for (const to of (params.get('to') ?? '').split(',').filter(Boolean)) {
        if (!/^7\d{10}$/.test(to)) {
          sms[to] = { status: 'ERROR', status_code: 202, status_text: ERRORS[202] };
          continue;
        }
        const id = `000000-${String(++n).padStart(8, '0')}`;
        messages.push({ to: `+${to}`, text, id });
        sms[to] = { status: 'OK', status_code: 100, sms_id: id };
      }
      answer(100, { sms, balance: 4122.56 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/sms/send?api_id=${apiId}`,
    apiId,
    messages,
    get failWith() {
      return state.failWith;
    },
    set failWith(v) {
      state.failWith = v;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} SMS, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
