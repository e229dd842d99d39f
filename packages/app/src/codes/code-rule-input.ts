import {
  AppError,
  type CodePattern,
  CodePatternSchema,
  type CodeRule,
  CUSTOMER_FILTER_FIELD_NAMES,
  checkRule,
  Filter,
  type Issue,
  invalid,
  issue,
  parsePattern,
  printPattern,
  text,
  validateFilter,
} from '@kehu/core'
import { z } from 'zod'
import { ruleContextOf, type TenantCodeContext } from './internal/rule-context.js'

/** A pattern in its text form (`{type}{serial:3}`) or as the structured JSON form. */
export const PatternInput = z.union([z.string().max(500), CodePatternSchema])
export type PatternInput = z.infer<typeof PatternInput>

export const CodeRuleInput = z.object({
  name: z.string().max(100),
  pattern: PatternInput,
  mode: z.enum(['auto', 'auto-editable', 'manual']).optional(),
  onClash: z.enum(['next', 'refuse']).optional(),
  /** Accept typed codes that do not fit the pattern, with a warning (legacy codes). */
  legacyCodes: z.boolean().optional(),
  /** A customer filter (core `Filter`) that picks this rule; null = unconditional. */
  condition: z.unknown().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  isDefault: z.boolean().optional(),
  enabled: z.boolean().optional(),
})
export type CodeRuleInput = z.infer<typeof CodeRuleInput>

export const UpdateCodeRuleInput = CodeRuleInput.partial()
export type UpdateCodeRuleInput = z.infer<typeof UpdateCodeRuleInput>

/** The parsed pattern, or the syntax issues (under `pattern`) as data. */
export function readPattern(p: PatternInput): { pattern: CodePattern } | { issues: Issue[] } {
  if (typeof p !== 'string') return { pattern: p }
  try {
    return { pattern: parsePattern(p) }
  } catch (e) {
    if (e instanceof AppError) return { issues: e.issues }
    throw e
  }
}

const zodToIssues = (e: z.ZodError, path: (string | number)[]): Issue[] =>
  e.issues.map((i) =>
    issue(
      [...path, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      'CODE_RULE_CONDITION_INVALID',
      text(`条件无效：${i.message}`, `The condition is not valid: ${i.message}`),
    ),
  )

/**
 * Validates a rule as it would be saved in this tenant and returns it with every reason to refuse
 * (syntax, the engine's check with the tenant's values and other active rules, name, default and
 * condition rules). `base` is the stored rule when updating.
 */
export function planRule(
  ctx: TenantCodeContext,
  input: UpdateCodeRuleInput,
  base: CodeRule | undefined,
  fresh: { id: string; now: string },
): { rule: CodeRule; issues: Issue[] } {
  const issues: Issue[] = []
  const name = (input.name ?? base?.name ?? '').trim()
  if (name.length === 0 || name.length > 100)
    issues.push(
      issue(['name'], 'CODE_RULE_NAME', text('规则名称须为 1–100 个字符', 'A rule name has 1–100 characters')),
    )
  else if (ctx.rules.some((r) => r.name === name && r.id !== base?.id))
    issues.push(
      issue(
        ['name'],
        'CODE_RULE_NAME_TAKEN',
        text(`已有名为“${name}”的规则`, `There is already a rule named "${name}"`),
      ),
    )

  let patternText = base?.pattern ?? ''
  let pattern: CodePattern | undefined
  if (input.pattern !== undefined) {
    const read = readPattern(input.pattern)
    if ('issues' in read) issues.push(...read.issues)
    else {
      pattern = read.pattern
      patternText = printPattern(pattern)
    }
  } else if (base) {
    const read = readPattern(base.pattern)
    if ('pattern' in read) pattern = read.pattern
  } else
    issues.push(issue(['pattern'], 'CODE_RULE_PATTERN_REQUIRED', text('请填写编码规则', 'The pattern is required')))

  let condition: unknown = base?.condition ?? null
  if (input.condition !== undefined) {
    if (input.condition === null) condition = null
    else {
      const parsed = Filter.safeParse(input.condition)
      if (!parsed.success) issues.push(...zodToIssues(parsed.error, ['condition']))
      else {
        issues.push(
          ...validateFilter(
            parsed.data,
            {
              fields: CUSTOMER_FILTER_FIELD_NAMES,
              schemes: ctx.schemeCodes,
              attributes: ctx.attributes,
            },
            ['condition'],
          ),
        )
        condition = parsed.data
      }
    }
  }

  const isDefault = input.isDefault ?? base?.isDefault ?? false
  const enabled = input.enabled ?? base?.enabled ?? true
  if (base?.isDefault && input.isDefault === false)
    issues.push(
      issue(
        ['isDefault'],
        'CODE_RULE_DEFAULT_REQUIRED',
        text(
          '账套必须有一条默认规则：请把另一条规则设为默认',
          'A tenant needs one default rule: make another rule the default',
        ),
      ),
    )
  if (isDefault && !enabled)
    issues.push(
      issue(['enabled'], 'CODE_RULE_DEFAULT_DISABLED', text('默认规则不能停用', 'The default rule cannot be disabled')),
    )
  if (isDefault && condition !== null)
    issues.push(
      issue(
        ['condition'],
        'CODE_RULE_DEFAULT_CONDITION',
        text('默认规则不带条件（它是兜底规则）', 'The default rule has no condition (it applies when no other does)'),
      ),
    )

  // A disabled rule is checked on its own shape only; it joins the collision check when enabled.
  if (pattern) {
    const rc = ruleContextOf(ctx, base?.id)
    issues.push(...checkRule(pattern, enabled ? rc : { ...rc, otherRules: [] }))
  }

  const now = fresh.now
  const rule: CodeRule = {
    id: base?.id ?? fresh.id,
    tenantId: ctx.tenant.id,
    name,
    pattern: patternText,
    mode: input.mode ?? base?.mode ?? 'auto',
    onClash: input.onClash ?? base?.onClash ?? 'next',
    legacyCodes: input.legacyCodes ?? base?.legacyCodes ?? false,
    condition,
    position: input.position ?? base?.position ?? nextPosition(ctx),
    isDefault,
    enabled,
    createdAt: base?.createdAt ?? now,
    updatedAt: now,
  }
  return { rule, issues }
}

const nextPosition = (ctx: TenantCodeContext) => ctx.rules.reduce((m, r) => Math.max(m, r.position + 1), 0)

/** Throws the one refusal with every reason. */
export function assertRuleAccepted(issues: Issue[], name: string): void {
  if (issues.length === 0) return
  throw invalid(
    'CODE_RULE_REFUSED',
    text(
      `编码规则“${name}”不能保存：${issues.length} 个问题`,
      `The code rule "${name}" cannot be saved: ${issues.length} problem(s)`,
    ),
    issues,
  )
}
