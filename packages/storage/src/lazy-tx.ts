import type { Tx } from '@kehu/core'

/** How to build each repository of a transaction. */
export type RepoFactories = { [K in keyof Tx]: () => Tx[K] }

/**
 * A `Tx` whose repositories are built on first use: a create touches about half of them, and building every
 * repository's closures for every transaction was a measurable part of a create's cost. The getters are own
 * enumerable properties, so `{ ...tx, customers: … }` still derives a transaction (tests do).
 */
export function lazyTx(factories: RepoFactories): Tx {
  const tx = {} as Tx
  const built: Partial<Record<keyof Tx, unknown>> = {}
  for (const key of Object.keys(factories) as (keyof Tx)[]) {
    Object.defineProperty(tx, key, {
      enumerable: true,
      get: () => {
        if (built[key] === undefined) built[key] = factories[key]()
        return built[key]
      },
    })
  }
  return tx
}
