import { type Issue, issue, text } from '../errors.js'
import type { AttributeDef } from './attribute-def.js'
import { coerceAttributeValue, isEmptyValue, type ResolveReference } from './coerce-attribute-value.js'

export interface ValidateAttributesOptions {
  resolveReference?: ResolveReference
  /** A patch: absent codes are left alone and `null` clears a value; no defaults are applied. */
  partial?: boolean
  /** The customer's stored values before this write (keeps disabled options and disabled attributes it holds). */
  previous?: Record<string, unknown>
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Coerces and checks every attribute value of one customer at once, with one issue per problem at
 * `['attributes', CODE]`. `applicable` holds the codes whose dimension applies to the customer.
 *
 * `values` holds stored forms. Full mode (default): the customer's complete attribute set, with
 * defaults filled for missing attributes and empty ones left out. Partial mode: a patch, `null`
 * meaning "clear". Uniqueness is the database's to check.
 */
export function validateAttributes(
  defs: AttributeDef[],
  applicable: Set<string>,
  input: Record<string, unknown> | null | undefined,
  opts: ValidateAttributesOptions = {},
): { values: Record<string, unknown>; issues: Issue[] } {
  const values: Record<string, unknown> = {}
  const issues: Issue[] = []
  if (input !== null && input !== undefined && (typeof input !== 'object' || Array.isArray(input))) {
    return {
      values,
      issues: [
        issue(
          ['attributes'],
          'ATTR_TYPE',
          text('维度属性应为对象 { 编码: 值 }', 'Attributes must be an object { CODE: value }'),
        ),
      ],
    }
  }
  const given = input ?? {}
  const byCode = new Map(defs.map((d) => [d.code, d]))
  const previous = opts.previous ?? {}

  for (const [code, raw] of Object.entries(given)) {
    const path = ['attributes', code]
    const def = byCode.get(code)
    if (!def) {
      issues.push(
        issue(
          path,
          'ATTR_UNKNOWN',
          text(`没有编码为 ${code} 的维度属性`, `There is no attribute with the code ${code}`),
        ),
      )
      continue
    }
    const empty = isEmptyValue(raw)
    if (!applicable.has(code)) {
      // An empty value for an attribute that does not apply is harmless: drop it.
      if (!empty)
        issues.push(
          issue(
            path,
            'ATTR_NOT_APPLICABLE',
            text(
              `维度属性「${def.name}」不适用于该客户的分类`,
              `The attribute "${def.name}" does not apply to this customer's classes`,
            ),
          ),
        )
      else if (opts.partial) values[code] = null
      continue
    }
    if (!def.enabled) {
      if (!empty && !sameValue(raw, previous[code]))
        issues.push(
          issue(
            path,
            'ATTR_DISABLED',
            text(
              `维度属性「${def.name}」已停用，不能填写`,
              `The attribute "${def.name}" is disabled and takes no new values`,
            ),
          ),
        )
      else if (!empty) values[code] = previous[code]
      continue
    }
    if (empty) {
      if (def.required)
        issues.push(issue(path, 'ATTR_REQUIRED', text(`必须填写「${def.name}」`, `"${def.name}" is required`)))
      else if (opts.partial) values[code] = null
      continue
    }
    const r = coerceAttributeValue(def, raw, path, {
      ...(opts.resolveReference ? { resolveReference: opts.resolveReference } : {}),
      previous: previous[code],
    })
    if (r.issues.length) issues.push(...r.issues)
    else values[code] = r.value
  }

  if (!opts.partial) {
    for (const def of defs) {
      if (!applicable.has(def.code) || Object.hasOwn(given, def.code)) continue
      if (!def.enabled) {
        // A disabled attribute keeps what the customer holds.
        if (!isEmptyValue(previous[def.code])) values[def.code] = previous[def.code]
        continue
      }
      const path = ['attributes', def.code]
      if (!isEmptyValue(def.defaultValue)) {
        const r = coerceAttributeValue(def, def.defaultValue, path, {
          ...(opts.resolveReference ? { resolveReference: opts.resolveReference } : {}),
        })
        if (r.issues.length) issues.push(...r.issues)
        else values[def.code] = r.value
      } else if (def.required)
        issues.push(issue(path, 'ATTR_REQUIRED', text(`必须填写「${def.name}」`, `"${def.name}" is required`)))
    }
  }
  return { values, issues }
}
