// PGlite with every distinct statement prepared once. PGlite's own `query` parses, plans and describes
// a statement each time, in six calls into the engine; a registration sends ~20 statements and each
// cost the request about a millisecond of the one thread the portal has. A named prepared statement
// is bound and executed in one call, and PostgreSQL keeps its plan; its row description (the result's
// column names and types) is read once, when it is prepared, not described again on every run, and
// the reply is read from the engine's bytes (`resultOf`), not through PGlite's message objects.
//
// Only data statements (SELECT, INSERT, UPDATE, DELETE, WITH) are prepared. Anything else (DDL,
// savepoints, locks) goes through PGlite's own path, and a statement that may change the schema drops
// every prepared statement, so none can answer with a stale shape. Only this process ever opens the
// embedded engine's files, so no other process can change the schema under a prepared statement.
import { parse, protocol, types, type PGlite, type Results } from '@electric-sql/pglite';
import type { PGliteDialectConfig } from 'kysely';
import { isDataStatement, mayChangeSchema } from './statement-kinds.ts';

type KyselyPglite = PGliteDialectConfig['pglite'] & object;
type Engine = Pick<
  PGlite,
  | 'query'
  | 'execProtocol'
  | 'execProtocolRawStream'
  | '_checkReady'
  | '_runExclusiveQuery'
  | '_runExclusiveTransaction'
  | 'serializers'
  | 'parsers'
>;
type Parsers = PGlite['parsers'];
/** The transaction PGlite hands its callback: a statement in it must go through it (or wait forever). */
type Transaction = Pick<PGlite, 'query'>;

interface Prepared {
  name: string;
  paramTypes: number[];
  /** The statement's columns (name and type) from when it was prepared (none when it returns no rows). */
  fields: { name: string; dataTypeID: number }[];
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

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Bind (the unnamed portal, the statement, every parameter as text, every column as text), then
 * Execute and Sync: the message `serialize.bind` makes, followed by EXECUTE_SYNC, in one buffer.
 */
function bindExecuteSync(statement: string, values: readonly (string | null)[]): Uint8Array {
  const name = encoder.encode(statement);
  const encoded = values.map((v) => (v === null ? null : encoder.encode(v)));
  const length = 4 + name.length + 2 + 2 + 2 * encoded.length + 2 + encoded.reduce((n, e) => n + 4 + (e?.length ?? 0), 0) + 2;
  const out = new Uint8Array(1 + length + EXECUTE_SYNC.length);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  view.setInt32(1, length);
  let at = 6; // after the portal's name: '' (its terminating zero is out[5])
  out.set(name, at);
  at += name.length + 1;
  view.setInt16(at, encoded.length);
  at += 2 + 2 * encoded.length; // each parameter's format: 0, text
  view.setInt16(at, encoded.length);
  at += 2;
  for (const e of encoded) {
    view.setInt32(at, e === null ? -1 : e.length);
    at += 4;
    if (e !== null) out.set(e, at);
    at += e?.length ?? 0;
  }
  at += 2; // no result formats: every column as text
  out.set(EXECUTE_SYNC, at);
  return out;
}
const DATA_ROW = 0x44; // 'D'
const COMMAND_COMPLETE = 0x43; // 'C'
const ERROR = 0x45; // 'E'

/**
 * The result of one Bind/Execute/Sync, read from the engine's reply as PGlite's `parseResults` reads
 * it (rows as objects, each value through the same parsers; the command tag's count): only DataRow
 * and CommandComplete carry it. A reply with an error is read by PGlite's own parser and its first
 * error thrown, as `execProtocol` throws it. Notices are dropped, as PGlite drops them.
 */
function resultOf<T>(reply: Uint8Array, fields: Prepared['fields'], parsers: Parsers): Results<T> {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  const rows: Record<string, unknown>[] = [];
  let result: Results<T> | null = null;
  for (let at = 0; at < reply.length; at += 1 + view.getInt32(at + 1)) {
    const type = reply[at];
    if (type === DATA_ROW) {
      const row: Record<string, unknown> = {};
      let p = at + 7;
      for (let i = 0, n = view.getInt16(at + 5); i < n; i++) {
        const length = view.getInt32(p);
        p += 4;
        const text = length < 0 ? null : decoder.decode(reply.subarray(p, (p += length)));
        const field = fields[i]!;
        const value: unknown = types.parseType(text, field.dataTypeID, parsers);
        // As Object.fromEntries makes it: a column named __proto__ is a property, not the prototype.
        if (field.name === '__proto__')
          Object.defineProperty(row, field.name, { value, enumerable: true, writable: true, configurable: true });
        else row[field.name] = value;
      }
      rows.push(row);
    } else if (type === COMMAND_COMPLETE && result === null) {
      const tag = decoder.decode(reply.subarray(at + 5, at + view.getInt32(at + 1)));
      const parts = tag.split(' ');
      const command = parts[0]!;
      const count = parseInt(parts[parts.length - 1]!, 10);
      const affectedRows = ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command) ? count : 0;
      result = { rows: rows as T[], fields, command, affectedRows, ...(Number.isNaN(count) ? {} : { rowCount: count }) } as Results<T>;
    } else if (type === ERROR) {
      throw firstError(reply);
    }
  }
  return result ?? { rows: [], fields: [], affectedRows: 0 };
}

function firstError(reply: Uint8Array): Error {
  let error: Error | undefined;
  new protocol.Parser().parse(reply, (message) => {
    if (!error && message instanceof protocol.messages.DatabaseError) error = message;
  });
  return error ?? new Error('PGlite: an error reply that could not be read');
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
      const chunks: Uint8Array[] = [];
      await this.#engine.execProtocolRawStream(bindExecuteSync(statement.name, values), {
        syncToFs,
        // A view of the engine's memory, valid only during the call.
        onRawData: (bytes) => chunks.push(bytes.slice()),
      });
      return resultOf<T>(chunks.length === 1 ? chunks[0]! : concatParts(chunks), statement.fields, this.#engine.parsers);
    });
  }

  async #prepare(text: string): Promise<Prepared> {
    const name = `k${this.#next++}`;
    const { messages } = await this.#engine.execProtocol(
      concatParts([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const description = messages.find((m) => m instanceof protocol.messages.RowDescriptionMessage);
    const fields = (description?.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages), fields };
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
