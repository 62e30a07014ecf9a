// Schools on the portal: each answers at its registration address and pairs with one office.
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { tokenDigest, typedToken } from '../../src-node/tokens.ts';
import { formatToken, PAIRING_KEY_SYMBOLS } from '../../src-shared/tokens/typed.ts';
import { AppError } from '../../src-shared/result.ts';
import { MAX_PREFIX_DEPTH, parseSchoolAddress, withScheme } from '../../src-shared/sync/address.ts';
import type { SchoolsTable } from './tables.ts';
import type { Selectable } from 'kysely';

export type School = Selectable<SchoolsTable>;

export interface SchoolSummary {
  id: number;
  name: string;
  address: string;
  createdAt: string;
  paired: boolean;
}

/** Hooks other features hang on a school's life (sync: a new key revokes the office's sync secret). */
export interface SchoolHooks {
  onNewKey: ((db: Db, schoolId: number) => Promise<void>)[];
  paired: ((db: Db, schoolId: number) => Promise<boolean>)[];
}

export class Schools {
  readonly hooks: SchoolHooks = { onNewKey: [], paired: [] };
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(deps: { db: Db; clock: Clock }) {
    this.db = deps.db;
    this.clock = deps.clock;
  }

  /** A new school; returns its id and the one-time pairing key for its office (only its digest is kept). */
  async add(input: { name: string; address: string }): Promise<{ school: number; pairingKey: string }> {
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (name.length < 2 || name.length > 200) throw new AppError('portal.school_name', { field: 'name' });
    const location = parseSchoolAddress(input.address);
    if (typeof location === 'string') {
      throw new AppError('portal.school_address', { problem: location }, { field: 'address' });
    }
    const taken = await this.db
      .selectFrom('schools')
      .select(['id', 'name'])
      .where('host', '=', location.host)
      .where('prefix', '=', location.prefix)
      .executeTakeFirst();
    if (taken) throw new AppError('portal.address_taken', { id: taken.id, name: taken.name }, { field: 'address' });
    const key = typedToken(PAIRING_KEY_SYMBOLS);
    const row = await this.db
      .insertInto('schools')
      .values({
        name,
        address: withScheme(input.address),
        ...location,
        pairing_key_hash: tokenDigest(key),
        settings: '{}',
        created_at: this.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { school: row.id, pairingKey: formatToken(key) };
  }

  async list(): Promise<SchoolSummary[]> {
    const rows = await this.db.selectFrom('schools').selectAll().orderBy('id').execute();
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        name: r.name,
        address: r.address,
        createdAt: r.created_at.toISOString(),
        paired: await this.isPaired(r.id),
      })),
    );
  }

  async isPaired(id: number): Promise<boolean> {
    for (const check of this.hooks.paired) if (await check(this.db, id)) return true;
    return false;
  }

  async get(id: number): Promise<School> {
    const row = await this.db.selectFrom('schools').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('portal.no_school', { id });
    return row;
  }

  /** A new pairing key; the old key stops working and the paired office (if any) must pair again. */
  async newKey(id: number): Promise<{ school: number; pairingKey: string }> {
    const key = typedToken(PAIRING_KEY_SYMBOLS);
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('schools')
        .set({ pairing_key_hash: tokenDigest(key) })
        .where('id', '=', id)
        .executeTakeFirst();
      if (r.numUpdatedRows === 0n) throw new AppError('portal.no_school', { id });
      for (const hook of this.hooks.onNewKey) await hook(trx, id);
    });
    return { school: id, pairingKey: formatToken(key) };
  }

  /** Removes the school and everything the portal holds about it (accounts, roster, mail). */
  async remove(id: number): Promise<{ school: number; name: string }> {
    const school = await this.get(id);
    await this.db.deleteFrom('schools').where('id', '=', id).execute();
    return { school: id, name: school.name };
  }

  /**
   * The school a request is for: same host, and the longest school prefix the path starts with.
   * One indexed query; nothing is cached, so a school added by another process answers at once.
   */
  async resolve(host: string, path: string): Promise<{ school: School; rest: string } | null> {
    const { query, found } = this.resolution(host, path);
    return found(await query.executeTakeFirst());
  }

  /** `resolve` as its query (which the server may send along with another) and what to make of its row. */
  resolution(host: string, path: string) {
    const segments = path
      .split('?')[0]!
      .split('/')
      .filter((s) => s !== '');
    const candidates = [''];
    for (let i = 1; i <= Math.min(MAX_PREFIX_DEPTH, segments.length); i++) candidates.push(`/${segments.slice(0, i).join('/')}`);
    const query = this.db
      .selectFrom('schools')
      .selectAll()
      .where('host', '=', host.toLowerCase())
      .where('prefix', 'in', candidates)
      .orderBy(sql`length(prefix)`, 'desc')
      .limit(1);
    const found = (row: School | undefined): { school: School; rest: string } | null => {
      if (!row) return null;
      const depth = row.prefix === '' ? 0 : row.prefix.split('/').length - 1;
      return { school: row, rest: `/${segments.slice(depth).join('/')}` };
    };
    return { query, found };
  }

  /** Settings the office sent up (contacts, hours), merged over what is stored; the name as the office has it. */
  async updateSettings(db: Db, id: number, settings: Record<string, unknown>, name?: string): Promise<void> {
    await db
      .updateTable('schools')
      .set({ settings: sql<string>`settings || ${JSON.stringify(settings)}::jsonb`, ...(name ? { name } : {}) })
      .where('id', '=', id)
      .execute();
  }
}
