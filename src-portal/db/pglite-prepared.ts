// PGlite with every distinct statement prepared once. PGlite's own `query` parses, plans and describes
// a statement each time, in six calls into the engine; a registration sends ~20 statements and each
// cost the request about a millisecond of the one thread the portal has. A named prepared statement
// is bound and executed in one call, and PostgreSQL keeps its plan; its row description (the result's
// column names and types) is read once, when it is prepared, not described again on every run.
//
// Only data statements (SELECT, INSERT, UPDATE, DELETE, WITH) are prepared. Anything else (DDL,
// savepoints, locks) goes through PGlite's own path, and a statement that may change the schema drops
// every prepared statement, so none can answer with a stale shape. Only this process ever opens the
// embedded engine's files, so no other process can change the schema under a prepared statement.
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import type { PGliteDialectConfig } from 'kysely';
import { isDataStatement, mayChangeSchema } from './statement-kinds.ts';

type KyselyPglite = PGliteDialectConfig['pglite'] & object;
type Engine = Pick<
  PGlite,
  'query' | 'execProtocol' | '_checkReady' | '_runExclusiveQuery' | '_runExclusiveTransaction' | 'serializers' | 'parsers'
>;
type BackendMessage = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];
/** The transaction PGlite hands its callback: a statement in it must go through it (or wait forever). */
type Transaction = Pick<PGlite, 'query'>;

interface Prepared {
  name: string;
  paramTypes: number[];
  /** The statement's row description from when it was prepared (none when it returns no rows). */
  rows: BackendMessage[];
}

const serialize = protocol.serialize;
/** Execute and Sync: the same bytes after every Bind. */
const EXECUTE_SYNC = concatParts([serialize.execute({}), serialize.sync()]);

function concatParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export class PreparedStatements {
  readonly #engine: Engine;
  readonly #prepared = new Map<string, Prepared>();
  #next = 0;

  constructor(engine: Engine) {
    this.#engine = engine;
  }

  /** How many statements are prepared now (for tests). */
  get size(): number {
    return this.#prepared.size;
  }

  /** Runs one statement outside a transaction: it waits for any transaction, as PGlite's `query` does. */
  async query<T>(text: string, params: readonly unknown[] = []): Promise<Results<T>> {
    if (!isDataStatement(text)) return this.#passThrough<T>(text, params, null);
    await this.#engine._checkReady();
    return this.#engine._runExclusiveTransaction(() => this.#execute<T>(text, params, true));
  }

  /** Runs one statement inside PGlite's transaction `tx`; the files are written at its commit. */
  inTransaction<T>(tx: Transaction, text: string, params: readonly unknown[] = []): Promise<Results<T>> {
    if (!isDataStatement(text)) return this.#passThrough<T>(text, params, tx);
    return this.#execute<T>(text, params, false);
  }

  #execute<T>(text: string, params: readonly unknown[], syncToFs: boolean): Promise<Results<T>> {
    return this.#engine._runExclusiveQuery(async () => {
      const statement = this.#prepared.get(text) ?? (await this.#prepare(text));
      const values = params.map((value, i) => this.#serialize(value, statement.paramTypes[i]!));
      const { messages } = await this.#engine.execProtocol(
        concatParts([serialize.bind({ statement: statement.name, values }), EXECUTE_SYNC]),
        {
          syncToFs,
        },
      );
      return parse.parseResults([...statement.rows, ...messages], this.#engine.parsers, { rowMode: 'object' })[0] as Results<T>;
    });
  }

  async #prepare(text: string): Promise<Prepared> {
    const name = `k${this.#next++}`;
    const { messages } = await this.#engine.execProtocol(
      concatParts([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const prepared = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rows: messages.filter((m) => m.name === 'rowDescription'),
    };
    this.#prepared.set(text, prepared);
    return prepared;
  }

  /** As PGlite's own `query` turns a parameter into text. */
  #serialize(value: unknown, type: number): string | null {
    if (value === null || value === undefined) return null;
    const serializer = this.#engine.serializers[type];
    return serializer ? serializer(value) : String(value);
  }

  /** PGlite's own path (it takes PGlite's locks itself); a statement that may change the schema also drops the prepared ones. */
  async #passThrough<T>(text: string, params: readonly unknown[], tx: Transaction | null): Promise<Results<T>> {
    const results = await (tx ?? this.#engine).query<T>(text, [...params], { rowMode: 'object' });
    if (mayChangeSchema(text) && this.#prepared.size > 0) {
      this.#prepared.clear();
      // DEALLOCATE is not transactional: it holds whether the transaction commits or not.
      const deallocate = () =>
        this.#engine._runExclusiveQuery(() => this.#engine.execProtocol(serialize.query('DEALLOCATE ALL'), { syncToFs: false }));
      await (tx ? deallocate() : this.#engine._runExclusiveTransaction(deallocate));
    }
    return results;
  }
}

/** The engine as kysely's PGlite dialect uses it, with data statements prepared once. */
export function withPreparedStatements(engine: PGlite): { pglite: KyselyPglite; statements: PreparedStatements } {
  const statements = new PreparedStatements(engine);
  const pglite: KyselyPglite = {
    get closed() {
      return engine.closed;
    },
    get ready() {
      return engine.ready;
    },
    get waitReady() {
      return engine.waitReady;
    },
    close: () => engine.close(),
    query: (text, params) => statements.query(text, params),
    transaction: (callback) =>
      engine.transaction((tx) =>
        callback({ query: (text, params) => statements.inTransaction(tx, text, params), rollback: () => tx.rollback() }),
      ),
  };
  return { pglite, statements };
}
