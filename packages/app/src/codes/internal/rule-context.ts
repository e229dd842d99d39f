import {
  type AttributeDef,
  type ClassNode,
  type ClassScheme,
  type CodeMapRecord,
  type CodePattern,
  type CodeRule,
  type FieldRef,
  type FieldValue,
  type MapTable,
  parsePattern,
  type RuleContext,
  type Tenant,
  type Tx,
} from '@kehu/core'

const SCHEME_SOURCES = ['type', 'region', 'industry', 'class'] as const
type SchemeSource = (typeof SCHEME_SOURCES)[number]

/** What the code-rule use cases know about a tenant: its schemes with nodes, map tables and rules. */
export interface TenantCodeContext {
  tenant: Tenant
  schemes: Partial<Record<SchemeSource, { scheme: ClassScheme; nodes: ClassNode[] }>>
  maps: MapTable[]
  mapRecords: CodeMapRecord[]
  rules: CodeRule[]
  /** Every scheme code, user schemes too (a rule's condition may name any). */
  schemeCodes: string[]
  /** Attribute definitions: choice and boolean attributes have a finite set of values a rule may print. */
  attributes: AttributeDef[]
}

/** Loads the tenant's code context inside a transaction (read or write). */
export async function loadCodeContext(tx: Tx, tenant: Tenant): Promise<TenantCodeContext> {
  const schemes: TenantCodeContext['schemes'] = {}
  const all = await tx.schemes.list(tenant.id)
  for (const s of all) {
    if (!(SCHEME_SOURCES as readonly string[]).includes(s.code)) continue
    schemes[s.code as SchemeSource] = { scheme: s, nodes: await tx.nodes.listByScheme(tenant.id, s.id) }
  }
  const mapRecords = await tx.codeMaps.list(tenant.id)
  return {
    tenant,
    schemes,
    mapRecords,
    maps: mapRecords.map((m) => ({ name: m.name, entries: m.entries })),
    rules: await tx.codeRules.list(tenant.id),
    schemeCodes: all.map((s) => s.code),
    attributes: await tx.attributes.list(tenant.id),
  }
}

/** Node codes from level 1 down to the node, following parents. */
export function nodePath(node: ClassNode, byId: Map<string, ClassNode>): string[] {
  const path: string[] = []
  let cur: ClassNode | undefined = node
  for (let guard = 0; cur && guard < 32; guard++) {
    path.unshift(cur.code)
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  }
  return path
}

/** A node as the engine sees a customer's value: code, name and path. */
export function nodeValue(node: ClassNode, byId: Map<string, ClassNode>): FieldValue {
  return { code: node.code, name: node.name, path: nodePath(node, byId) }
}

/** The values an attribute can print: a single choice's option codes (labels as names), a boolean's two. */
function attributeValues(def: AttributeDef | undefined): FieldValue[] | undefined {
  if (!def) return undefined
  if (def.type === 'single-choice') return def.options.map((o) => ({ code: o.code, name: o.label }))
  if (def.type === 'boolean') return [{ code: 'true' }, { code: 'false' }]
  return undefined
}

/**
 * The values a field can take in this tenant: the nodes a customer can sit on (leaves of a
 * leaf-only scheme). An empty scheme is "unknown" so that the check stays conservative until
 * nodes exist; choice and boolean attributes have their values, other attributes only go through a map.
 */
export function valueSets(ctx: TenantCodeContext): (ref: FieldRef) => FieldValue[] | undefined {
  const cache = new Map<string, FieldValue[] | undefined>()
  return (ref) => {
    if (ref.source === 'attr') return attributeValues(ctx.attributes.find((a) => a.code === ref.attr))
    const hit = cache.get(ref.source)
    if (hit || cache.has(ref.source)) return hit
    const entry = ctx.schemes[ref.source]
    let out: FieldValue[] | undefined
    if (entry && entry.nodes.length > 0) {
      const byId = new Map(entry.nodes.map((n) => [n.id, n]))
      const parents = new Set(entry.nodes.map((n) => n.parentId).filter((p): p is string => p !== null))
      const usable = entry.scheme.leafOnly ? entry.nodes.filter((n) => !parents.has(n.id)) : entry.nodes
      out = usable.map((n) => nodeValue(n, byId))
    }
    cache.set(ref.source, out)
    return out
  }
}

/** Parses a stored pattern; null when it no longer parses (never expected: patterns are checked on save). */
export function storedPattern(rule: CodeRule): CodePattern | null {
  try {
    return parsePattern(rule.pattern)
  } catch {
    return null
  }
}

/** The engine's RuleContext for checking a rule against this tenant; `exceptRuleId` is the rule itself. */
export function ruleContextOf(ctx: TenantCodeContext, exceptRuleId?: string, maps?: MapTable[]): RuleContext {
  const levels: RuleContext['levels'] = {}
  for (const src of SCHEME_SOURCES) {
    const e = ctx.schemes[src]
    if (e) levels[src] = e.scheme.levels
  }
  const otherRules: { name: string; pattern: CodePattern }[] = []
  for (const r of ctx.rules) {
    if (!r.enabled || r.id === exceptRuleId) continue
    const p = storedPattern(r)
    if (p) otherRules.push({ name: r.name, pattern: p })
  }
  return { values: valueSets(ctx), maps: maps ?? ctx.maps, levels, otherRules }
}
