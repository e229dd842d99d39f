import {
  assertCan,
  BUILTIN_SCHEMES,
  type CodePattern,
  previewCodes as enginePreview,
  type FieldValue,
  type Issue,
  invalid,
  issue,
  levelTotals,
  type MapTable,
  parseCodeDate,
  parseInput,
  printPattern,
  type RecordValues,
  scopeKey,
  type Tx,
  text,
} from '@kehu/core'
import { z } from 'zod'
import { placeNodes, recordValues } from '../classification/internal/placement.js'
import { PatternInput, readPattern } from '../codes/code-rule-input.js'
import { ruleByName } from '../codes/get-code-rule.js'
import { mapTables } from '../codes/internal/map-tables.js'
import type { RequestContext } from '../context.js'
import { BUILTIN_SCHEME_DEFS } from '../tenancy/create-tenant.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { CustomerInput, nodeCodesOf } from './customer-input.js'

/** The sample record of a preview: the customer input shape, every field optional. */
export const PreviewSample = CustomerInput.partial()
export type PreviewSample = z.infer<typeof PreviewSample>

export const PreviewCodesInput = z
  .object({
    pattern: PatternInput.optional(),
    /** A stored rule by name: previews from the database's counters. */
    rule: z.string().max(100).optional(),
    sample: PreviewSample.default({}),
    count: z.number().int().min(1).max(100).default(5),
  })
  .refine((i) => (i.pattern === undefined) !== (i.rule === undefined), {
    message: 'give either pattern or rule',
    params: { zh: '请给出编码规则格式（pattern）或已存规则（rule），二者选一' },
  })
export type PreviewCodesInput = z.input<typeof PreviewCodesInput>

export interface CodePreview {
  pattern: string
  /** The serial scope key the sample falls in ('' = one counter). */
  scopeKey: string
  /** Where the numbering starts: 'fresh' counters or the rule's stored counter. */
  counter: 'fresh' | 'stored'
  items: { code: string; serial: number; taken: boolean }[]
}

/** YYYY-MM-DD of an instant in a time zone. */
export function dateIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

const DEFAULT_LEVELS = new Map(BUILTIN_SCHEME_DEFS.map((d) => [d.code, d.levels]))

/** A sample's codes taken as given (no database); paths follow the built-in level schemes. */
function valuesAsGiven(sample: PreviewSample, today: string): RecordValues {
  const fields: Record<string, FieldValue> = {}
  for (const [scheme, code] of Object.entries(nodeCodesOf(sample))) {
    if (code === null || !(BUILTIN_SCHEMES as readonly string[]).includes(scheme)) continue
    const levels = DEFAULT_LEVELS.get(scheme) ?? null
    const path = levels
      ? levelTotals(levels)
          .filter((t) => t < code.length)
          .map((t) => code.slice(0, t))
      : []
    fields[scheme] = { code, path: [...path, code] }
  }
  for (const [k, v] of Object.entries(sample.attributes ?? {}))
    if (v !== null && v !== undefined && typeof v !== 'object') fields[`attr:${k}`] = { code: String(v) }
  return { date: sample.registrationDate?.trim() || today, fields }
}

const samplePattern = (p: z.infer<typeof PatternInput>): CodePattern => {
  const read = readPattern(p)
  if ('issues' in read)
    throw invalid('CODE_RULE_SYNTAX', text('编码规则的写法有误', 'The code rule has syntax errors'), read.issues)
  return read.pattern
}

function preview(
  p: CodePattern,
  v: RecordValues,
  maps: MapTable[],
  next: number | null,
  count: number,
): Omit<CodePreview, 'counter'> {
  const sk = scopeKey(p, v, maps)
  const codes = enginePreview(p, v, maps, next, count)
  const first = next ?? p.segments.find((s) => s.kind === 'serial')?.start ?? 1
  const step = Math.max(1, p.segments.find((s) => s.kind === 'serial')?.step ?? 1)
  return {
    pattern: printPattern(p),
    scopeKey: sk,
    items: codes.map((code, i) => ({ code, serial: first + i * step, taken: false })),
  }
}

