import {
  type ClassNode,
  type ClassScheme,
  CUSTOMER_FILTER_FIELD_NAMES,
  type Customer,
  type FilterSubject,
  type KnownFilterFields,
  type Tx,
  type Visibility,
} from '@kehu/core'

/** Every scheme and node of a tenant, indexed for building filter subjects. */
export interface ClassIndex {
  schemes: ClassScheme[]
  schemeById: Map<string, ClassScheme>
  nodesByScheme: Map<string, ClassNode[]>
  nodeById: Map<string, ClassNode>
  /** Code path (level 1 down to the node) per node id. */
  pathById: Map<string, string[]>
}

// The configuration cache hands out the same frozen lists while a tenant's configuration is unchanged (ADR 0009),
// so an index built from them is kept beside them: a batch of creates builds it once, not once per customer.
const built = new WeakMap<readonly ClassScheme[], { lists: readonly ClassNode[][]; index: ClassIndex }>()

export async function loadClassIndex(tx: Tx, tenantId: string): Promise<ClassIndex> {
  const schemes = await tx.schemes.list(tenantId)
  const lists: ClassNode[][] = []
  for (const s of schemes) lists.push(await tx.nodes.listByScheme(tenantId, s.id))
  const known = built.get(schemes)
  if (known && known.lists.length === lists.length && known.lists.every((l, i) => l === lists[i])) return known.index
  const nodesByScheme = new Map<string, ClassNode[]>()
  const nodeById = new Map<string, ClassNode>()
  const pathById = new Map<string, string[]>()
  schemes.forEach((s, i) => {
    const nodes = lists[i] ?? []
    nodesByScheme.set(s.id, nodes)
    for (const n of nodes) nodeById.set(n.id, n)
    for (const n of nodes) pathOf(n, nodeById, pathById)
  })
  const index = { schemes, schemeById: new Map(schemes.map((s) => [s.id, s])), nodesByScheme, nodeById, pathById }
  if (Object.isFrozen(schemes)) built.set(schemes, { lists, index })
  return index
}

/**
 * The node's code path, memoised in `paths`: one pass over the tree instead of core's pathCodes per node, which
 * searches the node list for every ancestor (quadratic; it made every create with a large region tree slow).
 */
function pathOf(node: ClassNode, byId: Map<string, ClassNode>, paths: Map<string, string[]>): string[] {
  const known = paths.get(node.id)
  if (known) return known
  paths.set(node.id, [node.code]) // a cycle in stored data ends here instead of recursing forever
  const parent = node.parentId === null ? undefined : byId.get(node.parentId)
  const path = parent ? [...pathOf(parent, byId, paths), node.code] : [node.code]
  paths.set(node.id, path)
  return path
}

/** A customer (or a customer being created) as a filter sees it; `classes` is node id per scheme id. */
export function filterSubjectOf(
  c: Partial<Customer> & { classes: Record<string, string>; attributes?: Record<string, unknown> },
  index: ClassIndex,
): FilterSubject {
  const classes: FilterSubject['classes'] = {}
  for (const s of index.schemes) {
    const nodeId = c.classes[s.id]
    const node = nodeId ? index.nodeById.get(nodeId) : undefined
    classes[s.code] = node ? { code: node.code, path: index.pathById.get(node.id) ?? [node.code] } : undefined
  }
  const { classes: _c, attributes, ...fields } = c
  return { fields, classes, attributes: attributes ?? {} }
}

/** What a filter may name in this tenant: the plain fields, every scheme, every attribute. */
export async function knownFilterFields(tx: Tx, tenantId: string, schemes: ClassScheme[]): Promise<KnownFilterFields> {
  return {
    fields: CUSTOMER_FILTER_FIELD_NAMES,
    schemes: schemes.map((s) => s.code),
    attributes: await tx.attributes.list(tenantId),
  }
}

/** Visits every customer of the tenant the caller sees, in code order, a page at a time. */
export async function forEachCustomer(
  tx: Tx,
  tenantId: string,
  visible: Visibility,
  visit: (c: Customer) => void | Promise<void>,
  pageSize = 500,
): Promise<void> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await tx.customers.find(tenantId, visible, { limit: pageSize, offset })
    for (const c of page.items) await visit(c)
    if (page.items.length < pageSize) return
  }
}
