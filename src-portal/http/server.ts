// The portal's web server: fastify with strict security headers, CSRF-checked forms, request limits
// counted in the database, and every page routed to its school by host and path prefix.
import fs from 'node:fs';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import { sql } from 'kysely';
import { html } from '../../src-node/html.ts';
import { t } from '../../src-shared/i18n/index.ts';
import { AppError } from '../../src-shared/result.ts';
import type { Portal } from '../portal.ts';
import { createPortalApp, pageContext, type PortalApp } from './app.ts';
import { renderPage, waysIn } from './layout.ts';
import { answerCount, countRequest, requestKey } from '../limits/request-limits.ts';
import type { School } from '../schools/service.ts';

export interface ServerOptions {
  /** Behind a TLS proxy: take the client's address, scheme and host from X-Forwarded-*. */
  trustProxy?: boolean;
  /** Requests per minute per client address, over every page (default 600). */
  requestsPerMinute?: number;
  /** pino options, or false for no request log. Query strings never reach the log. */
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
}

/** A feature (registration, accounts, sync …) adds its pages here. */
export type Feature = (app: PortalApp) => void;

const CSS = fs.readFileSync(new URL('./assets/portal.css', import.meta.url));

/** The path of a URL without its query: what the log may see (codes and tokens travel in queries). */
export const logPath = (url: string): string => url.split('?')[0]!.split('#')[0]!;

/** One line per request, with what was asked and the answer, instead of fastify's two. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const entry = { req, res: reply, responseTime: reply.elapsedTime };
    // A health check that answered is not worth a line (a load balancer asks every few seconds), in
    // the text log and in --log-json alike.
    if (!error && reply.statusCode === 200 && logPath(req.url) === '/healthz') return;
    if (error) reply.log.error({ ...entry, err: error }, 'request errored');
    else reply.log.info(entry, 'request completed');
  }
}

export async function buildServer(portal: Portal, features: readonly Feature[], options: ServerOptions = {}): Promise<FastifyInstance> {
  const logger =
    options.logger === false || options.logger === undefined
      ? false
      : {
          level: (typeof options.logger === 'object' && options.logger.level) || 'info',
          ...(typeof options.logger === 'object' && options.logger.stream ? { stream: options.logger.stream } : {}),
          serializers: {
            req: (req: FastifyRequest) => ({ method: req.method, path: logPath(req.url), host: req.host }),
          },
        };
  const fastify = Fastify({
    trustProxy: options.trustProxy ?? false,
    logger,
    logController: new OneLinePerRequest(),
    bodyLimit: 5 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  fastify.decorateRequest('school', null);
  fastify.decorateRequest('schoolPath', '');

  await fastify.register(cookie, { secret: portal.secrets.derive('cookies') });
  await fastify.register(formbody, { bodyLimit: 64 * 1024 });
  // helmet's headers, the same on every response: worked out once (the plugin builds helmet's middleware
  // again for every request), set as it sets them.
  const security = Object.entries(await securityHeaders());
  fastify.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of security) reply.raw.setHeader(name, value);
    done();
  });
  await fastify.register(csrf, { cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/' } });
  // Which school: by host (X-Forwarded-Host behind a trusted proxy) and the longest prefix of the path.
  // A request a route takes counts against its address's limit (not the health check, and not a route
  // that says so: sync calls carrying their secret), in the same statement as the look-up.
  const max = options.requestsPerMinute ?? 600;
  fastify.addHook('onRequest', async (req, reply) => {
    if (req.url === '/healthz') return;
    const { query, found } = portal.schools.resolution(req.host, logPath(req.url));
    if (req.is404 || req.routeOptions.config.rateLimit === false) return setSchool(req, found(await query.executeTakeFirst()));
    const now = portal.clock.now();
    const { rows } = await sql<Nullable<School> & { rate_count: number; rate_reset_at: Date }>`
      WITH hit AS (${countRequest(requestKey(req), now)})
      SELECT hit.count AS rate_count, hit.reset_at AS rate_reset_at, s.* FROM hit LEFT JOIN ${query} AS s ON true`.execute(portal.db);
    const { rate_count, rate_reset_at, ...row } = rows[0]!;
    setSchool(req, found(row.id === null ? undefined : (row as School)));
    answerCount(reply, { count: rate_count, reset_at: rate_reset_at }, now, max, (seconds) => t.portal.errors.tooMany(seconds));
  });

  // For a load balancer or a monitor: JSON either way, 503 while the database does not answer.
  fastify.get('/healthz', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`SELECT 1`.execute(portal.db);
    } catch (e) {
      req.log.error({ err: e }, 'health check: the database does not answer');
      return reply.code(503).send({ status: 'error', problem: 'database' });
    }
    return reply.send({ status: 'ok' });
  });

  const app = createPortalApp(fastify, portal);
  app.page('GET', '/assets/portal.css', (_req, reply) => sendCss(reply));
  for (const feature of features) feature(app);

  fastify.setNotFoundHandler((req, reply) => {
    for (const answer of app.unmatched) {
      const answered = answer(req, reply);
      if (answered) return answered;
    }
    return notFound(portal, req, reply);
  });
  fastify.setErrorHandler((error: FastifyError, req, reply) => failure(portal, error, req, reply));
  return fastify;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

function setSchool(req: FastifyRequest, found: { school: School; rest: string } | null): void {
  if (!found) return;
  req.school = found.school;
  req.schoolPath = found.rest.replace(/\/+$/, '') || '/';
}

/** The headers @fastify/helmet sets on a response with the portal's options (a strict CSP, no referrer, no framing …). */
async function securityHeaders(): Promise<Record<string, number | string | string[]>> {
  const probe = Fastify();
  await probe.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  let headers: Record<string, number | string | string[]> = {};
  // Runs after helmet's own hook: what the raw response holds then is what helmet set.
  probe.addHook('onRequest', (_req, reply, done) => {
    headers = { ...reply.raw.getHeaders() } as typeof headers;
    done();
  });
  probe.get('/', (_req, reply) => reply.send(''));
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  if (!headers['content-security-policy']) throw new Error('helmet set no Content-Security-Policy');
  return headers;
}

