import { normalizeNodeCode } from '../classification/level-scheme.js'
import { BUILTIN_SCHEMES } from '../classification/types.js'
import { type Text, text } from '../errors.js'
import { unguardCell } from './formula-guard.js'
import type { ImportMapping } from './import-mapping.js'

/** A row as a customer input: the shape of the create's input, every value text as the file had it (cleaned). */
export interface ImportInput {
  [field: string]: unknown
  code?: string
  name?: string
  status?: 'active' | 'disabled'
  creditLimit?: string
  registrationDate?: string
  classes?: Record<string, string>
  attributes?: Record<string, string>
}

/** One problem of one row: the column (position in the file) and target it is about, when it is about one. */
export interface RowIssue {
  column: number | null
  target: string | null
  code: string
  message: Text
}

/** A scheme's nodes, for finding a node by code, by name or by name path (华北/北京). */
export interface NodeLookup {
  schemeName: string
  resolve(ref: string): { code: string } | { ambiguous: string[] } | undefined
}

type TreeNode = { id: string; code: string; name: string; parentId: string | null }

const nameKey = (s: string) => s.normalize('NFKC').trim().toLowerCase()
const PATH_SEPARATOR = /\s*[/>\\]\s*/u

/** Indexes one scheme's nodes by code, name and name path, once per import. */
export function nodeLookup(schemeName: string, nodes: readonly TreeNode[]): NodeLookup {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const byCode = new Map(nodes.map((n) => [normalizeNodeCode(n.code), n.code]))
  const byName = new Map<string, string[]>()
  const byPath = new Map<string, string[]>()
  for (const n of nodes) {
    const names: string[] = []
    for (let cur: TreeNode | undefined = n; cur && names.length <= nodes.length; ) {
      names.unshift(nameKey(cur.name))
      cur = cur.parentId ? byId.get(cur.parentId) : undefined
    }
    // every tail of the path names the node: 北京 and 华北/北京 alike, the full path from the root too
    for (let i = 0; i < names.length; i++) {
      const key = names.slice(i).join('/')
      const into = i === names.length - 1 ? byName : byPath
      into.set(key, [...(into.get(key) ?? []), n.code])
    }
  }
  return {
    schemeName,
    resolve(ref) {
      const code = byCode.get(normalizeNodeCode(ref))
      if (code) return { code }
      const parts = ref.normalize('NFKC').split(PATH_SEPARATOR).map(nameKey).filter(Boolean)
      const found = (parts.length > 1 ? byPath : byName).get(parts.join('/'))
      if (!found) return undefined
      return found.length === 1 ? { code: found[0]! } : { ambiguous: found }
    },
  }
}

const STATUS_WORDS: Record<string, 'active' | 'disabled'> = {
  active: 'active',
  enabled: 'active',
  正常: 'active',
  启用: 'active',
  有效: 'active',
  在用: 'active',
  disabled: 'disabled',
  inactive: 'disabled',
  停用: 'disabled',
  禁用: 'disabled',
  无效: 'disabled',
  冻结: 'disabled',
}

/** A status in the user's words (正常/停用, active/disabled …), or undefined. */
export function parseStatusWord(raw: string): 'active' | 'disabled' | undefined {
  return STATUS_WORDS[raw.normalize('NFKC').trim().toLowerCase()]
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u,
  /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/u,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u,
  /^(\d{4})(\d{2})(\d{2})$/u,
]

/** A date written YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD (a time after it ignored) → YYYY-MM-DD. */
export function parseImportDate(raw: string): string | undefined {
  const s = raw.normalize('NFKC').trim()
  for (const form of DATE_FORMS) {
    const m = form.exec(s)
    if (!m) continue
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const date = new Date(Date.UTC(y, mo - 1, d))
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  }
  return undefined
}

/** Yuan as written in offices (¥1,234.50元) → `1234.50`; anything else is left for the create's check. */
export function cleanMoney(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s,¥元]/gu, '')
}

const SCHEMES = new Set<string>(BUILTIN_SCHEMES)

/**
 * One file row as a customer input: each cell un-guarded (formula guard) and trimmed, empty cells left out;
 * dates, money and status words read as people write them; classes found by code, name or name path in
 * `trees` (per target: `class`, `region`, `scheme:CODE`). A class named by neither is passed on as a code, so
 * the create resolves an old code or reports it. Problems the create cannot see come back as issues.
 */
export function buildImportInput(
  cells: readonly string[],
  mapping: ImportMapping,
  trees: (target: string) => NodeLookup | undefined,
): { input: ImportInput; issues: RowIssue[] } {
  const input: ImportInput = {}
  const issues: RowIssue[] = []
  for (const { index, target } of mapping.columns) {
    if (!target) continue
    const value = unguardCell(cells[index] ?? '').trim()
    if (value === '') continue
    const bad = (code: string, message: Text) => issues.push({ column: index, target, code, message })
    if (target.startsWith('attr.')) {
      input.attributes = { ...input.attributes, [target.slice(5)]: value }
    } else if (SCHEMES.has(target) || target.startsWith('scheme:')) {
      const tree = trees(target)
      const found = tree?.resolve(value)
      if (found && 'ambiguous' in found) {
        bad(
          'IMPORT_CLASS_AMBIGUOUS',
          text(
            `${tree!.schemeName}中有多个分类叫“${value}”（${found.ambiguous.join('、')}），请写编码或完整路径`,
            `${tree!.schemeName} has several classes named "${value}" (${found.ambiguous.join(', ')}); give the code or the full path`,
          ),
        )
        continue
      }
      const code = found?.code ?? value
      if (target.startsWith('scheme:')) input.classes = { ...input.classes, [target.slice(7)]: code }
      else input[target] = code
    } else if (target === 'status') {
      const status = parseStatusWord(value)
      if (status) input.status = status
      else
        bad(
          'IMPORT_STATUS_UNKNOWN',
          text(`状态应为“正常”或“停用”，而不是“${value}”`, `The status must be active or disabled, not "${value}"`),
        )
    } else if (target === 'registrationDate') {
      const date = parseImportDate(value)
      if (date) input.registrationDate = date
      else
        bad(
          'IMPORT_DATE_INVALID',
          text(
            `日期应写作 2024-03-01、2024/3/1 或 2024年3月1日，而不是“${value}”`,
            `A date is written 2024-03-01, 2024/3/1 or 2024年3月1日, not "${value}"`,
          ),
        )
    } else if (target === 'creditLimit') {
      input.creditLimit = cleanMoney(value)
    } else {
      input[target] = value
    }
  }
  return { input, issues }
}
