import { type CustomerTally, customersWords } from '../access/visibility.js'
import { AppError, type CodedIssue, conflict, type Issue, invalid, issue, notFound, text } from '../errors.js'
import {
  levelOf,
  levelTotals,
  normalizeNodeCode,
  parentCodeOf,
  printLevels,
  suggestNextSibling,
  validateNodeCode,
} from './level-scheme.js'
import type { ClassNode, ClassScheme } from './types.js'

/** Free codes of flat schemes (客户类型: RT, WH, VIP …). */
export const FLAT_CODE_MAX = 20
export const NODE_NAME_MAX = 100

type SchemeShape = Pick<ClassScheme, 'levels' | 'leafOnly'>

/** A name as compared among siblings: NFKC, trimmed, case-insensitive. */
const nameKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase()

function byId(nodes: readonly ClassNode[], id: string): ClassNode {
  const node = nodes.find((n) => n.id === id)
  if (!node) throw notFound('CLASS_NOT_FOUND', text(`分类不存在：${id}`, `No such class: ${id}`), { id })
  return node
}

const childrenOf = (nodes: readonly ClassNode[], id: string | null) =>
  nodes.filter((n) => n.parentId === id).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))

export const isLeaf = (nodes: readonly ClassNode[], id: string): boolean => !nodes.some((n) => n.parentId === id)

/** Every node below `id`, depth first in code order (the node itself excluded). */
export function descendantsOf(nodes: readonly ClassNode[], id: string): ClassNode[] {
  const out: ClassNode[] = []
  const seen = new Set<string>([id])
  const walk = (parent: string) => {
    for (const child of childrenOf(nodes, parent)) {
      // A cycle in stored data must not hang the caller.
      if (seen.has(child.id)) continue
      seen.add(child.id)
      out.push(child)
      walk(child.id)
    }
  }
  walk(id)
  return out
}

/** Ancestors from level 1 down to the node's parent. */
function ancestorsOf(nodes: readonly ClassNode[], node: ClassNode): ClassNode[] {
  const out: ClassNode[] = []
  const seen = new Set<string>([node.id])
  let parentId = node.parentId
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId(nodes, parentId)
    seen.add(parent.id)
    out.unshift(parent)
    parentId = parent.parentId
  }
  return out
}

/** Codes from level 1 down to the node. */
export const pathCodes = (nodes: readonly ClassNode[], id: string): string[] => {
  const node = byId(nodes, id)
  return [...ancestorsOf(nodes, node).map((n) => n.code), node.code]
}

/** U8's tree label: `(01001) 华北大客户`. */
export const displayName = (node: Pick<ClassNode, 'code' | 'name'>): string => `(${node.code}) ${node.name}`

export interface NewNodeInput {
  code: string
  name: string
  parentCode?: string | null
}

export interface NewNodeOptions {
  /** Old codes kept as aliases in this scheme: they stay taken. */
  aliasCodes?: readonly string[]
  /** Customers on the parent: a leaf-only scheme cannot put a child above them. */
  parentCustomerCount?: CustomerTally
}

function validateFlatCode(raw: string, path: (string | number)[]): Issue[] {
  const code = normalizeNodeCode(raw)
  if (code === '') return [issue(path, 'CLASS_CODE_REQUIRED', text('编码不能为空', 'A code is required'))]
  const issues: Issue[] = []
  if (!/^[A-Z0-9]+$/.test(code))
    issues.push(
      issue(
        path,
        'CLASS_CODE_CHARACTERS',
        text(`编码只能是数字或者是字母：${raw}`, `A code may hold only letters and digits: ${raw}`),
      ),
    )
  if (code.length > FLAT_CODE_MAX)
    issues.push(
      issue(
        path,
        'CLASS_CODE_TOO_LONG',
        text(
          `编码最长 ${FLAT_CODE_MAX} 位，实为 ${code.length} 位`,
          `A code has at most ${FLAT_CODE_MAX} characters, this one has ${code.length}`,
        ),
      ),
    )
  return issues
}

