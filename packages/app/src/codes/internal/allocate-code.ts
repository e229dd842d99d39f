import {
  AppError,
  type CodePattern,
  type CodeRule,
  conflict,
  invalid,
  issue,
  type MapTable,
  normalizeCode,
  parseCode,
  parsePattern,
  previewCodes,
  type RecordValues,
  renderCode,
  scopeKey,
  serialSegments,
  type Tx,
  text,
} from '@kehu/core'

/** What a create registered: the code, and the counter it came from when the rule made it. */
export interface Allocation {
  code: string
  ruleId: string | null
  scopeKey: string | null
  serial: number | null
  /** The typed code was taken and the rule's next free code was issued instead (重号时自动重取). */
  replaced?: { requested: string }
}

const MAX_ATTEMPTS = 50
const CODE_SHAPE = /^[A-Z0-9][A-Z0-9._\-/]{0,39}$/

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
  now: string
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
    if (a.rule.mode === 'auto')
      throw invalid(
        'CODE_MANUAL_NOT_ALLOWED',
        text(
          `编码规则“${a.rule.name}”由系统生成编码，不能手工输入`,
          `Code rule "${a.rule.name}" generates codes; a typed code is not allowed`,
        ),
        [
          issue(
            ['code'],
            'CODE_MANUAL_NOT_ALLOWED',
            text('此规则不允许手工编码', 'This rule does not take typed codes'),
          ),
        ],
      )
    if (!CODE_SHAPE.test(requested))
      throw invalid('CODE_FORMAT', text(`编码格式无效：${a.requested}`, `Invalid code: ${a.requested}`), [
        issue(
          ['code'],
          'CODE_FORMAT',
          text(
            '编码须为 1–40 位字母、数字或 . _ - /，以字母或数字开头',
            'A code has 1–40 letters, digits or . _ - /, starting with a letter or digit',
          ),
        ),
      ])
    let fits: { scopeKey: string; serial: number } | undefined
    const parsed = parseCode(p, requested, a.maps)
    if (parsed) {
      try {
        if (renderCode(p, a.values, a.maps, parsed.serial) === requested)
          fits = { scopeKey: scopeKey(p, a.values, a.maps), serial: parsed.serial }
      } catch {
        // the typed code has the rule's shape but not this customer's values: kept as typed, off the counter
      }
    }
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
      }
    }
    if (a.rule.mode === 'manual' || a.rule.onClash === 'refuse') {
      const suggestion = await nextCodeSuggestion(tx, a, p)
      throw conflict(
        'CODE_TAKEN',
        text(
          `编码 ${requested} 已被使用${suggestion ? `，可用的下一个编码：${suggestion}` : ''}`,
          `The code ${requested} is taken${suggestion ? `; the next free code is ${suggestion}` : ''}`,
        ),
        { code: requested, ...(suggestion ? { suggestion } : {}) },
      )
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
        { code },
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
