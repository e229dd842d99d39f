import type { AttributeDef } from '../attributes/attribute-def.js'
import { parseBooleanValue, parseDateValue } from '../attributes/coerce-attribute-value.js'
import { decimalText, parseScaledDecimal } from '../attributes/scaled-decimal.js'
import { type Issue, issue, text } from '../errors.js'
import {
  type Condition,
  type Filter,
  filterChildren,
  filterSize,
  isCondition,
  MAX_FILTER_CONDITIONS,
  MAX_FILTER_DEPTH,
} from './filter.js'
import {
  attributeValueKind,
  CUSTOMER_FILTER_FIELDS,
  type FilterValueKind,
  filterFieldLabel,
  OPS_BY_KIND,
  parseFilterField,
} from './filter-fields.js'

export interface KnownFilterFields {
  /** Plain customer fields allowed here (e.g. `CUSTOMER_FILTER_FIELD_NAMES`). */
  fields: readonly string[]
  /** Scheme codes: the built-in `type`, `class`, `region`, `industry` and user codes. */
  schemes: readonly string[]
  attributes: AttributeDef[]
}

const LIST_OPS = new Set(['in', 'notIn'])
const NO_VALUE_OPS = new Set(['empty', 'notEmpty'])
const LIST_OK_OPS = new Set(['under', 'contains'])

/**
 * Every problem with a filter against what the tenant knows: unknown fields, schemes or
 * attributes, operators the field does not take, values of the wrong shape or type, unknown
 * options; and the limits (depth ≤ 5, ≤ 50 conditions). Paths start at `path`.
 */
export function validateFilter(filter: Filter, known: KnownFilterFields, path: (string | number)[] = []): Issue[] {
  const issues: Issue[] = []
  const { depth, conditions } = filterSize(filter)
  if (depth > MAX_FILTER_DEPTH)
    issues.push(
      issue(
        path,
        'FILTER_TOO_DEEP',
        text(
          `筛选条件至多嵌套 ${MAX_FILTER_DEPTH} 层，此处 ${depth} 层`,
          `A filter nests at most ${MAX_FILTER_DEPTH} levels, this one ${depth}`,
        ),
      ),
    )
  if (conditions > MAX_FILTER_CONDITIONS)
    issues.push(
      issue(
        path,
        'FILTER_TOO_MANY_CONDITIONS',
        text(
          `筛选条件至多 ${MAX_FILTER_CONDITIONS} 条，此处 ${conditions} 条`,
          `A filter has at most ${MAX_FILTER_CONDITIONS} conditions, this one ${conditions}`,
        ),
      ),
    )
  const fields = new Set(known.fields)
  const schemes = new Set(known.schemes)
  const defs = new Map(known.attributes.map((d) => [d.code, d]))
  const walk = (f: Filter, at: (string | number)[]) => {
    const key = 'all' in f ? 'all' : 'any'
    filterChildren(f).forEach((n, i) => {
      const p = [...at, key, i]
      if (isCondition(n)) issues.push(...checkCondition(n, p, fields, schemes, defs, known.attributes))
      else walk(n, p)
    })
  }
  walk(filter, path)
  return issues
}

