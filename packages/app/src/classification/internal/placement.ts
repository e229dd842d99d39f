import {
  type AttributeDef,
  assertAssignable,
  BUILTIN_SCHEMES,
  type ClassNode,
  type ClassScheme,
  type FieldValue,
  type Issue,
  issue,
  normalizeNodeCode,
  type RecordValues,
  schemeWords,
  type Tx,
  text,
} from '@kehu/core'
import { resolveNode } from './resolve-node.js'

/** A customer's node in one scheme, with the path of nodes from level 1 down to it. */
export interface PlacedNode {
  scheme: ClassScheme
  node: ClassNode
  path: ClassNode[]
}

export type Placement = Map<string, PlacedNode>

const isBuiltin = (schemeCode: string) => (BUILTIN_SCHEMES as readonly string[]).includes(schemeCode)

async function pathOf(tx: Tx, tenantId: string, node: ClassNode): Promise<ClassNode[]> {
  const path = [node]
  let cur = node
  while (cur.parentId) {
    const parent = await tx.nodes.byId(tenantId, cur.parentId)
    if (!parent) break
    path.unshift(parent)
    cur = parent
  }
  return path
}

/**
 * Resolves node codes (or their old codes) per scheme code into nodes with paths; every unknown scheme or
 * node, and every node a customer may not sit on, becomes an issue. `assignable: false` skips that check
 * (a code preview's sample may name any node).
 */
export async function placeNodes(
  tx: Tx,
  tenantId: string,
  schemes: ClassScheme[],
  codes: Record<string, string | null>,
  issues: Issue[],
  options: { assignable?: boolean } = {},
): Promise<Placement> {
  const placed: Placement = new Map()
  for (const [schemeCode, nodeCode] of Object.entries(codes)) {
    if (nodeCode === null) continue
    const path = isBuiltin(schemeCode) ? [schemeCode] : ['classes', schemeCode]
    const scheme = schemes.find((s) => s.code === schemeCode)
    if (!scheme) {
      issues.push(
        issue(
          path,
          'SCHEME_NOT_FOUND',
          text(`分类体系 ${schemeCode} 不存在`, `Classification scheme ${schemeCode} does not exist`),
        ),
      )
      continue
    }
    // One read per scheme: the node, its path and the leaf check all come from the scheme's node list.
    const nodes = await tx.nodes.listByScheme(tenantId, scheme.id)
    const wanted = normalizeNodeCode(nodeCode)
    const node = nodes.find((n) => n.code === wanted) ?? (await resolveNode(tx, tenantId, scheme.id, nodeCode))
    if (!node) {
      issues.push(
        issue(
          path,
          'CLASS_NOT_FOUND',
          text(
            `${scheme.name}中没有编码为 ${nodeCode} 的分类`,
            `${schemeWords(scheme).en} has no class with code ${nodeCode}`,
          ),
        ),
      )
      continue
    }
    if (options.assignable !== false) {
      try {
        assertAssignable(scheme, nodes, node.id)
      } catch (e) {
        for (const i of (e as { issues?: Issue[] }).issues ?? []) issues.push({ ...i, path })
      }
    }
    placed.set(schemeCode, { scheme, node, path: pathIn(nodes, node) })
  }
  return placed
}

/** Adds the nodes automatic classification chose (node id per scheme id) to a placement. */
export async function placeAdded(
  tx: Tx,
  tenantId: string,
  schemes: ClassScheme[],
  placement: Placement,
  nodeIdsBySchemeId: Record<string, string>,
): Promise<void> {
  for (const [schemeId, nodeId] of Object.entries(nodeIdsBySchemeId)) {
    const scheme = schemes.find((s) => s.id === schemeId)
    if (!scheme || placement.has(scheme.code)) continue
    const node = await tx.nodes.byId(tenantId, nodeId)
    if (node) placement.set(scheme.code, { scheme, node, path: await pathOf(tx, tenantId, node) })
  }
}

/** The path from level 1 down to `node`, from the scheme's node list. */
function pathIn(nodes: ClassNode[], node: ClassNode): ClassNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const path = [node]
  for (let cur = node; cur.parentId && path.length <= nodes.length; ) {
    const parent = byId.get(cur.parentId)
    if (!parent) break
    path.unshift(parent)
    cur = parent
  }
  return path
}

const fieldValueOf = (p: PlacedNode): FieldValue => ({
  code: p.node.code,
  name: p.node.name,
  path: p.path.map((n) => n.code),
})

/**
 * The engine's view of a customer: its registration date, node codes with paths and names, attribute values
 * with, for choice attributes, the option's label as the name (`|map` looks a value up by code, then by name).
 */
export function recordValues(
  placement: Placement,
  registrationDate: string,
  attributes: Record<string, unknown>,
  defs: readonly AttributeDef[],
): RecordValues {
  const attributeLabels: Record<string, Record<string, string>> = {}
  for (const d of defs)
    if (d.options.length > 0) attributeLabels[d.code] = Object.fromEntries(d.options.map((o) => [o.code, o.label]))
  const fields: Record<string, FieldValue> = {}
  for (const [schemeCode, p] of placement) if (isBuiltin(schemeCode)) fields[schemeCode] = fieldValueOf(p)
  for (const [code, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || typeof value === 'object') continue
    const v = String(value)
    const name = attributeLabels[code]?.[v]
    fields[`attr:${code}`] = name === undefined ? { code: v } : { code: v, name }
  }
  return { date: registrationDate, fields }
}

/** The filter subject of a customer, for conditions (rules, automatic classes, dimensions). */
export function classesSubject(placement: Placement): Record<string, { code: string; path: string[] } | undefined> {
  const out: Record<string, { code: string; path: string[] } | undefined> = {}
  for (const [schemeCode, p] of placement) out[schemeCode] = { code: p.node.code, path: p.path.map((n) => n.code) }
  return out
}
