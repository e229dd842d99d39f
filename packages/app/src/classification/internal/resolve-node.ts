import { type ClassNode, normalizeNodeCode, type Tx } from '@kehu/core'

/** The node of a scheme with this code, or whose old code (alias, kept by a move or merge) it is. */
export async function resolveNode(
  tx: Tx,
  tenantId: string,
  schemeId: string,
  code: string,
): Promise<ClassNode | undefined> {
  const wanted = normalizeNodeCode(code)
  if (wanted === '') return undefined
  const live = await tx.nodes.byCode(tenantId, schemeId, wanted)
  if (live) return live
  const alias = (await tx.nodes.aliases(tenantId, schemeId)).find((a) => normalizeNodeCode(a.code) === wanted)
  return alias ? tx.nodes.byId(tenantId, alias.nodeId) : undefined
}
