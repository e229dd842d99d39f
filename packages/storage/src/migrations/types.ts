import type { Kysely } from 'kysely'
import type { DialectKind } from '../connect.js'

export interface Migration {
  /** Zero-padded number and name, e.g. `0001-base`; applied in order, once. */
  name: string
  up(db: Kysely<unknown>, kind: DialectKind): Promise<void>
}
