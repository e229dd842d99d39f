/** Thrown at the end of a rehearsed change so that its transaction rolls back; it carries what the change did. */
export class Rehearsal<T> extends Error {
  constructor(readonly result: T) {
    super('rehearsal')
  }
}

/**
 * What a change would do now, found by running it in a transaction that is rolled back: `run` must throw a
 * `Rehearsal` with its result where it would otherwise commit. Nothing is kept.
 */
export async function rehearse<T>(run: () => Promise<unknown>): Promise<T> {
  try {
    await run()
  } catch (e) {
    if (e instanceof Rehearsal) return e.result as T
    throw e
  }
  throw new Error('a rehearsed change committed')
}
