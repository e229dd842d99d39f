import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanInput, textProblem } from './clean-input.js'
import { fieldLabel } from './field-label.js'

const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code)

describe('cleanInput', () => {
  it('passes ordinary input through, NFC-normalised', () => {
    const decomposed = 'Cafe\u0301 北京'
    const r = cleanInput({ name: decomposed, n: 3, ok: true, none: null, list: ['a', { b: 'c' }] })
    expect(r.issues).toEqual([])
    expect(r.value).toEqual({ name: 'Café 北京', n: 3, ok: true, none: null, list: ['a', { b: 'c' }] })
  })

  it('refuses NUL, lone surrogates, overlong text and deep nesting, naming each field', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 40; i++) deep = [deep]
    const r = cleanInput({
      department: 'a\u0000b',
      attributes: { 'k\ud800': 'v' },
      remarks: 'x'.repeat(20_001),
      sample: { name: '\udc00' },
      deep,
    })
    expect(codes(r)).toEqual([
      'TEXT_NUL',
      'TEXT_LONE_SURROGATE',
      'TEXT_TOO_LONG',
      'TEXT_LONE_SURROGATE',
      'INPUT_TOO_DEEP',
    ])
    expect(r.issues[0]).toMatchObject({ path: ['department'], message: { zh: expect.stringContaining('分管部门') } })
    expect(r.issues[3]?.message.en).toContain('Sample customer › Name')
  })

  it('keeps a key named __proto__ as data', () => {
    const r = cleanInput(JSON.parse('{"__proto__": {"polluted": "yes"}}'))
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(r.value as object)).toEqual(['__proto__'])
  })

  it('never throws and leaves only well-formed, NUL-free, NFC text when it finds no issue', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = cleanInput(v)
        if (r.issues.length > 0) return
        const walk = (x: unknown): void => {
          if (typeof x === 'string') {
            expect(textProblem(x)).toBeNull()
            expect(x.normalize('NFC')).toBe(x)
          } else if (x && typeof x === 'object')
            for (const [k, y] of Object.entries(x)) {
              walk(k)
              walk(y)
            }
        }
        walk(r.value)
      }),
      { seed: 15, numRuns: 300 },
    )
  })
})

describe('fieldLabel', () => {
  it('names fields in the user’s words', () => {
    expect(fieldLabel(['lifecycleStage']).zh).toBe('生命周期')
    expect(fieldLabel(['attributes', 'LEVEL']).en).toBe('Attribute LEVEL')
    expect(fieldLabel([]).en).toBe('The request body')
    expect(fieldLabel(['zzz', 0]).en).toBe('Zzz › item 1')
  })

  it("names a member's data scopes apart from a token's scopes", () => {
    expect(fieldLabel(['scopes', 0, 'nodeId'])).toEqual({
      zh: '数据范围 › 第 1 项 › 数据范围节点',
      en: 'Data scopes › item 1 › Scope node',
    })
    expect(fieldLabel(['scopes', 2]).zh).toBe('令牌权限 › 第 3 项')
    expect(fieldLabel(['otherRules', '默认规则']).zh).toBe('其他编码规则 › 默认规则')
  })

  it('names nested fields by the words of each step, never by a dotted key', () => {
    expect(fieldLabel(['pattern', 'segments', 1, 'per', 0])).toEqual({
      zh: '编码规则格式 › 编码段 › 第 2 段 › 流水依据 › 第 1 项',
      en: 'Code pattern › Segments › segment 2 › Serial scope › item 1',
    })
    expect(fieldLabel(['sample', 'attributes', 'LEVEL']).zh).toBe('示例客户 › 属性 LEVEL')
    expect(fieldLabel(['parentCode']).en).toBe('Parent code')
    expect(fieldLabel(['constraints', 'minLength']).zh).toBe('取值约束 › 最少字符')
  })
})
