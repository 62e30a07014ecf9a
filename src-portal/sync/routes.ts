// The sync API under each school's prefix: `PREFIX/sync/v1/{pair,unpair,new-device,device,push,pull,anchor}`. JSON in
// and out, parsed with the protocol's schemas; every call but `pair` carries the sync secret as a
// Bearer token; a refusal is a SyncRefusal with its reason (what the office branches on).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from '../../src-shared/z.ts';
import { AppError } from '../../src-shared/result.ts';
import { errorMessage } from '../../src-shared/i18n/index.ts';
import type { Reason } from '../../src-shared/errors.ts';
import {
  AnchorRequest,
  NewDeviceRequest,
  PairRequest,
  LARGEST_PUSH,
  MAX_PUSH_BYTES,
  PROTOCOL_VERSION,
  PUSH_LIMIT_HEADER,
  PushRequest,
  SYNC_PATH,
  type SyncRefusal,
} from '../../src-shared/sync/protocol.ts';
import type { PortalApp } from '../http/app.ts';
import type { School } from '../schools/service.ts';

const STATUS: Partial<Record<Reason, number>> = {
  'sync.no_school': 404,
  'sync.unpaired': 401,
  'sync.bad_key': 403,
  'sync.version': 400,
  'sync.bad_request': 400,
};

function refuse(reply: FastifyReply, e: AppError): FastifyReply {
  const body: SyncRefusal = { reason: e.reason, message: errorMessage(e) };
  if (e.reason === 'sync.gap') body.expected = (e as AppError<'sync.gap'>).params.expected;
  if (e.reason === 'sync.pair_wrong_address') body.address = (e as AppError<'sync.pair_wrong_address'>).params.address;
  return reply
    .code(STATUS[e.reason] ?? 409)
    .header('cache-control', 'no-store')
    .header(PUSH_LIMIT_HEADER, String(LARGEST_PUSH))
    .send(body);
}

/** The request's JSON as the schema reads it; another protocol version is told so before anything else. */
function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const version = (body as { protocol?: unknown } | null)?.protocol;
  if (typeof version === 'number' && version !== PROTOCOL_VERSION) throw new AppError('sync.version');
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('sync.bad_request');
  return parsed.data;
}

type SyncHandler = (req: FastifyRequest, school: School) => Promise<unknown>;

export function syncFeature(app: PortalApp): void {
  const sync = app.portal.sync;
  // A call to a school the portal no longer has (removed with `school remove`) reaches no route of
  // a school: it is told so in the protocol's terms, not with the HTML page for people, so the office
  // can say what happened instead of «HTTP 404».
  const calls = new Set<string>();
  app.unmatched.push((req, reply) => {
    const call = new RegExp(`${SYNC_PATH}/([a-z-]+)$`).exec(req.url.split('?')[0]!.replace(/\/+$/, ''))?.[1];
    if (!call || !calls.has(call)) return null;
    // The school's own sync path asked with another method is no missing school.
    if (req.school && req.schoolPath === `${SYNC_PATH}/${call}`) return null;
    return refuse(reply, new AppError('sync.no_school'));
  });
  // Calls carrying the sync secret are not counted per network address: a district's offices may all
  // sit behind one, and a first sync is dozens of pushes. Pairing (a key to guess) is counted.
  const route = (method: 'GET' | 'POST', name: string, handler: SyncHandler, limited = false, bodyLimit?: number) => {
    calls.add(name);
    app.page(
      method,
      `${SYNC_PATH}/${name}`,
      async (req, reply, ctx) => {
        try {
          const value = await handler(req, ctx.school);
          return reply.header('cache-control', 'no-store').header(PUSH_LIMIT_HEADER, String(LARGEST_PUSH)).send(value);
        } catch (e) {
          if (e instanceof AppError && e.reason.startsWith('sync.')) return refuse(reply, e);
          throw e;
        }
      },
      { csrf: false, route: { ...(limited ? {} : { config: { rateLimit: false } }), ...(bodyLimit ? { bodyLimit } : {}) } },
    );
  };
  const auth = (req: FastifyRequest, school: School) => sync.authenticate(school.id, req.headers.authorization);

  route('POST', 'pair', (req, school) => sync.pair(school, parse(PairRequest, req.body)), true);
  route('POST', 'unpair', async (req, school) => {
    await sync.unpair(await auth(req, school));
    return { unpaired: true };
  });
  route('POST', 'new-device', async (req, school) => {
    const pairing = await auth(req, school);
    await sync.newDevice(pairing, parse(NewDeviceRequest, req.body));
    return { deviceId: (req.body as { deviceId: string }).deviceId };
  });
  route('GET', 'device', async (req, school) => {
    const pairing = await auth(req, school);
    return { deviceId: pairing.device_id, lastSeq: pairing.last_seq, lastChain: pairing.last_chain };
  });
  route(
    'POST',
    'push',
    async (req, school) => ({
      appliedThrough: await sync.push(school.id, req.headers.authorization, parse(PushRequest, req.body)),
    }),
    false,
    MAX_PUSH_BYTES,
  );
  route('POST', 'anchor', async (req, school) => sync.anchor(school.id, req.headers.authorization, parse(AnchorRequest, req.body)));
  route('GET', 'anchor', async (req, school) => {
    const pairing = await auth(req, school);
    const earlier = (req.query as Record<string, string | undefined>).earlier;
    const n = earlier === undefined ? undefined : Number(earlier);
    if (n !== undefined && (!Number.isSafeInteger(n) || n < 0)) throw new AppError('sync.bad_request');
    return sync.heldAnchor(pairing, n);
  });
  route('GET', 'pull', async (req, school) => {
    const pairing = await auth(req, school);
    const query = req.query as Record<string, string | undefined>;
    const after = Number(query.after ?? '0');
    const limit = Number(query.limit ?? '500');
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1) throw new AppError('sync.bad_request');
    return sync.pull(pairing, after, limit);
  });
}