function checkCondition(
  c: Condition,
  p: (string | number)[],
  fields: Set<string>,
  schemes: Set<string>,
  defs: Map<string, AttributeDef>,
  attributes: AttributeDef[],
): Issue[] {
  const ref = parseFilterField(c.field)
  let kind: FilterValueKind
  let def: AttributeDef | undefined
  let enumValues: readonly string[] | undefined
  switch (ref.kind) {
    case 'invalid':
      return [
        issue([...p, 'field'], 'FILTER_UNKNOWN_FIELD', text(`无法识别的字段 ${c.field}`, `Unknown field ${c.field}`)),
      ]
    case 'scheme':
      if (!schemes.has(ref.scheme))
        return [
          issue(
            [...p, 'field'],
            'FILTER_UNKNOWN_SCHEME',
            text(`没有编码为 ${ref.scheme} 的分类体系`, `There is no scheme with the code ${ref.scheme}`),
          ),
        ]
      kind = 'scheme'
      break
    case 'attr':
      def = defs.get(ref.code)
      if (!def)
        return [
          issue(
            [...p, 'field'],
            'FILTER_UNKNOWN_ATTRIBUTE',
            text(`没有编码为 ${ref.code} 的维度属性`, `There is no attribute with the code ${ref.code}`),
          ),
        ]
      kind = attributeValueKind(def)
      break
    case 'field': {
      if (!fields.has(ref.name))
        return [
          issue([...p, 'field'], 'FILTER_UNKNOWN_FIELD', text(`无法识别的字段 ${c.field}`, `Unknown field ${c.field}`)),
        ]
      const f = CUSTOMER_FILTER_FIELDS[ref.name]
      kind = f?.kind ?? 'text'
      enumValues = f?.values
    }
  }
  const label = filterFieldLabel(c.field, { attributes })
  if (!OPS_BY_KIND[kind].includes(c.op))
    return [
      issue(
        [...p, 'op'],
        'FILTER_OP_MISMATCH',
        text(
          `「${label.zh}」不支持运算 ${c.op}（可用：${OPS_BY_KIND[kind].join(', ')}）`,
          `"${label.en}" does not take the operator ${c.op} (it takes ${OPS_BY_KIND[kind].join(', ')})`,
        ),
      ),
    ]
  if (NO_VALUE_OPS.has(c.op)) return []
  const vp = [...p, 'value']
  if (LIST_OPS.has(c.op)) {
    if (!Array.isArray(c.value) || c.value.length === 0)
      return [
        issue(
          vp,
          'FILTER_VALUE_LIST',
          text(`运算 ${c.op} 需要至少一个值的列表`, `The operator ${c.op} takes a list of at least one value`),
        ),
      ]
  } else if (c.value === undefined || (Array.isArray(c.value) && (!LIST_OK_OPS.has(c.op) || c.value.length === 0)))
    return [issue(vp, 'FILTER_VALUE_MISSING', text(`运算 ${c.op} 需要一个值`, `The operator ${c.op} takes one value`))]

  const issues: Issue[] = []
  const values = Array.isArray(c.value) ? c.value : [c.value]
  const nullable = c.op === 'eq' || c.op === 'ne' || LIST_OPS.has(c.op)
  const bad = (v: unknown, what: [string, string]) =>
    issues.push(
      issue(
        vp,
        'FILTER_VALUE_TYPE',
        text(
          `「${label.zh}」的值应为${what[0]}，收到 ${JSON.stringify(v)}`,
          `"${label.en}" takes ${what[1]}, got ${JSON.stringify(v)}`,
        ),
      ),
    )
  for (const v of values) {
    if (v === null) {
      if (!nullable) bad(v, ['非空值', 'a value'])
      continue
    }
    switch (kind) {
      case 'number':
      case 'money': {
        const precision = def?.type === 'number' ? def.precision : kind === 'money' ? 0 : null
        if (precision === null) {
          const t = decimalText(v)
          if (t === null || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) bad(v, ['数字', 'a number'])
        } else {
          const r = parseScaledDecimal(v, precision)
          if (!r.ok && r.reason === 'decimals')
            issues.push(
              issue(
                vp,
                'FILTER_VALUE_DECIMALS',
                text(
                  `「${label.zh}」至多 ${precision} 位小数，收到 ${v}`,
                  `"${label.en}" has at most ${precision} decimals, got ${v}`,
                ),
              ),
            )
          else if (!r.ok) bad(v, ['数字', 'a number'])
        }
        break
      }
      case 'date':
        if (typeof v !== 'string' || parseDateValue(v) !== v) bad(v, ['YYYY-MM-DD 日期', 'a date YYYY-MM-DD'])
        break
      case 'timestamp':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) bad(v, ['日期或时间', 'a date or timestamp'])
        break
      case 'boolean':
        if (parseBooleanValue(v) === null) bad(v, ['是/否', 'true or false'])
        break
      default: {
        if (typeof v !== 'string' && typeof v !== 'number') {
          bad(v, ['文本', 'a text'])
          break
        }
        const s = String(v).normalize('NFKC').trim()
        const options = def && (def.type === 'single-choice' || def.type === 'multi-choice') ? def.options : undefined
        if (options && c.op !== 'startsWith' && !options.some((o) => o.code === s))
          issues.push(
            issue(
              vp,
              'FILTER_UNKNOWN_OPTION',
              text(`「${label.zh}」没有选项 ${s}`, `"${label.en}" has no option ${s}`),
            ),
          )
        else if (enumValues && !enumValues.includes(s))
          issues.push(
            issue(
              vp,
              'FILTER_UNKNOWN_VALUE',
              text(
                `「${label.zh}」的值应为 ${enumValues.join('、')} 之一，收到 ${s}`,
                `"${label.en}" is one of ${enumValues.join(', ')}, got ${s}`,
              ),
            ),
          )
      }
    }
  }
  return issues
}