const sendCss = (reply: FastifyReply): FastifyReply =>
  reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS);

function notFound(portal: Portal, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  // The page that says there is no school here links the stylesheet at the root: it answers on any host.
  if (!req.school && req.method === 'GET' && logPath(req.url) === '/assets/portal.css') return sendCss(reply);
  if (req.school && req.schoolPath === '/' && req.method === 'GET') {
    return reply.redirect(`${req.school.prefix}/${req.school.landing}`, 302);
  }
  const body = html`<p>${req.school ? t.portal.errors.notFound : t.portal.errors.noSchool}</p>`;
  if (!req.school) {
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(renderPage({ school: null, base: '', title: t.portal.errors.notFoundTitle, body, help: false }));
  }
  const base = req.school.prefix;
  const back = html`${body}<p><a class="button" href="${base}/${req.school.landing}">${t.portal.errors.toSchool}</a></p>${waysIn(base)}`;
  return pageContext(portal, req, reply).render(t.portal.errors.notFoundTitle, back, { status: 404 });
}

function failure(portal: Portal, error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode ?? 500;
  let title = t.portal.errors.internalTitle;
  let message = t.portal.errors.internal;
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    title = t.portal.errors.csrfTitle;
    message = t.portal.errors.csrf;
  } else if (status === 429) {
    title = t.portal.errors.tooManyTitle;
    message = error.message;
  } else if (error instanceof AppError) {
    title = t.portal.errors.internalTitle;
    message = error.message;
  } else if (status >= 500) {
    req.log.error({ req, err: { message: error.message, stack: error.stack } }, 'request failed');
  } else {
    message = error.message;
  }
  if (req.url.includes('/sync/')) return reply.code(status).send({ ok: false, error: { reason: 'http', message } });
  const body = html`<p>${message}</p>
    <p class="links"><a href="${req.school ? `${req.school.prefix}/${req.school.landing}` : '/'}">${t.portal.errors.back}</a></p>`;
  const code = error instanceof AppError ? 400 : status;
  if (!req.school) {
    return reply
      .code(code)
      .type('text/html; charset=utf-8')
      .send(renderPage({ school: null, base: '', title, body, help: false }));
  }
  return pageContext(portal, req, reply).render(title, body, { status: code });
}
