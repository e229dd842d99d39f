import { type AttributeConflict, fieldLabel, type Issue, type Lang, pick, type Text, text } from '@kehu/core'
import type { Tree, TreeNode } from './classification/get-tree.js'
import type { CodeAuditReport, CodeFindingKind } from './codes/audit-codes.js'
import type { PatternCheck } from './codes/check-pattern.js'
import type { CounterCapacity } from './codes/code-capacity.js'
import type { CustomerJson } from './customers/customer-view.js'
import type { CustomerCodePreview } from './customers/preview-customer-code.js'

// What the API's JSON and the CLI both show, shaped once. The `…Out` views are what a route returns and what a
// command prints with `--json`; the lines and rows are the CLI's text, made from the same fields, so the two
// cannot drift apart in wording or in what they leave out (docs/decisions/0020-cli-commands-presenter-closed-pipe.md).

const say = (lang: Lang, zh: string, en: string) => pick(text(zh, en), lang)

// The path is for programs; the label names the field in the user's words, for people.
const issueOut = (i: Issue, lang: Lang) => ({
  path: i.path,
  label: pick(fieldLabel(i.path), lang),
  code: i.code,
  message: pick(i.message, lang),
})

/** Problems in one language, as a refusal, a check or a preview lists them. */
export const issuesOut = (issues: readonly Issue[], lang: Lang) => issues.map((i) => issueOut(i, lang))

export const patternCheckOut = (r: PatternCheck, lang: Lang) => ({ ...r, issues: issuesOut(r.issues, lang) })

export const customerCodePreviewOut = (r: CustomerCodePreview, lang: Lang) => ({
  ...r,
  missing: issuesOut(r.missing, lang),
  issues: issuesOut(r.issues, lang),
  warnings: issuesOut(r.warnings, lang),
})

export const codeAuditOut = (r: CodeAuditReport, lang: Lang) => ({
  ...r,
  findings: r.findings.map((f) => ({ ...f, reason: pick(f.reason, lang), fix: pick(f.fix, lang) })),
})
export type CodeAuditOut = ReturnType<typeof codeAuditOut>

const FINDING_KIND: Record<CodeFindingKind, Text> = {
  duplicate: text('重复', 'duplicate'),
  malformed: text('格式', 'malformed'),
  'off-rule': text('不符规则', 'off-rule'),
  'counter-behind': text('计数器落后', 'counter behind'),
}

/** The audit as text: each finding with its reason and fix, then the counts (and what was fixed, if asked). */
export function codeAuditLines(r: CodeAuditOut, lang: Lang, fixAsked: boolean): string[] {
  const findings = r.findings.map(
    (f) =>
      `[${pick(FINDING_KIND[f.kind], lang)}] ${f.code}  ${f.customerName}\n  ${f.reason}\n  → ${f.fix}${f.fixed ? say(lang, '（已修正）', ' (fixed)') : ''}`,
  )
  const c = r.counts
  const summary = say(
    lang,
    `检查了 ${r.checked} 个编码：重复 ${c.duplicate}，格式 ${c.malformed}，不符规则 ${c['off-rule']}，计数器落后 ${c['counter-behind']}${fixAsked ? `；已修正 ${r.fixed}` : ''}`,
    `Checked ${r.checked} codes: ${c.duplicate} duplicated, ${c.malformed} malformed, ${c['off-rule']} off-rule, ${c['counter-behind']} counters behind${fixAsked ? `; fixed ${r.fixed}` : ''}`,
  )
  return [...findings, summary]
}

/** What a tree line says about a node beside its name: leaf, disabled, customers below it, old codes. */
export function treeNodeMarks(n: TreeNode, lang: Lang): string[] {
  return [
    n.leaf ? say(lang, '末级', 'leaf') : '',
    n.enabled ? '' : say(lang, '停用', 'disabled'),
    n.subtreeCustomerCount > 0
      ? say(lang, `${n.subtreeCustomerCount} 个客户`, `${n.subtreeCustomerCount} customers`)
      : '',
    n.aliases.length > 0 ? say(lang, `旧编码 ${n.aliases.join(',')}`, `old codes ${n.aliases.join(',')}`) : '',
  ].filter(Boolean)
}

