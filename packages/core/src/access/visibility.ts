import type { Actor } from './permissions.js'

/** A node scope as storage tests it: the node, its scheme, its id path (`/root/…/self/`), and whether its subtree counts. */
export interface NodeScope {
  schemeId: string
  nodeId: string
  path: string
  /** 本级及下级 (true) or 本级 only (false). */
  subtree: boolean
}

/**
 * Which customers a caller may see. Every customer query takes one as a required argument, so no query can
 * forget the caller's data permissions (docs/decisions/0027-data-scopes.md). `scoped`: node scopes of one scheme
 * are united, different schemes intersect, and `ownerId` (the `own` scope) keeps only the customers that user
 * manages. A scoped visibility belongs to one tenant: in any other it shows nothing.
 */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'scoped'; tenantId: string; nodes: readonly NodeScope[]; ownerId: string | null }

/** Every customer of the tenant: for the system's own checks (uniqueness, references), never for a caller's read. */
export const EVERY_CUSTOMER: Visibility = Object.freeze({ kind: 'all' })

/** The customers this actor may see: the data scopes of their membership in the tenant they act in. */
export function visibilityOf(actor: Actor): Visibility {
  return actor.visibility ?? EVERY_CUSTOMER
}

/** The node scopes of a visibility grouped by scheme id (united within a scheme, intersected across). */
export function nodeScopesBySchemeId(visible: Visibility): Map<string, NodeScope[]> {
  const out = new Map<string, NodeScope[]>()
  if (visible.kind === 'scoped') for (const s of visible.nodes) out.set(s.schemeId, [...(out.get(s.schemeId) ?? []), s])
  return out
}

/** A member's data scope as given: a class node (本级, or 本级及下级 with `subtree`), or their own customers. */
export type ScopeInput = { kind: 'node'; nodeId: string; subtree: boolean } | { kind: 'own' }

/** A stored data scope of a member of a tenant. */
export type DataScope = ScopeInput & { tenantId: string; userId: string; id: string; createdAt: string }

/**
 * A number of customers as a caller may hear it: the number when they see every customer, else only that there are
 * some — a plan or refusal must act on every customer, but a scoped caller must not learn how many are hidden
 * (docs/decisions/0030-counts-for-scoped-callers.md).
 */
export type CustomerTally = number | 'some'

export const tallyFor = (visible: Visibility, n: number): CustomerTally =>
  visible.kind === 'all' || n === 0 ? n : 'some'

/** To follow 有 / has: " 3 个客户" / "3 customers", or just 客户 / customers when the number is withheld. */
export const customersWords = (t: CustomerTally): { zh: string; en: string } =>
  t === 'some' ? { zh: '客户', en: 'customers' } : { zh: ` ${t} 个客户`, en: `${t} customers` }
