import { conflict, type Issue, invalid, issue, text } from '../errors.js'

/** Caps of a level scheme (编码方案): U8 stores one digit per level; 30 keeps codes readable. */
export const MAX_LEVELS = 9
export const MAX_LEVEL_WIDTH = 9
export const MAX_CODE_LENGTH = 30

const DIGITS = '0123456789'
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Every problem with a list of level lengths (empty when valid). */
export function validateLevels(levels: readonly number[], path: (string | number)[] = ['levels']): Issue[] {
  const issues: Issue[] = []
  if (levels.length === 0)
    return [issue(path, 'LEVEL_SCHEME_EMPTY', text('编码方案至少需要一级', 'A level scheme needs at least one level'))]
  levels.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 1 || w > MAX_LEVEL_WIDTH)
      issues.push(
        issue(
          [...path, i],
          'LEVEL_SCHEME_WIDTH',
          text(
            `第 ${i + 1} 级长度应为 1–${MAX_LEVEL_WIDTH}，实为 ${w}`,
            `Level ${i + 1} must be 1–${MAX_LEVEL_WIDTH} characters long, not ${w}`,
          ),
        ),
      )
  })
  if (levels.length > MAX_LEVELS)
    issues.push(
      issue(
        path,
        'LEVEL_SCHEME_TOO_MANY_LEVELS',
        text(
          `编码方案最多 ${MAX_LEVELS} 级，实为 ${levels.length} 级`,
          `A level scheme has at most ${MAX_LEVELS} levels, this one has ${levels.length}`,
        ),
      ),
    )
  const total = levels.reduce((a, b) => a + b, 0)
  if (total > MAX_CODE_LENGTH)
    issues.push(
      issue(
        path,
        'LEVEL_SCHEME_TOO_LONG',
        text(
          `编码总长最多 ${MAX_CODE_LENGTH} 位，实为 ${total} 位`,
          `Codes may be at most ${MAX_CODE_LENGTH} characters in total, this scheme makes ${total}`,
        ),
      ),
    )
  return issues
}

/**
 * `'2-3-4'` or U8's `'234'` (one digit per level) → `[2, 3, 4]`.
 * Throws `invalid('LEVEL_SCHEME_INVALID')` with every reason.
 */
export function parseLevels(input: string, path: (string | number)[] = ['levels']): number[] {
  const s = input.normalize('NFKC').trim()
  let levels: number[]
  if (s === '') {
    levels = []
  } else if (/^\d+$/.test(s)) {
    // U8 style: one character per level.
    levels = [...s].map(Number)
  } else if (/^\d+(\s*-\s*\d+)*$/.test(s)) {
    levels = s.split('-').map((p) => Number(p.trim()))
  } else {
    throw invalid('LEVEL_SCHEME_INVALID', text(`编码方案格式不正确：${input}`, `Not a level scheme: ${input}`), [
      issue(
        path,
        'LEVEL_SCHEME_SYNTAX',
        text(
          '编码方案应写作各级长度以 - 分隔（如 2-3-4）或每级一位数字（如 234）',
          'Write a level scheme as level lengths joined by - (e.g. 2-3-4) or one digit per level (e.g. 234)',
        ),
      ),
    ])
  }
  const issues = validateLevels(levels, path)
  if (issues.length > 0)
    throw invalid('LEVEL_SCHEME_INVALID', text(`编码方案无效：${input}`, `Invalid level scheme: ${input}`), issues)
  return levels
}

export const printLevels = (levels: readonly number[]): string => levels.join('-')

/** U8's display of a scheme: `[2, 3, 4]` → `'** *** ****'`. */
export const levelMask = (levels: readonly number[]): string => levels.map((w) => '*'.repeat(w)).join(' ')

/** Running totals: the lengths a code may have, `[2, 3, 4]` → `[2, 5, 9]`. */
export function levelTotals(levels: readonly number[]): number[] {
  let sum = 0
  return levels.map((w) => {
    sum += w
    return sum
  })
}

/** A node code as stored and compared: NFKC (full-width to half-width), trimmed, upper case. */
export const normalizeNodeCode = (raw: string): string => raw.normalize('NFKC').trim().toUpperCase()

const CODE_CHARS = /^[A-Z0-9]+$/

/** Every problem with a node code under a level scheme (empty when valid). */
export function validateNodeCode(
  levels: readonly number[],
  raw: string,
  path: (string | number)[] = ['code'],
): Issue[] {
  const code = normalizeNodeCode(raw)
  if (code === '') return [issue(path, 'CLASS_CODE_REQUIRED', text('编码不能为空', 'A code is required'))]
  const issues: Issue[] = []
  if (!CODE_CHARS.test(code))
    issues.push(
      issue(
        path,
        'CLASS_CODE_CHARACTERS',
        text(`编码只能是数字或者是字母：${raw}`, `A code may hold only letters and digits: ${raw}`),
      ),
    )
  const totals = levelTotals(levels)
  if (!totals.includes(code.length))
    issues.push(
      issue(
        path,
        'CLASS_CODE_LEVEL',
        text(
          `编码不符合编码规则 ${printLevels(levels)}：长度应为 ${totals.join('、')} 位之一，实为 ${code.length} 位`,
          `The code does not fit the level scheme ${printLevels(levels)}: its length must be one of ${totals.join(', ')}, not ${code.length}`,
        ),
      ),
    )
  return issues
}

/** 1-based level of a code, or null when its length fits no level. */
export function levelOf(levels: readonly number[], code: string): number | null {
  const i = levelTotals(levels).indexOf(normalizeNodeCode(code).length)
  return i < 0 ? null : i + 1
}