/** Every problem with a new node (empty when it may be created). */
export function validateNewNode(
  scheme: SchemeShape,
  nodes: readonly ClassNode[],
  input: NewNodeInput,
  options: NewNodeOptions = {},
): Issue[] {
  const issues: Issue[] = []
  const code = normalizeNodeCode(input.code ?? '')
  const levels = scheme.levels
  const codeIssues =
    levels === null ? validateFlatCode(input.code ?? '', ['code']) : validateNodeCode(levels, input.code ?? '')
  issues.push(...codeIssues)

  // Where the node will sit: hierarchical schemes derive the parent from the code.
  let parent: ClassNode | null | undefined = null
  const givenParent =
    input.parentCode == null || input.parentCode.trim() === '' ? null : normalizeNodeCode(input.parentCode)
  if (levels === null) {
    if (givenParent !== null)
      issues.push(
        issue(
          ['parentCode'],
          'CLASS_FLAT_NO_PARENT',
          text('该分类体系是平面列表，不能指定上级', 'This scheme is a flat list; its classes have no parent'),
        ),
      )
  } else if (codeIssues.length === 0) {
    const derived = parentCodeOf(levels, code)
    if (givenParent !== null && givenParent !== derived)
      issues.push(
        issue(
          ['parentCode'],
          'CLASS_PARENT_MISMATCH',
          text(
            `编码 ${code} 的上级应为 ${derived ?? '（无，第 1 级）'}，而非 ${givenParent}`,
            `The parent of ${code} is ${derived ?? 'none (level 1)'}, not ${givenParent}`,
          ),
        ),
      )
    if (derived !== null) {
      parent = nodes.find((n) => normalizeNodeCode(n.code) === derived)
      if (!parent)
        issues.push(
          issue(
            ['code'],
            'CLASS_PARENT_NOT_FOUND',
            text(`上级编码不存在：${derived}`, `The parent code ${derived} does not exist`),
          ),
        )
    }
  } else {
    // An invalid code: only a given parent tells the siblings.
    parent = givenParent === null ? undefined : nodes.find((n) => normalizeNodeCode(n.code) === givenParent)
    if (givenParent !== null && parent === undefined)
      issues.push(
        issue(
          ['parentCode'],
          'CLASS_PARENT_NOT_FOUND',
          text(`上级编码不存在：${givenParent}`, `The parent code ${givenParent} does not exist`),
        ),
      )
  }

  if (code !== '') {
    if (nodes.some((n) => normalizeNodeCode(n.code) === code))
      issues.push(issue(['code'], 'CLASS_CODE_TAKEN', text(`编码已存在：${code}`, `The code ${code} is already taken`)))
    else if ((options.aliasCodes ?? []).some((a) => normalizeNodeCode(a) === code))
      issues.push(
        issue(
          ['code'],
          'CLASS_CODE_TAKEN_BY_ALIAS',
          text(
            `编码 ${code} 是某分类的旧编码（别名），不能再用`,
            `The code ${code} is an old code (alias) of a class and stays taken`,
          ),
        ),
      )
  }

  const name = (input.name ?? '').normalize('NFKC').trim()
  if (name === '') issues.push(issue(['name'], 'CLASS_NAME_REQUIRED', text('名称不能为空', 'A name is required')))
  else if (name.length > NODE_NAME_MAX)
    issues.push(
      issue(
        ['name'],
        'CLASS_NAME_TOO_LONG',
        text(
          `名称最长 ${NODE_NAME_MAX} 字，实为 ${name.length} 字`,
          `A name has at most ${NODE_NAME_MAX} characters, not ${name.length}`,
        ),
      ),
    )
  else if (parent !== undefined) {
    const parentId = parent?.id ?? null
    const twin = nodes.find((n) => n.parentId === parentId && nameKey(n.name) === nameKey(name))
    if (twin)
      issues.push(
        issue(
          ['name'],
          'CLASS_NAME_TAKEN',
          text(`同级已有同名分类 ${displayName(twin)}`, `A sibling already has this name: ${displayName(twin)}`),
        ),
      )
  }

  const held = options.parentCustomerCount ?? 0
  if (parent && scheme.leafOnly && held !== 0) {
    const words = customersWords(held)
    issues.push(
      issue(
        ['code'],
        'CLASS_PARENT_HAS_CUSTOMERS',
        text(
          `上级 ${displayName(parent)} 下有${words.zh}；末级分类体系中须先把客户移到新分类`,
          `The parent ${displayName(parent)} holds ${words.en}; in a leaf-only scheme move them to the new class first`,
        ),
      ),
    )
  }
  return issues
}

