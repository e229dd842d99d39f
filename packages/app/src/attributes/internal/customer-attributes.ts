import {
  type AttributeDef,
  applicableAttributeCodes,
  attributeIndexKey,
  conflict,
  type DimensionType,
  type FilterSubject,
  type Issue,
  isEmptyValue,
  normalizeNodeCode,
  type ResolveReference,
  type Tx,
  text,
  validateAttributes,
} from '@kehu/core'

export interface AttributeUniqueClaim {
  attributeId: string
  valueKey: string
}

export interface CheckedCustomerAttributes {
  /** The customer's complete attribute set in stored form (defaults applied, empties left out). */
  values: Record<string, unknown>
  /** Every problem at once, at `['attributes', CODE]`. */
  issues: Issue[]
  /** The keys to claim in `attribute_unique` (see `writeAttributeUniques`). */
  uniques: AttributeUniqueClaim[]
  /** The tenant's attribute definitions the check read (for rule conditions and printed values). */
  defs: AttributeDef[]
}

export interface AttributeCatalog {
  dimensions: DimensionType[]
  defs: AttributeDef[]
}

/** The tenant's dimensions and attribute definitions. */
export async function loadAttributeCatalog(tx: Tx, tenantId: string): Promise<AttributeCatalog> {
  const [dimensions, defs] = await Promise.all([tx.dimensions.list(tenantId), tx.attributes.list(tenantId)])
  return { dimensions, defs }
}

/**
 * Resolves reference values to node ids through the nodes of the referenced schemes (by code,
 * normalised code or id). Loads only the schemes named by `defs`.
 */
export async function referenceResolver(tx: Tx, tenantId: string, defs: AttributeDef[]): Promise<ResolveReference> {
  const schemes = new Set(defs.filter((d) => d.type === 'reference' && d.referenceScheme).map((d) => d.referenceScheme))
  const byScheme = new Map<string, Map<string, { id: string }>>()
  for (const code of schemes) {
    if (!code) continue
    const scheme = await tx.schemes.byCode(tenantId, code)
    const map = new Map<string, { id: string }>()
    if (scheme)
      for (const n of await tx.nodes.listByScheme(tenantId, scheme.id)) {
        map.set(n.code, { id: n.id })
        map.set(n.id, { id: n.id })
      }
    byScheme.set(code, map)
  }
  return (schemeCode, codeOrId) => {
    const map = byScheme.get(schemeCode)
    if (!map) return null
    const raw = codeOrId.trim()
    return map.get(raw) ?? map.get(normalizeNodeCode(raw)) ?? null
  }
}

/**
 * Checks and coerces a customer's attribute input against the attributes that apply to its classes,
 * all problems at once; applies defaults; returns the unique keys to claim. `previous` holds the
 * stored values before an edit (disabled options and attributes it holds stay allowed).
 */
export async function checkCustomerAttributes(
  tx: Tx,
  tenantId: string,
  subject: FilterSubject,
  input: Record<string, unknown> | undefined,
  previous?: Record<string, unknown>,
): Promise<CheckedCustomerAttributes> {
  const { dimensions, defs } = await loadAttributeCatalog(tx, tenantId)
  if (defs.length === 0 && (input === undefined || input === null)) return { values: {}, issues: [], uniques: [], defs }
  const applicable = applicableAttributeCodes(dimensions, defs, subject)
  const resolveReference = await referenceResolver(tx, tenantId, defs)
  const { values, issues } = validateAttributes(defs, applicable, input, {
    resolveReference,
    ...(previous ? { previous } : {}),
  })
  const uniques: AttributeUniqueClaim[] = []
  for (const def of defs) {
    if (!def.unique || !applicable.has(def.code) || isEmptyValue(values[def.code])) continue
    uniques.push({ attributeId: def.id, valueKey: attributeIndexKey(def, values[def.code]) })
  }
  return { values, issues, uniques, defs }
}

/**
 * Makes the database hold exactly `uniques` for the customer: drops its old claims, then claims each
 * key; a key another customer holds aborts with `ATTR_NOT_UNIQUE` naming the attribute and value.
 * `previousCustomerId`: a customer whose claims move to this one (e.g. a merge) are released first.
 */
export async function writeAttributeUniques(
  tx: Tx,
  tenantId: string,
  customerId: string,
  uniques: AttributeUniqueClaim[],
  previousCustomerId?: string,
  options: { isNew?: boolean } = {},
): Promise<void> {
  if (previousCustomerId) await tx.attributes.releaseUniques(tenantId, previousCustomerId)
  if (!options.isNew) await tx.attributes.releaseUniques(tenantId, customerId)
  if (uniques.length === 0) return
  const defs = await tx.attributes.list(tenantId)
  for (const u of uniques) {
    const holder = await tx.attributes.claimUnique(tenantId, u.attributeId, u.valueKey, customerId)
    if (holder === undefined) continue
    const def = defs.find((d) => d.id === u.attributeId)
    const name = def?.name ?? u.attributeId
    throw conflict(
      'ATTR_NOT_UNIQUE',
      text(
        `维度属性「${name}」的值 ${u.valueKey} 已被另一客户使用`,
        `The value ${u.valueKey} of the attribute "${name}" is already used by another customer`,
      ),
      { attribute: def?.code ?? u.attributeId, value: u.valueKey, customerId: holder },
    )
  }
}
