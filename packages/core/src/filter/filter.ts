import { z } from 'zod'
import { said } from '../errors.js'

/**
 * The one filter structure (docs/decisions/0014-design-brief.md, "Filter"): code-rule conditions, automatic
 * classification, batch assignment, "applies to classes" and saved views all use it.
 *
 * Fields: plain customer fields (`name`, `status`, `creditLimitCents`, …), the scheme fields
 * `class`, `region`, `industry`, `type` and `scheme:CODE`, and attributes as `attr.CODE`.
 */
export const FILTER_OPS = [
  'eq',
  'ne',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'empty',
  'notEmpty',
  'under',
  'is',
] as const
export const FilterOp = z.enum(FILTER_OPS)
export type FilterOp = z.infer<typeof FilterOp>

export const MAX_FILTER_DEPTH = 5
export const MAX_FILTER_CONDITIONS = 50

export const FilterScalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])
export type FilterScalar = z.infer<typeof FilterScalar>

/** `in`/`notIn` take a list; `under` a code or a list (any of them); `empty`/`notEmpty` nothing. */
export const FilterValue = z.union([FilterScalar, z.array(FilterScalar).max(1000)])
export type FilterValue = z.infer<typeof FilterValue>

const LIST_OPS = new Set<FilterOp>(['in', 'notIn'])
const NO_VALUE_OPS = new Set<FilterOp>(['empty', 'notEmpty'])

export const Condition = z
  .strictObject({
    field: z.string().min(1).max(100),
    op: FilterOp,
    value: FilterValue.optional(),
  })
  .superRefine((c, ctx) => {
    if (NO_VALUE_OPS.has(c.op)) return
    if (LIST_OPS.has(c.op)) {
      if (!Array.isArray(c.value))
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          ...said('这种比较需要一组值', 'This comparison takes a list of values'),
        })
      return
    }
    if (c.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], ...said('这种比较需要一个值', 'This comparison needs a value') })
    else if (Array.isArray(c.value) && c.op !== 'under' && c.op !== 'contains')
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        ...said('这种比较只取一个值，不是一组', 'This comparison takes one value, not a list'),
      })
  })
export type Condition = z.infer<typeof Condition>

export type FilterNode = Condition | Filter
export type Filter = { all: FilterNode[] } | { any: FilterNode[] }

export const isCondition = (n: FilterNode): n is Condition => 'field' in n
export const filterChildren = (f: Filter): FilterNode[] => ('all' in f ? f.all : f.any)

const FilterNodeSchema: z.ZodType<FilterNode> = z.lazy(() => z.union([Condition, FilterShape]))
const FilterShape: z.ZodType<Filter> = z.lazy(() =>
  z.union([z.strictObject({ all: z.array(FilterNodeSchema) }), z.strictObject({ any: z.array(FilterNodeSchema) })]),
)

/** Depth of nested groups (a flat `{ all: [...] }` is 1) and number of conditions. */
export function filterSize(f: Filter): { depth: number; conditions: number } {
  let depth = 1
  let conditions = 0
  for (const n of filterChildren(f)) {
    if (isCondition(n)) conditions++
    else {
      const s = filterSize(n)
      depth = Math.max(depth, s.depth + 1)
      conditions += s.conditions
    }
  }
  return { depth, conditions }
}

/** Every condition's `field`, e.g. `attr.LEVEL`, `class`, `creditLimitCents`. */
export function filterFields(f: Filter): Set<string> {
  const out = new Set<string>()
  const walk = (g: Filter) => {
    for (const n of filterChildren(g)) isCondition(n) ? out.add(n.field) : walk(n)
  }
  walk(f)
  return out
}

/** The filter with each condition passed through `fn`; the same object when `fn` changed none. */
export function mapConditions(f: Filter, fn: (c: Condition) => Condition): Filter {
  let changed = false
  const walk = (g: Filter): Filter => {
    const children = filterChildren(g).map((n) => {
      if (!isCondition(n)) return walk(n)
      const out = fn(n)
      if (out !== n) changed = true
      return out
    })
    return 'all' in g ? { all: children } : { any: children }
  }
  const out = walk(f)
  return changed ? out : f
}

// The outer shape is not recursive, so OpenAPI generators can document it; the whole tree is checked
// against the recursive schema inside, with the same issues and paths.
const FilterEnvelope = z.union([
  z.strictObject({ all: z.array(z.unknown()) }),
  z.strictObject({ any: z.array(z.unknown()) }),
])

/** The filter schema, with its limits: depth ≤ 5, ≤ 50 conditions. */
export const Filter = FilterEnvelope.superRefine((value, ctx) => {
  const parsed = FilterShape.safeParse(value)
  if (!parsed.success) {
    // Passed on as they are, so the edges describe them in the user's words (not zod's English message).
    for (const i of parsed.error.issues) ctx.addIssue(i as Parameters<typeof ctx.addIssue>[0])
    return
  }
  const { depth, conditions } = filterSize(parsed.data)
  if (depth > MAX_FILTER_DEPTH)
    ctx.addIssue({
      code: 'custom',
      ...said(
        `筛选条件最多嵌套 ${MAX_FILTER_DEPTH} 层，这里有 ${depth} 层`,
        `A filter nests at most ${MAX_FILTER_DEPTH} levels, this one ${depth}`,
      ),
    })
  if (conditions > MAX_FILTER_CONDITIONS)
    ctx.addIssue({
      code: 'custom',
      ...said(
        `筛选条件最多 ${MAX_FILTER_CONDITIONS} 条，这里有 ${conditions} 条`,
        `A filter has at most ${MAX_FILTER_CONDITIONS} conditions, this one ${conditions}`,
      ),
    })
}) as unknown as z.ZodType<Filter>