export interface NodeMove {
  nodeId: string
  oldCode: string
  newCode: string
  oldLevel: number
  newLevel: number
}

export interface MovePlan {
  nodeId: string
  newParentId: string | null
  /** Every node whose code changes: the moved node first, then its subtree in code order. */
  moves: NodeMove[]
}

/** Fits one code segment to a new level width: digit segments are re-padded, others must fit as they are. */
function refit(segment: string, width: number): string | null {
  if (segment.length === width) return segment
  if (!/^\d+$/.test(segment)) return null
  const digits = segment.replace(/^0+(?=\d)/, '')
  return digits.length > width ? null : digits.padStart(width, '0')
}

function splitSegments(levels: readonly number[], code: string, fromLevel: number): string[] {
  const totals = [0, ...levelTotals(levels)]
  const level = levelOf(levels, code) ?? fromLevel
  const out: string[] = []
  for (let l = fromLevel + 1; l <= level; l++) out.push(code.slice(totals[l - 1], totals[l]))
  return out
}

/**
 * Plans moving a subtree under a new parent (null: to level 1). The node takes the next free code
 * there (or a free `requestedCode`); every descendant keeps the rest of its code after the new prefix.
 */
export function planMove(
  scheme: SchemeShape,
  nodes: readonly ClassNode[],
  nodeId: string,
  newParentId: string | null,
  requestedCode?: string | null,
  aliasCodes: readonly string[] = [],
): MovePlan {
  const levels = scheme.levels
  const node = byId(nodes, nodeId)
  const newParent = newParentId === null ? null : byId(nodes, newParentId)
  if (levels === null)
    throw invalid(
      'CLASS_FLAT_NO_PARENT',
      text('平面分类体系中的分类没有上下级，不能移动', 'Classes of a flat scheme have no parent and cannot be moved'),
    )
  const subtree = descendantsOf(nodes, node.id)
  const issues: Issue[] = []
  if (newParent && (newParent.id === node.id || subtree.some((d) => d.id === newParent.id)))
    issues.push(
      issue(
        ['parentId'],
        'CLASS_MOVE_INTO_ITSELF',
        text(
          `不能把 ${displayName(node)} 移到它自己或其下级 ${displayName(newParent)} 之下`,
          `${displayName(node)} cannot move under itself or its descendant ${displayName(newParent)}`,
        ),
      ),
    )
  const newLevel = newParent === null ? 1 : (levelOf(levels, newParent.code) ?? newParent.level) + 1
  const oldLevel = levelOf(levels, node.code) ?? node.level
  const depth = Math.max(0, ...subtree.map((d) => (levelOf(levels, d.code) ?? d.level) - oldLevel))
  if (newLevel + depth > levels.length)
    issues.push(
      issue(
        ['parentId'],
        'CLASS_MOVE_TOO_DEEP',
        text(
          `${displayName(node)} 连同下级共 ${depth + 1} 级，移到第 ${newLevel} 级会超出编码方案 ${printLevels(levels)} 的 ${levels.length} 级`,
          `${displayName(node)} spans ${depth + 1} levels; on level ${newLevel} it would exceed the ${levels.length} levels of ${printLevels(levels)}`,
        ),
      ),
    )
  if (issues.length > 0) throw invalid('CLASS_MOVE_INVALID', text('无法移动分类', 'The class cannot be moved'), issues)

  const prefix = newParent === null ? '' : normalizeNodeCode(newParent.code)
  const taken = new Set([...nodes.map((n) => normalizeNodeCode(n.code)), ...aliasCodes.map(normalizeNodeCode)])
  const samePlace = (node.parentId ?? null) === newParentId

  const rest = subtree.map((d) => ({ node: d, segments: splitSegments(levels, normalizeNodeCode(d.code), oldLevel) }))
  const unfit: string[] = []
  const derive = (newCode: string): NodeMove[] => {
    const moves: NodeMove[] = [{ nodeId: node.id, oldCode: node.code, newCode, oldLevel, newLevel }]
    for (const { node: d, segments } of rest) {
      const fitted = segments.map((s, i) => refit(s, levels[newLevel + i] as number))
      if (fitted.some((s) => s === null)) {
        unfit.push(d.code)
        continue
      }
      moves.push({
        nodeId: d.id,
        oldCode: d.code,
        newCode: newCode + fitted.join(''),
        oldLevel: oldLevel + segments.length,
        newLevel: newLevel + segments.length,
      })
    }
    return moves
  }
  const clashes = (moves: NodeMove[]) =>
    moves.filter((m) => m.newCode !== normalizeNodeCode(m.oldCode) && taken.has(m.newCode))

  let moves: NodeMove[]
  if (requestedCode != null && requestedCode.trim() !== '') {
    const code = normalizeNodeCode(requestedCode)
    const codeIssues = validateNodeCode(levels, code, ['code'])
    if (codeIssues.length === 0 && (levelOf(levels, code) !== newLevel || !code.startsWith(prefix)))
      codeIssues.push(
        issue(
          ['code'],
          'CLASS_PARENT_MISMATCH',
          text(
            `编码 ${code} 不在 ${newParent ? displayName(newParent) : '第 1 级'} 之下`,
            `The code ${code} does not belong ${newParent ? `under ${displayName(newParent)}` : 'on level 1'}`,
          ),
        ),
      )
    if (codeIssues.length > 0)
      throw invalid('CLASS_MOVE_INVALID', text('无法移动分类', 'The class cannot be moved'), codeIssues)
    if (code === normalizeNodeCode(node.code) && samePlace) return { nodeId, newParentId, moves: [] }
    moves = derive(code)
    const hit = clashes(moves)
    if (hit.length > 0)
      throw conflict(
        'CLASS_CODE_TAKEN',
        text(
          `编码已被占用（含旧编码）：${hit.map((m) => m.newCode).join('、')}`,
          `Codes already taken (aliases included): ${hit.map((m) => m.newCode).join(', ')}`,
        ),
        { codes: hit.map((m) => m.newCode) },
      )
  } else {
    if (samePlace) return { nodeId, newParentId, moves: [] }
    // The next code whose whole subtree lands on free codes (an old alias may block a descendant).
    const skip = new Set(taken)
    for (;;) {
      const code = suggestNextSibling(levels, newParent === null ? null : prefix, [...skip])
      moves = derive(code)
      if (clashes(moves).length === 0 || unfit.length > 0) break
      skip.add(code)
    }
  }
  if (unfit.length > 0)
    throw invalid(
      'CLASS_MOVE_INVALID',
      text('无法移动分类', 'The class cannot be moved'),
      [...new Set(unfit)].map((c) =>
        issue(
          ['parentId'],
          'CLASS_MOVE_SEGMENT_UNFIT',
          text(
            `下级编码 ${c} 的分段放不进第 ${newLevel} 级以下的长度（${printLevels(levels)}）`,
            `The segments of the descendant code ${c} do not fit the level widths below level ${newLevel} (${printLevels(levels)})`,
          ),
        ),
      ),
    )
  return { nodeId, newParentId, moves }
}

