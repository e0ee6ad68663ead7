import { CompiledQuery, SqliteAdapter, type QueryResult } from 'kysely';
import { directStatements, type Db } from './db.js';

/**
 * A query built and compiled by Kysely once per dialect, then run with new parameters: building
 * and compiling the operation tree cost more than running the statement itself on the hot path
 * (a dispatch runs ~7 queries). Portable like any Kysely query: the SQL text comes from the
 * dialect's own compiler, the first time the query runs on it.
 *
 * `build` receives stand-ins for the parameters and must use each as a plain value (a column value,
 * a comparison operand), never inspect it: what Kysely compiles in its place is swapped for the
 * real value at run time. Lists (`in (…)`) cannot be parameters: build a query per list length.
 * @example
 *   const byId = prepared((db, id: string) => db.selectFrom('cases').selectAll().where('id', '=', id));
 *   const { rows } = await byId(trx, 'cas_1');
 */
export function prepared<R, P extends unknown[]>(build: (db: Db, ...params: P) => { compile(): CompiledQuery<R> }): (db: Db, ...params: P) => Promise<QueryResult<R>> {
  const byDialect = new Map<unknown, Shape>();
  return (db, ...params) => {
    const statements = directStatements(db);
    if (statements) return runDirect(statements, sqliteShape(db, params.length), params) as Promise<QueryResult<R>>;
    const dialect = db.getExecutor().adapter.constructor;
    let shape = byDialect.get(dialect);
    if (!shape) {
      shape = compileShape(db, build as (db: Db, ...p: unknown[]) => { compile(): CompiledQuery<unknown> }, params.length);
      byDialect.set(dialect, shape);
    }
    return db.executeQuery(CompiledQuery.raw(shape.sql, values(shape, params))) as Promise<QueryResult<R>>;
  };
  function sqliteShape(db: Db, arity: number): Shape {
    let shape = byDialect.get(SqliteAdapter);
    if (!shape) {
      shape = compileShape(db, build as (db: Db, ...p: unknown[]) => { compile(): CompiledQuery<unknown> }, arity);
      byDialect.set(SqliteAdapter, shape);
    }
    return shape;
  }
}

const values = (shape: Shape, params: unknown[]): unknown[] => shape.slots.map((s) => (typeof s === 'number' ? params[s] : s.value));

/**
 * Inside a SQLite write group, or on the read-only connection: the statement run as Kysely's driver
 * would run it (same statement cache, same result shape), without the executor's per-query work
 * (connection hand-over, result transforms, frozen copies), which cost more than running a small statement.
 */
function runDirect(statements: NonNullable<ReturnType<typeof directStatements>>, shape: Shape, params: unknown[]): Promise<QueryResult<unknown>> {
  try {
    const stmt = statements.prepare(shape.sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(values(shape, params)) });
    const { changes, lastInsertRowid } = stmt.run(values(shape, params));
    return Promise.resolve({ rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) });
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Per compiled parameter: the index of the caller's parameter, or a constant the query fixed. */
type Shape = { sql: string; slots: Array<number | { value: unknown }> };

const STAND_IN = '\u0000amends-parameter-';

function compileShape(db: Db, build: (db: Db, ...p: unknown[]) => { compile(): CompiledQuery<unknown> }, arity: number): Shape {
  const standIns = Array.from({ length: arity }, (_, i) => `${STAND_IN}${i}\u0000`);
  const compiled = build(db, ...standIns).compile();
  const slots = compiled.parameters.map((p) => {
    if (typeof p === 'string' && p.startsWith(STAND_IN)) return Number(p.slice(STAND_IN.length, -1));
    return { value: p };
  });
  const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
  if (used.size !== arity) throw new Error(`prepared query uses ${used.size} of its ${arity} parameters as plain values: ${compiled.sql}`);
  return { sql: compiled.sql, slots };
}

/** Rows a prepared INSERT, UPDATE or DELETE changed. */
export const affected = (r: Pick<QueryResult<unknown>, 'numAffectedRows'>): number => Number(r.numAffectedRows ?? 0);

/** A prepared query per list length, for queries with `in (…)` lists (few lengths occur). */
export function perLength<F>(make: (n: number) => F): (n: number) => F {
  const made = new Map<number, F>();
  return (n) => {
    let f = made.get(n);
    if (!f) {
      f = make(n);
      made.set(n, f);
    }
    return f;
  };
}
