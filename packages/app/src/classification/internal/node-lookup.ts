import { type ClassNode, type ClassScheme, notFound, schemeWords, type Tx, text } from '@kehu/core'
import { resolveNode } from './resolve-node.js'

/** The node of a scheme with this code or old code (alias); throws not-found `CLASS_NOT_FOUND`. */
export async function requireNode(tx: Tx, scheme: ClassScheme, code: string): Promise<ClassNode> {
  const node = await resolveNode(tx, scheme.tenantId, scheme.id, code)
  if (!node)
    throw notFound(
      'CLASS_NOT_FOUND',
      text(
        `分类体系 ${scheme.name} 中没有编码为 ${code} 的分类`,
        `The scheme ${schemeWords(scheme).en} has no class with code ${code}`,
      ),
      { scheme: scheme.code, code },
    )
  return node
}

/** Old codes per node id. */
export async function aliasesByNode(tx: Tx, scheme: ClassScheme): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for (const a of await tx.nodes.aliases(scheme.tenantId, scheme.id)) {
    const list = out.get(a.nodeId) ?? []
    list.push(a.code)
    out.set(a.nodeId, list)
  }
  for (const list of out.values()) list.sort()
  return out
}
