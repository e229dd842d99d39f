import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import { levelOf, parentCodeOf, validateNodeCode } from './level-scheme.js'
import {
  assertAssignable,
  descendantsOf,
  displayName,
  isLeaf,
  pathCodes,
  planDelete,
  planMerge,
  planMove,
  validateNewNode,
} from './tree.js'
import type { ClassNode } from './types.js'

const thrown = (f: () => unknown): AppError => {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

const L = [2, 3, 4]
const tree = { levels: L, leafOnly: true }
const flat = { levels: null, leafOnly: false }

/** Nodes from [code, name] pairs; ids are the codes, parents derived from the level scheme. */
function build(levels: number[], rows: [string, string, boolean?][], schemeId = 's1'): ClassNode[] {
  return rows.map(([code, name, enabled]) => ({
    id: code,
    tenantId: 't1',
    schemeId,
    code,
    name,
    parentId: parentCodeOf(levels, code),
    level: levelOf(levels, code) as number,
    enabled: enabled ?? true,
    defaults: {},
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  }))
}

const nodes = build(L, [
  ['01', '华北'],
  ['01001', '华北大客户'],
  ['010010001', '北京大客户'],
  ['010010002', '天津大客户'],
  ['01002', '华北小客户'],
  ['02', '华东'],
  ['02001', '华东大客户'],
  ['03', '停用区', false],
  ['03001', '停用区客户'],
])

describe('queries', () => {
  it('answers leaf, descendants, path and display name', () => {
    expect(isLeaf(nodes, '01')).toBe(false)
    expect(isLeaf(nodes, '010010001')).toBe(true)
    expect(descendantsOf(nodes, '01').map((n) => n.code)).toEqual(['01001', '010010001', '010010002', '01002'])
    expect(descendantsOf(nodes, '02001')).toEqual([])
    expect(pathCodes(nodes, '010010002')).toEqual(['01', '01001', '010010002'])
    expect(pathCodes(nodes, '02')).toEqual(['02'])
    expect(displayName(nodes[1] as ClassNode)).toBe('(01001) 华北大客户')
    expect(thrown(() => pathCodes(nodes, 'nope')).code).toBe('CLASS_NOT_FOUND')
  })
})

describe('validateNewNode', () => {
  it.each([
    [{ code: '01003', name: '华北新客户' }],
    [{ code: '01003', name: '华北新客户', parentCode: '01' }],
    [{ code: '04', name: '华南' }],
    [{ code: '０２００２', name: '华东小客户' }],
    [{ code: '010020001', name: '华北大客户' }],
  ])('accepts %j', (input) => {
    expect(validateNewNode(tree, nodes, input)).toEqual([])
  })

  it.each([
    [{ code: '010', name: 'x' }, ['CLASS_CODE_LEVEL']],
    [{ code: '05001', name: 'x' }, ['CLASS_PARENT_NOT_FOUND']],
    [{ code: '01001', name: 'x' }, ['CLASS_CODE_TAKEN']],
    [{ code: '01003', name: '' }, ['CLASS_NAME_REQUIRED']],
    [{ code: '01003', name: ' 华北大客户 ' }, ['CLASS_NAME_TAKEN']],
    [{ code: '01003', name: 'x', parentCode: '02' }, ['CLASS_PARENT_MISMATCH']],
    [{ code: '', name: '' }, ['CLASS_CODE_REQUIRED', 'CLASS_NAME_REQUIRED']],
    [{ code: '0!', name: 'x', parentCode: '09' }, ['CLASS_CODE_CHARACTERS', 'CLASS_PARENT_NOT_FOUND']],
    [{ code: '01', name: '华东' }, ['CLASS_CODE_TAKEN', 'CLASS_NAME_TAKEN']],
    [{ code: '01003', name: '名'.repeat(101) }, ['CLASS_NAME_TOO_LONG']],
  ])('refuses %j with %j', (input, codes) => {
    expect(validateNewNode(tree, nodes, input).map((i) => i.code)).toEqual(codes)
  })

  it('says 上级编码不存在 and keeps aliases taken', () => {
    expect(validateNewNode(tree, nodes, { code: '05001', name: 'x' })[0]?.message.zh).toBe('上级编码不存在：05')
    expect(validateNewNode(tree, nodes, { code: '04', name: 'x' }, { aliasCodes: ['04'] })[0]?.code).toBe(
      'CLASS_CODE_TAKEN_BY_ALIAS',
    )
  })

  it('refuses a child above customers in a leaf-only scheme, with the count', () => {
    const [first] = validateNewNode(tree, nodes, { code: '020010001', name: 'x' }, { parentCustomerCount: 7 })
    expect(first?.code).toBe('CLASS_PARENT_HAS_CUSTOMERS')
    expect(first?.message.en).toContain('7 customers')
  })

  it('checks flat schemes for free codes', () => {
    const types = build([3], [['VIP', '大客户']])
    expect(validateNewNode(flat, types, { code: 'rt', name: '零售' })).toEqual([])
    expect(validateNewNode(flat, types, { code: 'V', name: '增值' })).toEqual([])
    expect(validateNewNode(flat, types, { code: 'A'.repeat(21), name: 'x' }).map((i) => i.code)).toEqual([
      'CLASS_CODE_TOO_LONG',
    ])
    expect(validateNewNode(flat, types, { code: 'vip', name: '大客户', parentCode: 'X' }).map((i) => i.code)).toEqual([
      'CLASS_FLAT_NO_PARENT',
      'CLASS_CODE_TAKEN',
      'CLASS_NAME_TAKEN',
    ])
  })
})

describe('planMove', () => {
  it('moves a subtree under a new parent with the next free code, re-deriving the subtree', () => {
    const plan = planMove(tree, nodes, '01001', '02')
    expect(plan.moves.map((m) => [m.oldCode, m.newCode])).toEqual([
      ['01001', '02002'],
      ['010010001', '020020001'],
      ['010010002', '020020002'],
    ])
    for (const m of plan.moves) expect(validateNodeCode(L, m.newCode)).toEqual([])
  })

  it('takes a requested free code', () => {
    const plan = planMove(tree, nodes, '01001', '02', '02099')
    expect(plan.moves.map((m) => m.newCode)).toEqual(['02099', '020990001', '020990002'])
  })

  it('re-codes in place when asked, and does nothing otherwise', () => {
    expect(planMove(tree, nodes, '01002', '01').moves).toEqual([])
    expect(planMove(tree, nodes, '01002', '01', '01002').moves).toEqual([])
    expect(planMove(tree, nodes, '01002', '01', '01009').moves.map((m) => m.newCode)).toEqual(['01009'])
  })

  it('skips codes whose subtree would land on an alias', () => {
    const plan = planMove(tree, nodes, '01001', '02', undefined, ['020020001'])
    expect(plan.moves[0]?.newCode).toBe('02003')
  })

  it('re-pads digit segments when the level widths change', () => {
    const plan = planMove(tree, nodes, '02001', null)
    expect(plan.moves).toEqual([{ nodeId: '02001', oldCode: '02001', newCode: '04', oldLevel: 2, newLevel: 1 }])
    const up = planMove(tree, nodes, '01001', null)
    expect(up.moves.map((m) => m.newCode)).toEqual(['04', '04001', '04002'])
    expect(up.moves.map((m) => m.newLevel)).toEqual([1, 2, 2])
  })

  it('refuses a segment that cannot fit a new width', () => {
    const n = build(L, [
      ['01', 'a'],
      ['01001', 'b'],
      ['01001A001', 'c'],
    ])
    const e = thrown(() => planMove(tree, n, '01001', null))
    expect(e.issues.map((i) => i.code)).toEqual(['CLASS_MOVE_SEGMENT_UNFIT'])
  })

  it.each([
    ['01', '01001', undefined, 'CLASS_MOVE_INTO_ITSELF'],
    ['01', '01', undefined, 'CLASS_MOVE_INTO_ITSELF'],
    ['01001', '02001', undefined, 'CLASS_MOVE_TOO_DEEP'],
    ['01001', '02', '01002', 'CLASS_PARENT_MISMATCH'],
    ['01001', '02', '020', 'CLASS_CODE_LEVEL'],
  ])('refuses moving %s under %s (code %s): %s', (id, parent, code, expected) => {
    const e = thrown(() => planMove(tree, nodes, id, parent, code))
    expect(e.kind).toBe('invalid')
    expect(e.issues.map((i) => i.code)).toContain(expected)
  })

  it('refuses a taken requested code, aliases included', () => {
    expect(thrown(() => planMove(tree, nodes, '01002', '02', '02001')).code).toBe('CLASS_CODE_TAKEN')
    const e = thrown(() => planMove(tree, nodes, '01002', '02', '02005', ['02005']))
    expect(e.kind).toBe('conflict')
    expect(e.details).toEqual({ codes: ['02005'] })
  })

  it('refuses moves in flat schemes and unknown nodes', () => {
    expect(thrown(() => planMove(flat, nodes, '01', null)).code).toBe('CLASS_FLAT_NO_PARENT')
    expect(thrown(() => planMove(tree, nodes, 'x', null)).kind).toBe('not-found')
  })

  it('always produces valid, free, correctly parented codes (property)', () => {
    const ids = nodes.map((n) => n.id)
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.option(fc.constantFrom(...ids), { nil: null }), (id, parent) => {
        let plan: ReturnType<typeof planMove>
        try {
          plan = planMove(tree, nodes, id, parent)
        } catch (e) {
          return e instanceof AppError
        }
        const existing = new Set(nodes.map((n) => n.code))
        const byNew = new Map(plan.moves.map((m) => [m.nodeId, m.newCode]))
        for (const m of plan.moves) {
          expect(validateNodeCode(L, m.newCode)).toEqual([])
          expect(existing.has(m.newCode)).toBe(false)
          const node = nodes.find((n) => n.id === m.nodeId) as ClassNode
          const expectedParent = m.nodeId === id ? (parent === null ? null : parent) : node.parentId
          const parentCode = expectedParent === null ? null : (byNew.get(expectedParent) ?? expectedParent)
          expect(parentCodeOf(L, m.newCode)).toBe(parentCode)
        }
        return true
      }),
    )
  })
})

