// What a portal feature registers its pages with: `page()` routes a path under every school's prefix
// and hands the handler the school it is for; forms get CSRF checks; secrets that arrive in a URL are
// moved out of it.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler, RouteShorthandOptions } from 'fastify';
import type {} from '@fastify/csrf-protection';
import type { Html } from '../../src-node/html.ts';
import type { Portal } from '../portal.ts';
import type { School } from '../schools/service.ts';
import { MAX_PREFIX_DEPTH } from '../../src-shared/sync/address.ts';
import { renderPage } from './layout.ts';
import { networkOf } from '../limits/throttle.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The school the request is for (resolved by host and path prefix), or null. */
    school: School | null;
    /** The path after the school's prefix, without the query: `/login`. */
    schoolPath: string;
  }
}

export interface PageContext {
  school: School;
  /** The school's prefix ('' or '/s/1399'): build links as `${base}/login`. */
  base: string;
  /** The absolute address of the school's prefix, for links in mail (`https://1399.ejgur.ru`). */
  origin: string;
  /** https (directly, or behind a TLS proxy with --trust-proxy). */
  secure: boolean;
  /** The client's network, for throttling (`ip:203.0.113.7`). */
  network: string;
  /** The zone times are shown in (the portal's --time-zone). */
  timeZone: string;
  /** A CSRF token for a form on this page. */
  csrf(): string;
  /** Sends a whole page. */
  render(title: string, body: Html, options?: { status?: number; help?: boolean }): FastifyReply;
  /** 303 to a page of this school (`/login`). */
  redirect(path: string): FastifyReply;
}

export type PageHandler = (
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
) => Promise<FastifyReply | void> | FastifyReply | void;

export interface PageOptions {
  /** POST forms are CSRF-checked unless told otherwise (the sync API authenticates otherwise). */
  csrf?: boolean;
  /** Extra fastify route options (rate limit, body limit). */
  route?: RouteShorthandOptions;
}

export interface PortalApp {
  readonly fastify: FastifyInstance;
  readonly portal: Portal;
  /** `path` is the page under the school's prefix (`/login`); `'/:landing'` is the school's registration page. */
  page(method: 'GET' | 'POST', path: string, handler: PageHandler, options?: PageOptions): void;
  /**
   * Answers for requests no page took, asked in turn before the «no such page» page; null: not theirs.
   * The sync API answers its callers in JSON, also when the school they call is gone.
   */
  readonly unmatched: ((req: FastifyRequest, reply: FastifyReply) => FastifyReply | null)[];
}

export const LANDING = '/:landing';

export function pageContext(portal: Portal, req: FastifyRequest, reply: FastifyReply): PageContext {
  const school = req.school!;
  const secure = req.protocol === 'https';
  const base = school.prefix;
  return {
    school,
    base,
    origin: `${req.protocol}://${req.host}${base}`,
    secure,
    network: networkOf(req.ip),
    timeZone: portal.timeZone,
    csrf: () => reply.generateCsrf({ path: '/', sameSite: 'lax', httpOnly: true, secure }),
    render: (title, body, options = {}) =>
      reply
        .code(options.status ?? 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderPage({ school, base, title, body, help: options.help ?? true })),
    redirect: (path) => reply.redirect(`${base}${path}`, 303),
  };
}

export function createPortalApp(fastify: FastifyInstance, portal: Portal): PortalApp {
  return {
    fastify,
    portal,
    unmatched: [],
    page(method, path, handler, options = {}) {
      const landing = path === LANDING;
      for (let depth = 0; depth <= MAX_PREFIX_DEPTH; depth++) {
        const prefix = Array.from({ length: depth }, (_, i) => `/:p${i + 1}`).join('');
        const route: RouteShorthandOptions = { ...options.route };
        const csrf = method === 'POST' && options.csrf !== false;
        const samePage: preHandlerAsyncHookHandler = async (req, reply) => {
          // The route matched some depth; it is this school's page only if the prefix is exactly the school's.
          const expected = landing ? `/${req.school?.landing}` : path;
          if (!req.school || req.schoolPath !== expected) return reply.callNotFound();
        };
        route.preHandler = csrf ? [samePage, fastify.csrfProtection] : [samePage];
        const run = (req: FastifyRequest, reply: FastifyReply) => handler(req, reply, pageContext(portal, req, reply));
        if (method === 'GET') fastify.get(`${prefix}${path}`, route, run);
        else fastify.post(`${prefix}${path}`, route, run);
      }
    },
  };
}