export interface MergePlan {
  sourceId: string
  targetId: string
}

/**
 * Guards merging `source` into `target` (customers re-pointed, source removed).
 * Throws conflict `CLASS_MERGE_REFUSED` with every reason.
 */
export function planMerge(
  nodes: readonly ClassNode[],
  sourceId: string,
  targetId: string,
  scheme?: Pick<ClassScheme, 'leafOnly'>,
): MergePlan {
  const source = byId(nodes, sourceId)
  const target = byId(nodes, targetId)
  const issues: Issue[] = []
  if (source.id === target.id)
    issues.push(
      issue(['targetId'], 'CLASS_MERGE_SELF', text('不能把分类合并到它自己', 'A class cannot be merged into itself')),
    )
  if (source.schemeId !== target.schemeId)
    issues.push(
      issue(
        ['targetId'],
        'CLASS_MERGE_OTHER_SCHEME',
        text('只能合并同一分类体系中的分类', 'Only classes of the same scheme can be merged'),
      ),
    )
  if (source.id !== target.id) {
    if (descendantsOf(nodes, source.id).some((d) => d.id === target.id))
      issues.push(
        issue(
          ['targetId'],
          'CLASS_MERGE_RELATED',
          text(
            `${displayName(target)} 是 ${displayName(source)} 的下级，不能合并`,
            `${displayName(target)} is below ${displayName(source)}; they cannot be merged`,
          ),
        ),
      )
    else if (descendantsOf(nodes, target.id).some((d) => d.id === source.id))
      issues.push(
        issue(
          ['targetId'],
          'CLASS_MERGE_RELATED',
          text(
            `${displayName(target)} 是 ${displayName(source)} 的上级，不能合并`,
            `${displayName(target)} is above ${displayName(source)}; they cannot be merged`,
          ),
        ),
      )
  }
  const children = nodes.filter((n) => n.parentId === source.id).length
  if (children > 0)
    issues.push(
      issue(
        ['sourceId'],
        'CLASS_HAS_CHILDREN',
        text(
          `${displayName(source)} 有 ${children} 个下级分类，请先移走`,
          `${displayName(source)} has ${children} child classes; move them first`,
        ),
      ),
    )
  if (scheme?.leafOnly && source.id !== target.id && !isLeaf(nodes, target.id))
    issues.push(
      issue(
        ['targetId'],
        'CLASS_NOT_LEAF',
        text(
          `末级分类体系中客户只能归入末级分类，${displayName(target)} 不是末级`,
          `In a leaf-only scheme customers sit on leaves; ${displayName(target)} is not a leaf`,
        ),
      ),
    )
  if (issues.length > 0)
    throw new AppError(
      'conflict',
      'CLASS_MERGE_REFUSED',
      text(
        `不能合并：${issues.map((i) => i.message.zh).join('；')}`,
        `Cannot merge: ${issues.map((i) => i.message.en).join('; ')}`,
      ),
      { issues },
    )
  return { sourceId, targetId }
}

