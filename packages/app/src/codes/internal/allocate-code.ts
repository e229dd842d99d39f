import {
  AppError,
  type CodedIssue,
  type CodePattern,
  type CodeRule,
  codeFormatProblem,
  conflict,
  type Issue,
  invalid,
  issue,
  judgeTypedCode,
  type MapTable,
  normalizeCode,
  parsePattern,
  previewCodes,
  type RecordValues,
  renderCode,
  scopeKey,
  serialSegments,
  type Text,
  type Tx,
  type TypedCodeVerdict,
  text,
} from '@kehu/core'

/** What a create registered: the code, and the counter it came from when the rule made it. */
export interface Allocation {
  code: string
  ruleId: string | null
  scopeKey: string | null
  serial: number | null
  /** The typed code was taken and, as the clerk agreed, the rule's next free code was issued instead. */
  replaced?: { requested: string }
  /** A typed code accepted although it does not fit the rule (the rule takes legacy codes): why. */
  warning?: Text
}

const MAX_ATTEMPTS = 50

const TYPED_REFUSALS = { format: 'CODE_FORMAT', check: 'CODE_CHECK_CHARACTER', 'off-rule': 'CODE_OFF_RULE' } as const

/**
 * What a create would say about a typed code before looking at the registry: refused (an issue on `code`),
 * accepted with a warning (a legacy code the rule allows), or fitting; the create and the form's preview share it.
 */
export function typedCodeCheck(
  rule: CodeRule,
  p: CodePattern,
  requested: string,
  maps: MapTable[],
  values: RecordValues | undefined,
): { verdict?: TypedCodeVerdict; refusal?: CodedIssue; warning?: Issue } {
  if (rule.mode === 'auto')
    return {
      refusal: issue(
        ['code'],
        'CODE_MANUAL_NOT_ALLOWED',
        text(
          `编码规则“${rule.name}”由系统生成编码，不能手工输入`,
          `The code rule "${rule.name}" generates codes; it does not take typed codes`,
        ),
      ),
    }
  const verdict = judgeTypedCode({ name: rule.name, pattern: p }, requested, maps, values)
  if (verdict.kind === 'fits') return { verdict }
  const code = TYPED_REFUSALS[verdict.kind]
  if (verdict.kind === 'off-rule' && rule.legacyCodes)
    return { verdict, warning: issue(['code'], code, verdict.reason) }
  return { verdict, refusal: issue(['code'], code, verdict.reason) }
}

/** `CODE_TAKEN` for a typed code, with the next free code as a suggestion (kept out of `code`, the error's code). */
export function codeTaken(requested: string, suggestion: string | undefined): AppError {
  return conflict(
    'CODE_TAKEN',
    text(
      `编码 ${requested} 已被使用（含旧编码）${suggestion ? `，可用的下一个编码：${suggestion}` : ''}`,
      `The code ${requested} is taken (old codes included)${suggestion ? `; the next free code is ${suggestion}` : ''}`,
    ),
    { customerCode: requested, ...(suggestion ? { suggestion } : {}) },
  )
}

const patterns = new Map<string, CodePattern>()
/** Parsed patterns are pure values: cache them by text. */
export function patternOf(rule: Pick<CodeRule, 'pattern'>): CodePattern {
  let p = patterns.get(rule.pattern)
  if (!p) {
    p = parsePattern(rule.pattern)
    patterns.set(rule.pattern, p)
  }
  return p
}

export interface AllocateArgs {
  tenantId: string
  customerId: string
  rule: CodeRule
  values: RecordValues
  maps: MapTable[]
  /** A code the user typed (manual or auto-editable rules). */
  requested?: string | null | undefined
  /** The clerk agreed that a taken typed code is replaced by the rule's next free code. */
  nextIfTaken?: boolean | undefined
  now: string
}

/** A rule saved before the format check may still print a code outside it: refuse it rather than issue it. */
function assertGeneratedFormat(rule: CodeRule, code: string): void {
  const problem = codeFormatProblem(code)
  if (problem)
    throw invalid(
      'CODE_RULE_FORMAT',
      text(
        `编码规则“${rule.name}”生成的编码不合格式，请修改规则：${problem.zh}`,
        `The code rule "${rule.name}" makes a code outside the code format; change the rule: ${problem.en}`,
      ),
      [issue(['code'], 'CODE_RULE_FORMAT', problem)],
    )
}

/** The first free code the rule would give these values next, from the stored counter; undefined when it cannot say. */
export async function nextCodeSuggestion(tx: Tx, a: AllocateArgs, p: CodePattern): Promise<string | undefined> {
  try {
    const sk = scopeKey(p, a.values, a.maps)
    const counter = await tx.counters.get(a.tenantId, a.rule.id, sk)
    for (const code of previewCodes(p, a.values, a.maps, counter?.nextValue ?? null, 20))
      if (!(await tx.codes.find(a.tenantId, code))) return code
  } catch {
    // a suggestion is a courtesy: a record the rule cannot code gets none
  }
  return undefined
}

