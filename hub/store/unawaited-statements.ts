import type pg from 'pg';

/**
 * Statements of a write transaction sent without waiting for their answer: writes whose outcome
 * the exchange's rules never read (a row recorded, a row inserted). On a connection in pipeline
 * mode (node-postgres `pipeline`) they travel with the next statement the work waits for, so a
 * package's rows cost one round trip to the server instead of one each; on any connection they
 * still run in the order given, before anything sent after them (a read sees them).
 *
 * The transaction settles them before it appends its audit records and commits: one that failed
 * fails the whole write (rolled back, never committed), with its own error rather than the
 * "transaction aborted" the statements after it met. docs/reliability.md#hub-ingest.
 */
export class UnawaitedStatements {
  private answers: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  /** Takes a statement's answer; its failure is kept for settle(), never left unhandled. */
  add(answer: Promise<unknown>): void {
    this.answers.push(
      answer.then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
  }

  /** Waits for every answer; rejects with the first failure, in the order they were sent. */
  async settle(): Promise<void> {
    await Promise.all(this.answers.splice(0));
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Puts a connection in pipeline mode (node-postgres sends each query as it is made instead of
 * after the answer to the one before) for one write transaction of the exchange, and back before
 * it returns to the pool, where other code expects one query at a time. node-postgres reads the
 * flag whenever it sends; it is switched only while nothing is queued or awaiting an answer.
 */
export function setPipelineMode(client: pg.PoolClient, on: boolean): void {
  (client as { pipeline: boolean }).pipeline = on;
}

/**
 * Sends the statements at once on a connection in pipeline mode (one round trip), one after
 * another on any other (which refuses a query while one is running); the server runs them in
 * order either way.
 */
export function inOrder<T extends unknown[]>(client: pg.PoolClient, ...statements: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if ((client as { pipeline?: boolean }).pipeline) return Promise.all(statements.map((statement) => statement())) as Promise<T>;
  return (async () => {
    const answers: unknown[] = [];
    for (const statement of statements) answers.push(await statement());
    return answers as T;
  })();
}
