import type { Tx } from '@kehu/core'

/** How to build each repository of a transaction. */
export type RepoFactories = { [K in keyof Tx]: () => Tx[K] }

interface LazyState {
  factories: RepoFactories
  built: Partial<Tx>
}
const STATE = Symbol('repos')

// One prototype with a getter per repository, made once: a transaction is then one small object, and only the
// repositories it uses are built (a create touches five of twenty; building all of them for every transaction
// was a measurable part of a create's cost).
let proto: object | undefined

function protoFor(keys: (keyof Tx)[]): object {
  if (proto) return proto
  const p = {}
  for (const key of keys) {
    Object.defineProperty(p, key, {
      enumerable: true,
      get(this: { [STATE]: LazyState }) {
        const s = this[STATE]
        let repo = s.built[key]
        if (repo === undefined) {
          repo = s.factories[key]()
          ;(s.built as Record<string, unknown>)[key] = repo
        }
        return repo
      },
    })
  }
  proto = p
  return p
}

/** A `Tx` whose repositories are built on first use. */
export function lazyTx(factories: RepoFactories): Tx {
  const tx = Object.create(protoFor(Object.keys(factories) as (keyof Tx)[]))
  tx[STATE] = { factories, built: {} } satisfies LazyState
  return tx as Tx
}
