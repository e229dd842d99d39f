import {
  type Actor,
  type AttributeDef,
  type Customer,
  formatAttributeValue,
  formatCents,
  formatScaledDecimal,
  isEmptyValue,
  isSensitiveField,
  seesSensitive,
  type TransferColumn,
  type Tx,
  transferColumns,
  visibilityOf,
} from '@kehu/core'
import type { ClassIndex } from '../../classification/internal/class-index.js'

/**
 * The template layout for one tenant and caller: the columns of its template and exports. A caller without
 * `customer:sensitive` gets no column for a sensitive field (ADR 0029): a masked value in a file would be
 * imported back over the real one.
 */
export async function layoutFor(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  index: ClassIndex,
): Promise<{ columns: TransferColumn[]; attributes: AttributeDef[]; leftOut: string[] }> {
  const attributes = await tx.attributes.list(tenantId)
  const all = transferColumns({
    schemes: index.schemes.filter((s) => !s.builtin).map((s) => ({ code: s.code, name: s.name })),
    attributes: attributes.map((a) => ({ code: a.code, name: a.name })),
  })
  const shown = seesSensitive(actor)
  return {
    columns: all.filter((c) => shown || !isSensitiveField(c.target)),
    attributes,
    leftOut: shown ? [] : all.filter((c) => isSensitiveField(c.target)).map((c) => c.target),
  }
}

/**
 * An attribute value as the import reads it back to the same stored value (`coerceAttributeValue`): option
 * codes rather than labels (a label may equal another option's code), node codes for references, numbers at
 * the attribute's precision, booleans 是/否.
 */
export function attributeCell(def: AttributeDef, stored: unknown, index: ClassIndex): string {
  if (isEmptyValue(stored)) return ''
  switch (def.type) {
    case 'single-choice':
      return String(stored)
    case 'multi-choice':
      return (Array.isArray(stored) ? stored : [stored]).join(',')
    case 'reference':
      return index.nodeById.get(String(stored))?.code ?? String(stored)
    case 'number':
      return typeof stored === 'number' && Number.isSafeInteger(stored)
        ? formatScaledDecimal(stored, def.precision)
        : String(stored)
    default:
      return formatAttributeValue(def, stored, 'zh-CN')
  }
}

type CellOf = (c: Customer) => string

/**
 * Turns customers into rows of cells in the layout's column order. Logins and head-office codes are looked up
 * once per export, not per row; a head office the caller may not see stays empty.
 */
export function customerCells(
  columns: readonly TransferColumn[],
  attributes: readonly AttributeDef[],
  index: ClassIndex,
  actor: Actor,
) {
  const logins = new Map<string, string>()
  const heads = new Map<string, string>()
  const attrByCode = new Map(attributes.map((a) => [a.code, a]))
  const schemeIdByCode = new Map(index.schemes.map((s) => [s.code, s.id]))
  const nodeCode = (c: Customer, schemeId: string | undefined) => {
    const id = schemeId === undefined ? undefined : c.classes[schemeId]
    return id === undefined ? '' : (index.nodeById.get(id)?.code ?? '')
  }
  const text = (v: string | null | undefined) => v ?? ''
  const cellOf = (target: string): CellOf => {
    if (target === 'creditLimit') return (c) => (c.creditLimitCents === null ? '' : formatCents(c.creditLimitCents))
    if (target === 'accountManager') return (c) => (c.accountManagerId ? (logins.get(c.accountManagerId) ?? '') : '')
    if (target === 'headOffice') return (c) => (c.headOfficeId ? (heads.get(c.headOfficeId) ?? '') : '')
    if (target.startsWith('attr.')) {
      const def = attrByCode.get(target.slice(5))
      return (c) => (def ? attributeCell(def, c.attributes[def.code], index) : '')
    }
    const schemeId = schemeIdByCode.get(target.startsWith('scheme:') ? target.slice(7) : target)
    if (schemeId !== undefined) return (c) => nodeCode(c, schemeId)
    const key = target as keyof Customer
    return (c) => text(c[key] as string | null)
  }
  const cells = columns.map((col) => cellOf(col.target))
  return {
    /** Loads the logins and head offices a page needs that earlier pages did not. */
    async prepare(tx: Tx, tenantId: string, page: readonly Customer[]): Promise<void> {
      for (const c of page) {
        if (c.accountManagerId && !logins.has(c.accountManagerId))
          logins.set(c.accountManagerId, (await tx.users.byId(c.accountManagerId))?.login ?? '')
        if (c.headOfficeId && !heads.has(c.headOfficeId))
          heads.set(
            c.headOfficeId,
            (await tx.customers.byId(tenantId, visibilityOf(actor), c.headOfficeId))?.code ?? '',
          )
      }
    },
    row: (c: Customer): string[] => cells.map((cell) => cell(c)),
  }
}
