import {
  assertCan,
  type ClassDefaults,
  type ClassNode,
  displayName,
  isLeaf,
  type NodeScope,
  nodeScopesBySchemeId,
  visibilityOf,
} from '@kehu/core'
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
    const counts = await tx.nodes.customerCounts(tenant.id, visibilityOf(actor), scheme.id)
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
    const shown = shownNodes(nodes, nodeScopesBySchemeId(visibilityOf(actor)).get(scheme.id))
    return {
      scheme: schemeSummary(scheme, nodes.length),
      nodes: shown.map((n) => ({
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

/**
 * The nodes a member restricted on this scheme sees: those in their scopes (本级, or with the subtree) and the
 * ancestors that lead to them; everyone else sees every node.
 */
function shownNodes(nodes: ClassNode[], scopes: NodeScope[] | undefined): ClassNode[] {
  if (!scopes) return nodes
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const lineage = (n: ClassNode) => {
    const out: string[] = []
    for (
      let at: ClassNode | undefined = n;
      at && !out.includes(at.id);
      at = at.parentId ? byId.get(at.parentId) : undefined
    )
      out.push(at.id)
    return out
  }
  const keep = new Set<string>()
  for (const n of nodes) {
    const up = lineage(n)
    if (scopes.some((s) => s.nodeId === n.id || (s.subtree && up.includes(s.nodeId)))) for (const id of up) keep.add(id)
  }
  return nodes.filter((n) => keep.has(n.id))
}
