import { conflict, filterFields, mapConditions, requiredFields, type Text, type Tx, text } from '@kehu/core'
import { storedPattern } from '../../codes/internal/rule-context.js'
import { type HeldFilter, holderLabel, rewriteTenantFilters, tenantFilters } from '../../filters/tenant-filters.js'

type Holder = Pick<HeldFilter, 'kind' | 'name'>

interface References {
  printedBy: string[]
  filters: Holder[]
}

/**
 * What names each of the attributes `codes`: code rules that print it (`{attr:CODE}`) and stored filters
 * (`attr.CODE`). Rules and filters are read once for all of them.
 */
export async function attributeReferences(
  tx: Tx,
  tenantId: string,
  codes: readonly string[],
): Promise<Map<string, References>> {
  const printed = (await tx.codeRules.list(tenantId)).map((r) => {
    const p = storedPattern(r)
    return {
      name: r.name,
      attrs: new Set(p ? requiredFields(p).flatMap((f) => (f.source === 'attr' ? [f.attr] : [])) : []),
    }
  })
  const filters = (await tenantFilters(tx, tenantId)).map((h) => ({
    kind: h.kind,
    name: h.name,
    fields: filterFields(h.filter),
  }))
  return new Map(
    codes.map((code) => [
      code,
      {
        printedBy: printed.filter((r) => r.attrs.has(code)).map((r) => r.name),
        filters: filters.filter((h) => h.fields.has(`attr.${code}`)).map((h) => ({ kind: h.kind, name: h.name })),
      },
    ]),
  )
}

const join = (parts: Text[]) => text(parts.map((p) => p.zh).join('、'), parts.map((p) => p.en).join(', '))
const rulesLabel = (names: string[]) =>
  join(names.map((n) => text(`编码规则“${n}”的格式`, `the pattern of code rule "${n}"`)))

/**
 * Refuses to remove attributes something still names, listing every reference; `except` leaves out holders that
 * go with them (a deleted dimension's own scope).
 */
export async function assertAttributesUnreferenced(
  tx: Tx,
  tenantId: string,
  attrs: { code: string; name: string }[],
  except: (h: Holder) => boolean = () => false,
): Promise<void> {
  const refs: { attribute: string; printedBy: string[]; filters: Holder[] }[] = []
  const found = await attributeReferences(
    tx,
    tenantId,
    attrs.map((a) => a.code),
  )
  for (const a of attrs) {
    const r = found.get(a.code) as References
    const filters = r.filters.filter((h) => !except(h))
    if (r.printedBy.length > 0 || filters.length > 0) refs.push({ attribute: a.code, printedBy: r.printedBy, filters })
  }
  if (refs.length === 0) return
  const what = join(
    refs.flatMap((r) => [...(r.printedBy.length ? [rulesLabel(r.printedBy)] : []), ...r.filters.map(holderLabel)]),
  )
  const names = attrs
    .filter((a) => refs.some((r) => r.attribute === a.code))
    .map((a) => `「${a.name}」(${a.code})`)
    .join('、')
  throw conflict(
    'ATTR_REFERENCED',
    text(
      `维度属性 ${names} 仍被${what.zh}引用，不能删除；请先修改这些规则`,
      `The attribute ${names} is still named by ${what.en}; it cannot be deleted until those are changed`,
    ),
    { references: refs },
  )
}

/**
 * A code change of an attribute: refused while a code rule prints it (its counters are scoped by the code,
 * so a renamed code would restart them); stored filters naming it are rewritten. Returns the holders changed.
 */
export async function renameAttributeReferences(
  tx: Tx,
  tenantId: string,
  from: string,
  to: string,
  now: string,
): Promise<Holder[]> {
  const { printedBy } = (await attributeReferences(tx, tenantId, [from])).get(from) as References
  if (printedBy.length > 0)
    throw conflict(
      'ATTR_PRINTED_BY_RULE',
      text(
        `维度属性编码 ${from} 用在${rulesLabel(printedBy).zh}中，不能改名（流水号按它分段）`,
        `The attribute code ${from} is used in ${rulesLabel(printedBy).en}; it cannot be renamed (serials are counted per its value)`,
      ),
      { printedBy },
    )
  const oldField = `attr.${from}`
  const newField = `attr.${to}`
  return rewriteTenantFilters(
    tx,
    tenantId,
    (f) => mapConditions(f, (c) => (c.field === oldField ? { ...c, field: newField } : c)),
    now,
  )
}
