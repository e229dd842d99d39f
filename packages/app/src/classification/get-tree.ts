import { assertCan, type ClassDefaults, displayName, isLeaf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { aliasesByNode } from './internal/node-lookup.js'
import { loadScheme } from './internal/scheme-context.js'
import { type SchemeSummary, schemeSummary } from './list-schemes.js'

export interface TreeNode {
  id: string
  code: string
  name: string
  /** `(01001) 华北大客户` */
  displayName: string
  parentCode: string | null
  level: number
  leaf: boolean
  enabled: boolean
  /** Customers on this node itself. */
  customerCount: number
  /** Customers on this node and every node below it. */
  subtreeCustomerCount: number
  /** Old codes (kept after a move or a merge); they still find this node. */
  aliases: string[]
  defaults: ClassDefaults
}

export interface Tree {
  scheme: SchemeSummary
  /** Nodes in code order (parents before their children). */
  nodes: TreeNode[]
}

/** One scheme with every node: level, leaf flag, customer counts, aliases and display name. */
export async function getTree({ deps, actor, tenant: tenantCode }: RequestContext, schemeCode: string): Promise<Tree> {
  assertCan(actor, 'class:read')
  return deps.store.read(async (tx) => {
    const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
    const counts = await tx.nodes.customerCounts(tenant.id, scheme.id)
    const aliases = await aliasesByNode(tx, scheme)
    const byId = new Map(nodes.map((n) => [n.id, n]))
    const subtree = new Map<string, number>()
    for (const n of nodes) {
      const own = counts.get(n.id) ?? 0
      if (own === 0) continue
      const seen = new Set<string>()
      for (let at: string | null = n.id; at !== null && !seen.has(at); at = byId.get(at)?.parentId ?? null) {
        seen.add(at)
        subtree.set(at, (subtree.get(at) ?? 0) + own)
      }
    }
    return {
      scheme: schemeSummary(scheme, nodes.length),
      nodes: nodes.map((n) => ({
        id: n.id,
        code: n.code,
        name: n.name,
        displayName: displayName(n),
        parentCode: n.parentId ? (byId.get(n.parentId)?.code ?? null) : null,
        level: n.level,
        leaf: isLeaf(nodes, n.id),
        enabled: n.enabled,
        customerCount: counts.get(n.id) ?? 0,
        subtreeCustomerCount: subtree.get(n.id) ?? 0,
        aliases: aliases.get(n.id) ?? [],
        defaults: n.defaults,
      })),
    }
  })
}
