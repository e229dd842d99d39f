import { type Filter, type Text, type Tx, text } from '@kehu/core'

/** A stored filter of a tenant and what holds it. */
export interface HeldFilter {
  kind: 'classRule' | 'codeRule' | 'dimension'
  name: string
  filter: Filter
  /** Saves the holder with a new filter. */
  save(filter: Filter, now: string): Promise<void>
}

/** Every stored filter of the tenant: automatic class rules, code-rule conditions, dimension `appliesTo`. */
export async function tenantFilters(tx: Tx, tenantId: string): Promise<HeldFilter[]> {
  const out: HeldFilter[] = []
  for (const s of await tx.schemes.list(tenantId))
    for (const r of await tx.classRules.list(tenantId, s.id))
      out.push({
        kind: 'classRule',
        name: r.name,
        filter: r.condition as Filter,
        save: (condition, now) => tx.classRules.update({ ...r, condition, updatedAt: now }),
      })
  for (const r of await tx.codeRules.list(tenantId))
    if (r.condition)
      out.push({
        kind: 'codeRule',
        name: r.name,
        filter: r.condition as Filter,
        save: (condition, now) => tx.codeRules.update({ ...r, condition, updatedAt: now }),
      })
  for (const d of await tx.dimensions.list(tenantId))
    if (d.appliesTo)
      out.push({
        kind: 'dimension',
        name: d.code,
        filter: d.appliesTo,
        save: (appliesTo, now) => tx.dimensions.update(tenantId, { ...d, appliesTo }, now),
      })
  return out
}

const KIND_LABEL: Record<HeldFilter['kind'], Text> = {
  classRule: text('自动分类规则', 'automatic class rule'),
  codeRule: text('编码规则条件', 'code rule condition'),
  dimension: text('管理维度适用范围', 'dimension scope'),
}

/** How a holder is named in messages, e.g. `自动分类规则“北京客户”` / `automatic class rule "北京客户"`. */
export const holderLabel = (h: Pick<HeldFilter, 'kind' | 'name'>): Text =>
  text(`${KIND_LABEL[h.kind].zh}“${h.name}”`, `${KIND_LABEL[h.kind].en} "${h.name}"`)

/**
 * Applies `rewrite` to every stored filter of the tenant and saves those it changed (same object = unchanged).
 * Returns the holders changed.
 */
export async function rewriteTenantFilters(
  tx: Tx,
  tenantId: string,
  rewrite: (f: Filter) => Filter,
  now: string,
): Promise<Pick<HeldFilter, 'kind' | 'name'>[]> {
  const changed: Pick<HeldFilter, 'kind' | 'name'>[] = []
  for (const h of await tenantFilters(tx, tenantId)) {
    const next = rewrite(h.filter)
    if (next === h.filter) continue
    await h.save(next, now)
    changed.push({ kind: h.kind, name: h.name })
  }
  return changed
}
