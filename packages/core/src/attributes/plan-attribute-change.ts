import { conflict, invalid, type Text, text } from '../errors.js'
import type { AttributeDef } from './attribute-def.js'
import { coerceAttributeValue, isEmptyValue, type ResolveReference } from './coerce-attribute-value.js'
import { formatScaledDecimal } from './scaled-decimal.js'
import { validateAttributeDef } from './validate-attribute-def.js'

export interface ExistingAttributeValue {
  customerId: string
  /** The customer's code, for the conflict list. */
  code: string
  /** The stored value under the old definition. */
  value: unknown
}

export interface AttributeConflict {
  customerId: string
  code: string
  value: unknown
  reason: Text
}

export interface AttributeRewrite {
  customerId: string
  code: string
  from: unknown
  to: unknown
}

export interface AttributeChangePlan {
  /** Values the new definition would refuse; the change must not run while there are any. */
  conflicts: AttributeConflict[]
  /** Stored form of the default (what a new customer's form starts with); null: none. */
  storedDefault: unknown | null
  /** Values whose stored form changes (type or precision change), to write with the new definition. */
  rewrites: AttributeRewrite[]
}

/** The stored value in the form `validateAttributes` accepts, as the new type would read it. */
function inputForm(oldDef: AttributeDef, stored: unknown, newType: AttributeDef['type']): unknown {
  let v = stored
  if (oldDef.type === 'number' && typeof stored === 'number' && Number.isSafeInteger(stored))
    v = formatScaledDecimal(stored, oldDef.precision)
  if (newType === 'text') {
    if (typeof v === 'boolean') return v ? 'true' : 'false'
    if (Array.isArray(v)) return v.join(', ')
  }
  if (newType === 'single-choice' && Array.isArray(v) && v.length === 1) return v[0]
  return v
}

/**
 * Plans a definition change against the values customers hold (oldDef null: a new attribute).
 * Lists every conflict before anything changes: values the new type cannot read, lost decimals on a
 * precision decrease, removed options still in use, values outside tightened constraints. A newly
 * required attribute writes nothing into existing customers (docs/decisions/0014-design-brief.md, C: no invented data).
 * Throws `invalid` for an unsound new definition, `conflict` for a code change of a used attribute.
 */
export function planAttributeChange(
  oldDef: AttributeDef | null,
  newDef: AttributeDef,
  existing: ExistingAttributeValue[],
  opts: { resolveReference?: ResolveReference } = {},
): AttributeChangePlan {
  const defIssues = validateAttributeDef(newDef, opts)
  if (defIssues.length)
    throw invalid(
      'ATTR_DEF_INVALID',
      text(`维度属性「${newDef.name}」的定义有误`, `The attribute "${newDef.name}" is not sound`),
      defIssues,
    )
  const held = existing.filter((e) => !isEmptyValue(e.value))
  if (oldDef && oldDef.code !== newDef.code && held.length > 0)
    throw conflict(
      'ATTR_CODE_IMMUTABLE',
      text(
        `维度属性编码 ${oldDef.code} 已有 ${held.length} 个客户使用，不能修改`,
        `The attribute code ${oldDef.code} is used by ${held.length} customers and cannot change`,
      ),
      { count: held.length },
    )

  const conflicts: AttributeConflict[] = []
  const rewrites: AttributeRewrite[] = []
  const resolve = opts.resolveReference ? { resolveReference: opts.resolveReference } : {}
  const from = oldDef ?? newDef
  for (const e of held) {
    if (from.type === 'reference' && newDef.type !== 'reference') {
      conflicts.push({
        ...e,
        reason: text('分类引用不能转换为其他类型', 'A class reference cannot be converted to another type'),
      })
      continue
    }
    const r = coerceAttributeValue(newDef, inputForm(from, e.value, newDef.type), ['attributes', newDef.code], {
      ...resolve,
      previous: e.value,
    })
    if (r.issues.length) {
      conflicts.push({
        ...e,
        reason: text(r.issues.map((i) => i.message.zh).join('；'), r.issues.map((i) => i.message.en).join('; ')),
      })
    } else if (JSON.stringify(r.value) !== JSON.stringify(e.value))
      rewrites.push({ customerId: e.customerId, code: e.code, from: e.value, to: r.value })
  }

  let storedDefault: unknown | null = null
  if (!isEmptyValue(newDef.defaultValue)) {
    const r = coerceAttributeValue(newDef, newDef.defaultValue, ['defaultValue'], resolve)
    if (r.issues.length)
      throw invalid(
        'ATTR_DEF_INVALID',
        text(`维度属性「${newDef.name}」的默认值有误`, `The default of "${newDef.name}" is not valid`),
        r.issues,
      )
    storedDefault = r.value
  }
  return { conflicts, storedDefault, rewrites }
}
