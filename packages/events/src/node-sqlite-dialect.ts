// Kysely's SqliteDialect speaks to a better-sqlite3-shaped database; Node's built-in `node:sqlite` is one call
// away from that shape. This bridge lets the store use SQLite with no native add-on to build.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

function statement(prepared: StatementSync): SqliteStatement {
  return {
    // A statement that returns columns (SELECT, or INSERT … RETURNING) is read with `all`.
    reader: prepared.columns().length > 0,
    all: (parameters) => prepared.all(...(parameters as never[])),
    run: (parameters) => {
      const { changes, lastInsertRowid } = prepared.run(...(parameters as never[]));
      return { changes, lastInsertRowid };
    },
    iterate: (parameters) => prepared.iterate(...(parameters as never[])) as IterableIterator<unknown>,
  };
}

/** A Kysely dialect on a `node:sqlite` database file (created when missing). */
export function nodeSqliteDialect(file: string, options: { readOnly?: boolean } = {}): SqliteDialect {
  return new SqliteDialect({
    // A short busy timeout: node:sqlite waits synchronously, and a locked store should answer 503 quickly.
    database: async (): Promise<SqliteDatabase> => {
      const database = new DatabaseSync(file, { readOnly: options.readOnly ?? false, timeout: 200 });
      return { close: () => database.close(), prepare: (sql) => statement(database.prepare(sql)) };
    },
  });
}
