import {
  type CodeMapRecord,
  checkRule,
  type Issue,
  invalid,
  issue,
  type MapTable,
  normalizeCode,
  text,
} from '@kehu/core'
import { z } from 'zod'
import { ruleContextOf, storedPattern, type TenantCodeContext } from './internal/rule-context.js'

export const CodeMapInput = z.object({
  name: z.string().max(100),
  entries: z.array(z.object({ value: z.string().max(200), short: z.string().max(50) })).max(10_000),
})
export type CodeMapInput = z.infer<typeof CodeMapInput>

/** Reads `北京=BJ,上海=SH` (commas or new lines) as map entries. */
export function parseMapEntries(s: string): { value: string; short: string }[] {
  return s
    .split(/[,，\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf('=')
      return i < 0 ? { value: p, short: '' } : { value: p.slice(0, i).trim(), short: p.slice(i + 1).trim() }
    })
}

/**
 * Every problem with a map table as it would be saved, including the re-check of every active
 * rule that uses it (a changed short code can make two values print alike, or two rules collide).
 */
export function validateCodeMap(ctx: TenantCodeContext, input: CodeMapInput, selfId: string | undefined): Issue[] {
  const issues: Issue[] = []
  const name = input.name.trim()
  if (name === '' || /[|{}]/.test(name))
    issues.push(
      issue(
        ['name'],
        'CODE_MAP_NAME',
        text('对照表名称不能为空，也不能含 | { }', 'A map table name is not empty and has no | { }'),
      ),
    )
  else if (ctx.mapRecords.some((m) => m.name === name && m.id !== selfId))
    issues.push(
      issue(['name'], 'CODE_MAP_NAME_TAKEN', text(`已有对照表“${name}”`, `There is already a map table "${name}"`)),
    )
  const seen = new Map<string, number>()
  input.entries.forEach((e, i) => {
    const v = normalizeCode(e.value)
    if (v === '')
      issues.push(
        issue(
          ['entries', i, 'value'],
          'CODE_MAP_VALUE_EMPTY',
          text('第 {n} 行的值为空'.replace('{n}', String(i + 1)), `Row ${i + 1} has no value`),
        ),
      )
    else if (seen.has(v))
      issues.push(
        issue(
          ['entries', i, 'value'],
          'CODE_MAP_VALUE_TWICE',
          text(
            `值“${e.value}”出现了两次（第 ${(seen.get(v) ?? 0) + 1} 行和第 ${i + 1} 行）`,
            `The value "${e.value}" appears twice (rows ${(seen.get(v) ?? 0) + 1} and ${i + 1})`,
          ),
        ),
      )
    else seen.set(v, i)
    const s = normalizeCode(e.short)
    if (s === '' || /[\s\p{C}]/u.test(s))
      issues.push(
        issue(
          ['entries', i, 'short'],
          'CODE_MAP_SHORT_INVALID',
          text(`“${e.value}”的简码为空或含空白`, `The short code of "${e.value}" is empty or contains white space`),
        ),
      )
  })
  if (issues.length > 0) return issues

  const table: MapTable = {
    name,
    entries: input.entries.map((e) => ({ value: e.value.trim(), short: e.short.trim() })),
  }
  const oldName = ctx.mapRecords.find((m) => m.id === selfId)?.name
  const maps = [...ctx.maps.filter((m) => m.name !== name && m.name !== oldName), table]
  for (const r of ctx.rules) {
    if (!r.enabled) continue
    const p = storedPattern(r)
    if (!p) continue
    const uses = p.segments.some(
      (s) => s.kind === 'field' && s.modifiers.some((m) => m.kind === 'map' && (m.name === name || m.name === oldName)),
    )
    if (!uses) continue
    for (const x of checkRule(p, ruleContextOf(ctx, r.id, maps)))
      issues.push(
        issue(
          ['rules', r.name, ...x.path],
          x.code,
          text(
            `规则“${r.name}”（${r.pattern}）在此改动后：${x.message.zh}`,
            `Rule "${r.name}" (${r.pattern}) after this change: ${x.message.en}`,
          ),
        ),
      )
  }
  return issues
}

export function assertMapAccepted(issues: Issue[], name: string): void {
  if (issues.length > 0)
    throw invalid(
      'CODE_MAP_REFUSED',
      text(
        `对照表“${name}”不能保存：${issues.length} 个问题`,
        `The map table "${name}" cannot be saved: ${issues.length} problem(s)`,
      ),
      issues,
    )
}

export const mapRecordOf = (
  base: Pick<CodeMapRecord, 'id' | 'tenantId' | 'createdAt'>,
  input: CodeMapInput,
  now: string,
): CodeMapRecord => ({
  ...base,
  name: input.name.trim(),
  entries: input.entries.map((e) => ({ value: e.value.trim(), short: e.short.trim() })),
  updatedAt: now,
})