describe('planMerge', () => {
  it('allows merging a leaf into a leaf of the same scheme', () => {
    expect(planMerge(nodes, '01002', '02001', tree)).toEqual({ sourceId: '01002', targetId: '02001' })
  })

  it.each([
    ['01001', '02001', ['CLASS_HAS_CHILDREN']],
    ['010010001', '01001', ['CLASS_MERGE_RELATED', 'CLASS_NOT_LEAF']],
    ['01', '010010001', ['CLASS_MERGE_RELATED', 'CLASS_HAS_CHILDREN']],
    ['02001', '02001', ['CLASS_MERGE_SELF']],
  ])('refuses %s → %s with %j', (source, target, codes) => {
    const e = thrown(() => planMerge(nodes, source, target, tree))
    expect(e.kind).toBe('conflict')
    expect(e.code).toBe('CLASS_MERGE_REFUSED')
    expect(e.issues.map((i) => i.code)).toEqual(codes)
  })

  it('names the child count and refuses other schemes', () => {
    expect(thrown(() => planMerge(nodes, '01001', '02001')).text.en).toContain('2 child classes')
    const other = build(L, [['09', 'x']], 's2')
    expect(thrown(() => planMerge([...nodes, ...other], '01002', '09')).issues[0]?.code).toBe(
      'CLASS_MERGE_OTHER_SCHEME',
    )
  })
})