function levelOrThrow(levels: readonly number[], code: string): number {
  const level = levelOf(levels, code)
  if (level === null)
    throw invalid(
      'CLASS_CODE_LEVEL',
      text('编码不符合编码规则', 'The code does not fit the level scheme'),
      validateNodeCode(levels, code),
    )
  return level
}

/** The code cut to the previous running total; null at level 1. Throws for a code that fits no level. */
export function parentCodeOf(levels: readonly number[], code: string): string | null {
  const c = normalizeNodeCode(code)
  const level = levelOrThrow(levels, c)
  if (level === 1) return null
  return c.slice(0, levelTotals(levels)[level - 2])
}

type Alphabet = string

// Which characters a suggestion uses: the kind the siblings already use.
function alphabetFor(segments: string[]): Alphabet {
  if (segments.every((s) => /^\d+$/.test(s))) return DIGITS
  if (segments.every((s) => /^[A-Z]+$/.test(s))) return LETTERS
  return DIGITS + LETTERS
}

const toNumber = (s: string, a: Alphabet): number => [...s].reduce((n, ch) => n * a.length + a.indexOf(ch), 0)

function fromNumber(n: number, a: Alphabet, width: number): string {
  let out = ''
  for (let i = 0; i < width; i++) {
    out = (a[n % a.length] as string) + out
    n = Math.floor(n / a.length)
  }
  return out
}

/**
 * The next free code under `parentCode` (null: level 1): the largest sibling + 1, zero padded,
 * in the alphabet the siblings use (digits, letters, or both); the first gap once the end is reached.
 * Throws conflict `CLASS_LEVEL_FULL` when no code of that kind is left.
 */
export function suggestNextSibling(
  levels: readonly number[],
  parentCode: string | null,
  siblingCodes: readonly string[],
): string {
  const parent = parentCode === null ? '' : normalizeNodeCode(parentCode)
  const level = parent === '' ? 1 : levelOrThrow(levels, parent) + 1
  if (level > levels.length)
    throw invalid(
      'CLASS_NO_DEEPER_LEVEL',
      text(
        `${parent} 已是编码方案 ${printLevels(levels)} 的末级，不能再建下级`,
        `${parent} is on the last level of the scheme ${printLevels(levels)}; it cannot have children`,
      ),
    )
  const width = levels[level - 1] as number
  const length = parent.length + width
  const segments = siblingCodes
    .map(normalizeNodeCode)
    .filter((c) => c.length === length && c.startsWith(parent) && CODE_CHARS.test(c))
    .map((c) => c.slice(parent.length))
  const alphabet = alphabetFor(segments)
  const capacity = alphabet.length ** width
  const used = new Set(segments.map((s) => toNumber(s, alphabet)))
  // Digit codes start at 1 (01, not 00); letter codes at A…A.
  const first = alphabet === DIGITS ? 1 : 0
  const max = used.size === 0 ? first - 1 : Math.max(...used)
  let next = max + 1
  if (next >= capacity) {
    next = first
    while (used.has(next) && next < capacity) next++
  }
  if (next >= capacity)
    throw conflict(
      'CLASS_LEVEL_FULL',
      text(
        `${parent === '' ? '第 1 级' : `${parent} 下`}已无可用编码（${width} 位）`,
        `No ${width}-character code is left ${parent === '' ? 'on level 1' : `under ${parent}`}`,
      ),
      { parentCode: parent === '' ? null : parent, level, width },
    )
  return parent + fromNumber(next, alphabet, width)
}

/**
 * Whether a scheme may change from `oldLevels` to `newLevels` given the codes in use.
 * Levels no code reaches may change freely; a used level must keep its length.
 */
export function planLevelChange(
  oldLevels: readonly number[],
  newLevels: readonly number[],
  usedCodes: readonly string[],
  path: (string | number)[] = ['levels'],
): Issue[] {
  const issues = validateLevels(newLevels, path)
  // For each old level, one code that reaches it (the shortest such, for a readable reason).
  const example = new Map<number, string>()
  const unfit: string[] = []
  for (const raw of usedCodes) {
    const code = normalizeNodeCode(raw)
    const level = levelOf(oldLevels, code)
    if (level === null) {
      unfit.push(code)
      continue
    }
    for (let l = 1; l <= level; l++) {
      const seen = example.get(l)
      if (seen === undefined || code.length < seen.length || (code.length === seen.length && code < seen))
        example.set(l, code)
    }
  }
  for (const [level, code] of [...example].sort((a, b) => a[0] - b[0])) {
    const was = oldLevels[level - 1] as number
    const now = newLevels[level - 1]
    if (now === undefined)
      issues.push(
        issue(
          path,
          'LEVEL_SCHEME_USED_LEVEL_REMOVED',
          text(
            `第 ${level} 级已被使用（如编码 ${code}），不能删除`,
            `Level ${level} is in use (e.g. code ${code}) and cannot be removed`,
          ),
        ),
      )
    else if (now !== was)
      issues.push(
        issue(
          [...path, level - 1],
          'LEVEL_SCHEME_USED_LEVEL_CHANGED',
          text(
            `第 ${level} 级已被使用（如编码 ${code}），长度不能从 ${was} 改为 ${now}`,
            `Level ${level} is in use (e.g. code ${code}); its length cannot change from ${was} to ${now}`,
          ),
        ),
      )
  }
  // Codes that fit no old level (legacy data) must at least fit the new scheme.
  for (const code of unfit)
    if (levelOf(newLevels, code) === null)
      issues.push(
        issue(
          path,
          'LEVEL_SCHEME_CODE_UNFIT',
          text(
            `编码 ${code} 不符合新的编码方案 ${printLevels(newLevels)}`,
            `The code ${code} does not fit the new level scheme ${printLevels(newLevels)}`,
          ),
        ),
      )
  return issues
}
