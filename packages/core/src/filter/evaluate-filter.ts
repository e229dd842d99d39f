import type { AttributeDef } from '../attributes/attribute-def.js'
import { decimalText, parseScaledDecimal } from '../attributes/scaled-decimal.js'
import { type Condition, type Filter, type FilterNode, filterChildren, isCondition } from './filter.js'
import { attributeValueKind, CUSTOMER_FILTER_FIELDS, type FilterValueKind, parseFilterField } from './filter-fields.js'

/** A customer as a filter sees it. The app supplies scheme nodes by code, with their code paths. */
export interface FilterSubject {
  /** Plain fields by name (`name`, `status`, `creditLimitCents`, …). */
  fields: Record<string, unknown>
  /** Per scheme code (`class`, `region`, `industry`, `type`, user codes): the node, or undefined. */
  classes: Record<string, { code: string; path: string[] } | undefined>
  /** Stored attribute values by attribute code (numbers scaled by their precision). */
  attributes: Record<string, unknown>
}

export interface EvaluateFilterOptions {
  /** Attribute definitions: number conditions are then read at the attribute's precision ('12.5' → 1250). */
  attributes?: AttributeDef[] | Map<string, AttributeDef>
}

const norm = (v: unknown) => String(v).normalize('NFKC').trim()
const fold = (v: unknown) => norm(v).toLowerCase()
const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v])

/**
 * Whether a customer matches. `all: []` is true, `any: []` false. Missing values match `empty`,
 * `ne` and `notIn`, never the others. Text compares NFKC-normalised and case-insensitively; codes
 * (ids, enums, options, scheme nodes) NFKC-normalised and exactly; numbers numerically; dates as
 * `YYYY-MM-DD` text. `under` matches the node itself and every descendant (本级及下级).
 */
export function evaluateFilter(filter: Filter, subject: FilterSubject, opts: EvaluateFilterOptions = {}): boolean {
  const defs =
    opts.attributes instanceof Map ? opts.attributes : new Map((opts.attributes ?? []).map((d) => [d.code, d]))
  const walk = (n: FilterNode): boolean => {
    if (isCondition(n)) return evaluateCondition(n, subject, defs)
    const children = filterChildren(n)
    return 'all' in n ? children.every(walk) : children.some(walk)
  }
  return walk(filter)
}

function inferKind(v: unknown): FilterValueKind {
  if (typeof v === 'number') return 'number'
  if (typeof v === 'boolean') return 'boolean'
  if (Array.isArray(v)) return 'set'
  return 'text'
}

function evaluateCondition(c: Condition, s: FilterSubject, defs: Map<string, AttributeDef>): boolean {
  const ref = parseFilterField(c.field)
  if (ref.kind === 'invalid') return false
  if (ref.kind === 'scheme') return evaluateScheme(c, s.classes[ref.scheme])
  let actual: unknown
  let kind: FilterValueKind
  let precision: number | null = null
  if (ref.kind === 'attr') {
    actual = s.attributes[ref.code]
    const def = defs.get(ref.code)
    kind = def ? attributeValueKind(def) : inferKind(actual)
    if (def?.type === 'number') precision = def.precision
  } else {
    actual = s.fields[ref.name]
    kind = CUSTOMER_FILTER_FIELDS[ref.name]?.kind ?? inferKind(actual)
  }
  if (c.op === 'empty') return isEmpty(actual)
  if (c.op === 'notEmpty') return !isEmpty(actual)
  if (kind === 'set') return evaluateSet(c, actual)
  const eq = (expected: unknown) =>
    isEmpty(expected) ? isEmpty(actual) : !isEmpty(actual) && compare(kind, actual, expected, precision) === 0
  switch (c.op) {
    case 'eq':
    case 'is':
      return eq(c.value)
    case 'ne':
      return !eq(c.value)
    case 'in':
      return list(c.value).some(eq)
    case 'notIn':
      return !list(c.value).some(eq)
    case 'contains':
      return !isEmpty(actual) && fold(actual).includes(fold(c.value))
    case 'startsWith':
      return (
        !isEmpty(actual) &&
        (kind === 'text' ? fold(actual).startsWith(fold(c.value)) : norm(actual).startsWith(norm(c.value)))
      )
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (isEmpty(actual) || isEmpty(c.value)) return false
      const r = compare(kind, actual, c.value, precision)
      if (Number.isNaN(r)) return false
      return c.op === 'gt' ? r > 0 : c.op === 'gte' ? r >= 0 : c.op === 'lt' ? r < 0 : r <= 0
    }
    default:
      return false // `under` applies to schemes only
  }
}

/** A condition value as a number: at the attribute's precision when known ('12.5' → 1250 at 2). */
function toNumber(v: unknown, precision: number | null): number {
  if (precision !== null) {
    const r = parseScaledDecimal(v, precision)
    if (r.ok) return r.value
  }
  if (typeof v === 'number') return precision === null ? v : v * 10 ** precision
  const t = decimalText(v)
  const n = t === null || t === '' ? Number.NaN : Number(t)
  return precision === null ? n : n * 10 ** precision
}

/** Sign of actual − expected; NaN when they do not compare. */
function compare(kind: FilterValueKind, actual: unknown, expected: unknown, precision: number | null): number {
  switch (kind) {
    case 'number':
    case 'money': {
      const a = typeof actual === 'number' ? actual : toNumber(actual, null)
      const e = toNumber(expected, precision)
      return Number.isNaN(a) || Number.isNaN(e) ? Number.NaN : Math.sign(a - e)
    }
    case 'boolean': {
      const b = (v: unknown) =>
        v === true || v === 'true' || v === 1 ? 1 : v === false || v === 'false' || v === 0 ? 0 : -1
      const a = b(actual)
      const e = b(expected)
      return a < 0 || e < 0 ? Number.NaN : a - e
    }
    case 'text': {
      const a = fold(actual)
      const e = fold(expected)
      return a === e ? 0 : a < e ? -1 : 1
    }
    default: {
      const a = norm(actual)
      const e = norm(expected)
      return a === e ? 0 : a < e ? -1 : 1
    }
  }
}

function evaluateSet(c: Condition, actual: unknown): boolean {
  const have = new Set(list(actual).map(norm))
  const want = list(c.value)
    .filter((v) => !isEmpty(v))
    .map(norm)
  switch (c.op) {
    case 'eq':
    case 'is':
      return want.length === have.size && want.every((v) => have.has(v))
    case 'ne':
      return !(want.length === have.size && want.every((v) => have.has(v)))
    case 'contains':
      return want.length > 0 && want.every((v) => have.has(v))
    case 'in':
      return want.some((v) => have.has(v))
    case 'notIn':
      return !want.some((v) => have.has(v))
    default:
      return false
  }
}

function evaluateScheme(c: Condition, node: { code: string; path: string[] } | undefined): boolean {
  const present = node !== undefined && node !== null && !isEmpty(node.code)
  if (c.op === 'empty') return !present
  if (c.op === 'notEmpty') return present
  const is = (v: unknown) => (isEmpty(v) ? !present : present && norm(node.code) === norm(v))
  switch (c.op) {
    case 'eq':
    case 'is':
      return is(c.value)
    case 'ne':
      return !is(c.value)
    case 'in':
      return list(c.value).some(is)
    case 'notIn':
      return !list(c.value).some(is)
    case 'under': {
      if (!present) return false
      const chain = new Set([...node.path, node.code].map(norm))
      return list(c.value).some((v) => !isEmpty(v) && chain.has(norm(v)))
    }
    default:
      return false
  }
}