describe('planDelete', () => {
  const node = { code: '01001', name: '华北大客户' }
  it('allows an empty node', () => {
    expect(() => planDelete(node, 0, 0)).not.toThrow()
  })
  it.each([
    [2, 0, 'CLASS_HAS_CHILDREN', '2 child classes'],
    [0, 15, 'CLASS_HAS_CUSTOMERS', '15 customers'],
    [3, 4, 'CLASS_HAS_CHILDREN', '3 child classes and 4 customers'],
  ])('refuses %i children and %i customers with %s', (children, customers, code, words) => {
    const e = thrown(() => planDelete(node, children, customers))
    expect(e.kind).toBe('conflict')
    expect(e.code).toBe(code)
    expect(e.text.en).toContain(words)
    expect(e.text.zh).toContain('(01001) 华北大客户')
    expect(e.details).toEqual({ childCount: children, customerCount: customers })
  })
  it('says that there are customers, not how many, to a caller who sees only some', () => {
    const e = thrown(() => planDelete(node, 0, 'some'))
    expect(e.code).toBe('CLASS_HAS_CUSTOMERS')
    expect(e.text).toEqual({
      zh: '(01001) 华北大客户 下还有客户，不能删除',
      en: '(01001) 华北大客户 still has customers; it cannot be deleted',
    })
    expect(e.details).toEqual({ childCount: 0 })
  })
})

describe('assertAssignable', () => {
  it('accepts an enabled leaf', () => {
    expect(() => assertAssignable(tree, nodes, '010010001')).not.toThrow()
    expect(() => assertAssignable({ leafOnly: false }, nodes, '01')).not.toThrow()
  })
  it.each([
    ['01', ['CLASS_NOT_LEAF']],
    ['03001', ['CLASS_DISABLED']],
    ['03', ['CLASS_DISABLED', 'CLASS_NOT_LEAF']],
  ])('refuses %s with %j', (id, codes) => {
    const e = thrown(() => assertAssignable(tree, nodes, id))
    expect(e.code).toBe(codes[0])
    expect(e.issues.map((i) => i.code)).toEqual(codes)
  })
})
