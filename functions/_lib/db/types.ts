export type Row = Record<string, unknown>;
export type QueryResult<T> = { rows: T[]; rowCount: number };

export interface Queryable {
  query<T = Row>(text: string, params?: unknown[]): Promise<QueryResult<T>>;
}

/** The one database interface the services see; three adapters implement it. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres' | 'neon';
  /** BEGIN … COMMIT on one connection; ROLLBACK when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Round trips to the server since start: every statement sent counts one (BEGIN and COMMIT too). */
  readonly stats: { roundTrips: number };
  close(): Promise<void>;
}