/** A tree as text: the scheme and its level scheme, then one indented line per node. */
export function treeLines(tree: Tree, lang: Lang): string[] {
  return [
    `${tree.scheme.name}  ${tree.scheme.mask ?? say(lang, '（平面列表）', '(flat list)')}`,
    ...tree.nodes.map((n) => {
      const marks = treeNodeMarks(n, lang)
      return `${'  '.repeat(n.level - 1)}${n.displayName}${marks.length ? `  [${marks.join('; ')}]` : ''}`
    }),
  ]
}

/** Counters with their scope in words in one language: what the API returns and `kehu code capacity --json` prints. */
export const capacityOut = (r: readonly CounterCapacity[], lang: Lang) =>
  r.map((c) => ({ ...c, scope: pick(c.scope, lang) }))

/** Counters as table rows: unbounded as ∞, no estimate as -, a warning level in words. */
export function capacityRows(r: readonly CounterCapacity[], lang: Lang) {
  const level = { ok: '', warn: say(lang, '⚠ 注意', '⚠ warn'), full: say(lang, '✖ 已满', '✖ full') }
  return r.map((c) => ({
    rule: c.rule,
    scope: pick(c.scope, lang),
    used: c.used,
    next: c.next,
    remaining: c.remaining ?? '∞',
    perDay: c.ratePerDay,
    daysLeft: c.daysLeft ?? '-',
    level: level[c.level],
  }))
}

/** A customer as labelled facts (empty ones left out): header fields, classes with their path, attributes, old codes. */
export function customerFacts(c: CustomerJson, lang: Lang, codes: readonly { code: string; kind: string }[] = []) {
  const rows: [Text, unknown][] = [
    [text('编码', 'Code'), c.code],
    [text('名称', 'Name'), c.name],
    [text('简称', 'Short name'), c.shortName],
    [text('助记码', 'Mnemonic'), c.mnemonic],
    [text('状态', 'Status'), c.status],
    [text('统一社会信用代码', 'USCC'), c.uscc],
    [text('电话', 'Phone'), c.phone],
    [text('电子邮件', 'E-mail'), c.email],
    [text('地址', 'Address'), c.address],
    [text('业务员', 'Account manager'), c.accountManager],
    [text('信用额度', 'Credit limit'), c.creditLimit],
    [text('建档日期', 'Registered'), c.registrationDate],
    [text('总公司', 'Head office'), c.headOffice ? `${c.headOffice.code} ${c.headOffice.name}` : null],
    [text('版本', 'Version'), c.version],
  ]
  for (const [scheme, n] of Object.entries(c.nodes))
    rows.push([text(`分类 ${scheme}`, `Class ${scheme}`), `${n.code} ${n.path.map((p) => p.name).join(' / ')}`])
  for (const [k, val] of Object.entries(c.attributes))
    rows.push([text(`属性 ${k}`, `Attribute ${k}`), typeof val === 'object' ? JSON.stringify(val) : val])
  const aliases = codes.filter((x) => x.kind === 'alias').map((x) => x.code)
  if (aliases.length > 0) rows.push([text('旧编码', 'Old codes'), aliases.join(', ')])
  // Says why a field is masked or missing (the credit limit is hidden, not empty).
  if (c.masked.length > 0)
    rows.push([
      text('已脱敏（无敏感字段权限）', 'Masked (no permission for sensitive fields)'),
      c.masked.map((f) => pick(fieldLabel([f]), lang)).join(lang === 'en' ? ', ' : '、'),
    ])
  return rows
    .filter(([, val]) => val !== null && val !== undefined && val !== '')
    .map(([label, val]) => ({ label: pick(label, lang), value: String(val) }))
}

/** Values an attribute change would refuse, as table rows: the customer, its value, why. */
export const attributeConflictRows = (conflicts: readonly AttributeConflict[], lang: Lang) =>
  conflicts.map((c) => ({ customer: c.code, value: c.value, reason: pick(c.reason, lang) }))