/**
 * Allocates and registers a customer's code inside the caller's transaction (docs/decisions/0014-design-brief.md, A.2
 * and A.5): the counter row is taken with one atomic upsert and stays locked until commit; the registry insert uses ON
 * CONFLICT DO NOTHING, so a clash with a legacy or typed code bumps the counter (bounded, counted as retries) or
 * refuses, as the rule says. A typed code is checked for shape and uniqueness and, if it fits the rule, moves the
 * counter past it.
 */
export async function allocateCode(tx: Tx, a: AllocateArgs): Promise<Allocation> {
  const p = patternOf(a.rule)
  const serialSeg = serialSegments(p)[0]
  const start = serialSeg?.start ?? 1
  const step = serialSeg?.step ?? 1
  const requested = a.requested?.trim() ? normalizeCode(a.requested) : undefined
  let replaced: Allocation['replaced']

  if (requested !== undefined) {
    const { verdict, refusal, warning } = typedCodeCheck(a.rule, p, requested, a.maps, a.values)
    if (refusal) {
      const suggestion = refusal.code === 'CODE_FORMAT' ? undefined : await nextCodeSuggestion(tx, a, p)
      throw invalid(
        refusal.code,
        a.rule.mode === 'auto'
          ? text(
              `编码规则“${a.rule.name}”由系统生成编码，不能手工输入`,
              `Code rule "${a.rule.name}" generates codes; a typed code is not allowed`,
            )
          : text(`编码 ${requested} 不能使用`, `The code ${requested} cannot be used`),
        [refusal],
        suggestion ? { suggestion } : undefined,
      )
    }
    const fits =
      verdict?.kind === 'fits' ? { scopeKey: scopeKey(p, a.values, a.maps), serial: verdict.serial } : undefined
    const ok = await tx.codes.tryInsert({
      tenantId: a.tenantId,
      code: requested,
      customerId: a.customerId,
      kind: 'live',
      ruleId: fits ? a.rule.id : null,
      scopeKey: fits?.scopeKey ?? null,
      serial: fits?.serial ?? null,
      createdAt: a.now,
    })
    if (ok) {
      if (fits) await tx.counters.raisePast(a.tenantId, a.rule.id, fits.scopeKey, fits.serial, step, a.now)
      return {
        code: requested,
        ruleId: fits ? a.rule.id : null,
        scopeKey: fits?.scopeKey ?? null,
        serial: fits?.serial ?? null,
        ...(warning ? { warning: warning.message } : {}),
      }
    }
    // 重号时自动重取 is for codes the rule generates: a typed code is replaced only with the clerk's consent.
    if (!a.nextIfTaken) {
      const suggestion = await nextCodeSuggestion(tx, a, p)
      throw codeTaken(requested, suggestion)
    }
    replaced = { requested }
  } else if (a.rule.mode === 'manual') {
    const suggestion = await nextCodeSuggestion(tx, a, p)
    throw invalid(
      'CODE_REQUIRED',
      text(`编码规则“${a.rule.name}”要求手工输入编码`, `Code rule "${a.rule.name}" needs a typed code`),
      [issue(['code'], 'CODE_REQUIRED', text('请输入编码', 'Enter a code'))],
      suggestion ? { suggestion } : undefined,
    )
  }

  const sk = scopeKey(p, a.values, a.maps)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const serial = await tx.counters.take(a.tenantId, a.rule.id, sk, start, step, a.now)
    const code = renderCode(p, a.values, a.maps, serial)
    assertGeneratedFormat(a.rule, code)
    const ok = await tx.codes.tryInsert({
      tenantId: a.tenantId,
      code,
      customerId: a.customerId,
      kind: 'live',
      ruleId: a.rule.id,
      scopeKey: sk,
      serial,
      createdAt: a.now,
    })
    if (ok) {
      if (attempt > 0) await tx.counters.addRetries(a.tenantId, a.rule.id, sk, attempt)
      return { code, ruleId: a.rule.id, scopeKey: sk, serial, ...(replaced ? { replaced } : {}) }
    }
    if (a.rule.onClash === 'refuse')
      throw conflict(
        'CODE_TAKEN',
        text(
          `规则生成的编码 ${code} 已被使用（可能是导入的旧编码）`,
          `The rule's code ${code} is already taken (perhaps a legacy code)`,
        ),
        { customerCode: code },
      )
  }
  throw new AppError(
    'conflict',
    'CODE_ALLOCATION_EXHAUSTED',
    text(
      `连续 ${MAX_ATTEMPTS} 个编码都已被占用，请运行 kehu code audit`,
      `${MAX_ATTEMPTS} codes in a row are taken; run kehu code audit`,
    ),
  )
}