async function tenantValues(tx: Tx, tenantId: string, sample: PreviewSample, today: string): Promise<RecordValues> {
  const issues: Issue[] = []
  const placement = await placeNodes(tx, tenantId, await tx.schemes.list(tenantId), nodeCodesOf(sample), issues, {
    assignable: false,
  })
  if (issues.length > 0)
    throw invalid(
      'CODE_PREVIEW_SAMPLE',
      text('示例客户的分类在本账套中找不到', "The sample's classes are not in this tenant"),
      issues,
    )
  return recordValues(
    placement,
    sample.registrationDate?.trim() || today,
    sample.attributes ?? {},
    await tx.attributes.list(tenantId),
  )
}

/**
 * The next N codes for a sample customer; nothing is reserved. A pattern without a tenant opens
 * nothing and takes the sample's codes as given; with a tenant the sample's node codes are resolved
 * and its map tables apply (counters fresh); a stored rule numbers from its counter in the database.
 */
export async function previewNextCodes(
  ctx: RequestContext | undefined,
  input: PreviewCodesInput,
): Promise<CodePreview> {
  if (ctx) assertCan(ctx.actor, 'code-rule:read')
  const parsed = parseInput(PreviewCodesInput, input, 'CODE_PREVIEW_INVALID')
  const date = parsed.sample.registrationDate?.trim()
  if (date && parseCodeDate(date) === null)
    throw invalid(
      'CODE_PREVIEW_SAMPLE',
      text(`示例客户的建档日期无效：${date}`, `The sample's registration date is not valid: ${date}`),
      [
        issue(
          ['sample', 'registrationDate'],
          'CODE_DATE_INVALID',
          text('日期须为有效的 YYYY-MM-DD', 'A date is a valid YYYY-MM-DD'),
        ),
      ],
    )
  const now = ctx?.deps.clock.now() ?? new Date()
  if (!ctx) {
    if (parsed.pattern === undefined)
      throw invalid(
        'CODE_PREVIEW_NEEDS_TENANT',
        text('按已存规则预览需要数据库和账套', 'A preview by rule needs the database and a tenant'),
      )
    const p = samplePattern(parsed.pattern)
    return {
      ...preview(p, valuesAsGiven(parsed.sample, dateIn('Asia/Shanghai', now)), [], null, parsed.count),
      counter: 'fresh',
    }
  }
  return ctx.deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, ctx.tenant)
    const values = await tenantValues(tx, tenant.id, parsed.sample, dateIn(tenant.timeZone, now))
    const maps = await mapTables(tx, tenant.id)
    let out: CodePreview
    if (parsed.rule !== undefined) {
      const rule = await ruleByName(tx, tenant.id, parsed.rule)
      const p = samplePattern(rule.pattern)
      const sk = scopeKey(p, values, maps)
      const counter = await tx.counters.get(tenant.id, rule.id, sk)
      out = { ...preview(p, values, maps, counter?.nextValue ?? null, parsed.count), counter: 'stored' }
    } else
      out = {
        ...preview(samplePattern(parsed.pattern as PatternInput), values, maps, null, parsed.count),
        counter: 'fresh',
      }
    for (const item of out.items) item.taken = (await tx.codes.find(tenant.id, item.code)) !== undefined
    return out
  })
}

/** The next N codes of a pattern for a sample taken as given, from fresh counters; opens nothing. */
export const previewPattern = (pattern: PatternInput, sample: PreviewSample, count: number) =>
  previewNextCodes(undefined, { pattern, sample, count })

/** The next N codes of a stored rule for a sample resolved in the tenant, from the database's counters. */
export const previewRule = (ctx: RequestContext, rule: string, sample: PreviewSample, count: number) =>
  previewNextCodes(ctx, { rule, sample, count })