/** Refuses deleting a node that still has children or customers, with the counts (customers': when the caller may hear it). */
export function planDelete(
  node: Pick<ClassNode, 'code' | 'name'>,
  childCount: number,
  customerCount: CustomerTally,
): void {
  if (childCount === 0 && customerCount === 0) return
  const zh: string[] = []
  const en: string[] = []
  if (childCount > 0) {
    zh.push(` ${childCount} 个下级分类`)
    en.push(`${childCount} child classes`)
  }
  if (customerCount !== 0) {
    const words = customersWords(customerCount)
    zh.push(words.zh)
    en.push(words.en)
  }
  throw conflict(
    childCount > 0 ? 'CLASS_HAS_CHILDREN' : 'CLASS_HAS_CUSTOMERS',
    text(
      `${displayName(node)} 下还有${zh.join('和')}，不能删除`,
      `${displayName(node)} still has ${en.join(' and ')}; it cannot be deleted`,
    ),
    customerCount === 'some' ? { childCount } : { childCount, customerCount },
  )
}

/** Refuses putting a customer on a node: disabled (itself or an ancestor), or not a leaf in a leaf-only scheme. */
export function assertAssignable(
  scheme: Pick<ClassScheme, 'leafOnly'>,
  nodes: readonly ClassNode[],
  nodeId: string,
): void {
  const node = byId(nodes, nodeId)
  const issues: CodedIssue[] = []
  const off = [...ancestorsOf(nodes, node), node].find((n) => !n.enabled)
  if (off)
    issues.push(
      issue(
        ['classes'],
        'CLASS_DISABLED',
        off === node
          ? text(`分类 ${displayName(node)} 已停用`, `The class ${displayName(node)} is disabled`)
          : text(
              `分类 ${displayName(node)} 的上级 ${displayName(off)} 已停用`,
              `The class ${displayName(node)} sits under the disabled ${displayName(off)}`,
            ),
      ),
    )
  if (scheme.leafOnly && !isLeaf(nodes, node.id))
    issues.push(
      issue(
        ['classes'],
        'CLASS_NOT_LEAF',
        text(
          `客户只能归入末级分类，${displayName(node)} 不是末级`,
          `Customers may sit only on leaf classes; ${displayName(node)} is not a leaf`,
        ),
      ),
    )
  const [first] = issues
  if (first) throw invalid(first.code, first.message, issues)
}
