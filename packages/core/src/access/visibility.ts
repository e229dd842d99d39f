import type { Actor } from './permissions.js'

/**
 * Which customers a caller may see. Every customer query takes one as a required argument, so no query can
 * forget the caller's data permissions once they exist; until then there is only `all`.
 */
export type Visibility = { kind: 'all' }

/** Every customer of the tenant: for the system's own checks (uniqueness, references), never for a caller's read. */
export const EVERY_CUSTOMER: Visibility = Object.freeze({ kind: 'all' })

/** The customers this actor may see (data permissions act here; until sign-in lands, all of them). */
export function visibilityOf(_actor: Actor): Visibility {
  return EVERY_CUSTOMER
}
