import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import {
  levelMask,
  levelOf,
  levelTotals,
  parentCodeOf,
  parseLevels,
  planLevelChange,
  printLevels,
  suggestNextSibling,
  validateLevels,
  validateNodeCode,
} from './level-scheme.js'

const thrown = (f: () => unknown): AppError => {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('parseLevels / printLevels / levelMask', () => {
  it.each([
    ['2-3-4', [2, 3, 4]],
    ['234', [2, 3, 4]],
    [' 2 - 2 ', [2, 2]],
    ['２-３', [2, 3]],
    ['4', [4]],
    ['9-9-9-3', [9, 9, 9, 3]],
    ['111111111', [1, 1, 1, 1, 1, 1, 1, 1, 1]],
  ])('parses %s', (input, levels) => {
    expect(parseLevels(input)).toEqual(levels)
  })

  it.each([
    ['', 'LEVEL_SCHEME_EMPTY'],
    ['2-10-4', 'LEVEL_SCHEME_WIDTH'],
    ['2-0', 'LEVEL_SCHEME_WIDTH'],
    ['204', 'LEVEL_SCHEME_WIDTH'],
    ['1111111111', 'LEVEL_SCHEME_TOO_MANY_LEVELS'],
    ['9-9-9-9', 'LEVEL_SCHEME_TOO_LONG'],
    ['2--3', 'LEVEL_SCHEME_SYNTAX'],
    ['2,3', 'LEVEL_SCHEME_SYNTAX'],
    ['a-b', 'LEVEL_SCHEME_SYNTAX'],
  ])('refuses %j with %s', (input, code) => {
    const e = thrown(() => parseLevels(input))
    expect(e.code).toBe('LEVEL_SCHEME_INVALID')
    expect(e.kind).toBe('invalid')
    expect(e.issues.map((i) => i.code)).toContain(code)
  })

  it('reports every problem at once', () => {
    const codes = validateLevels([0, 10, 9, 9, 9, 9, 9, 9, 9, 9]).map((i) => i.code)
    expect(codes).toEqual([
      'LEVEL_SCHEME_WIDTH',
      'LEVEL_SCHEME_WIDTH',
      'LEVEL_SCHEME_TOO_MANY_LEVELS',
      'LEVEL_SCHEME_TOO_LONG',
    ])
  })

  it('prints and masks', () => {
    expect(printLevels([2, 3, 4])).toBe('2-3-4')
    expect(levelMask([2, 3, 4])).toBe('** *** ****')
    expect(levelTotals([2, 3, 4])).toEqual([2, 5, 9])
  })
})

describe('validateNodeCode / levelOf / parentCodeOf', () => {
  const L = [2, 3, 4]
  it.each(['01', '01001', '010010001', 'hb', 'ＨＢ００１'])('accepts %s under 2-3-4', (code) => {
    expect(validateNodeCode(L, code)).toEqual([])
  })

  it.each([
    ['010', ['CLASS_CODE_LEVEL']],
    ['0100100011', ['CLASS_CODE_LEVEL']],
    ['', ['CLASS_CODE_REQUIRED']],
    ['0-', ['CLASS_CODE_CHARACTERS']],
    ['北京', ['CLASS_CODE_CHARACTERS']],
    ['01_', ['CLASS_CODE_CHARACTERS', 'CLASS_CODE_LEVEL']],
  ])('refuses %j', (code, codes) => {
    expect(validateNodeCode(L, code).map((i) => i.code)).toEqual(codes)
  })

  it('names the allowed lengths', () => {
    const [first] = validateNodeCode(L, '010')
    expect(first?.message.zh).toContain('编码不符合编码规则')
    expect(first?.message.en).toContain('2, 5, 9')
    expect(first?.path).toEqual(['code'])
  })

  it('finds levels and parents', () => {
    expect(levelOf(L, '01')).toBe(1)
    expect(levelOf(L, '01001')).toBe(2)
    expect(levelOf(L, '010010001')).toBe(3)
    expect(levelOf(L, '010')).toBeNull()
    expect(parentCodeOf(L, '01')).toBeNull()
    expect(parentCodeOf(L, '01001')).toBe('01')
    expect(parentCodeOf(L, '010010001')).toBe('01001')
    expect(parentCodeOf([2, 2], 'hbbj')).toBe('HB')
    expect(thrown(() => parentCodeOf(L, '010')).code).toBe('CLASS_CODE_LEVEL')
  })
})

describe('suggestNextSibling', () => {
  const L = [2, 3, 4]
  it.each([
    [null, [], '01'],
    [null, ['01', '02', '07'], '08'],
    ['01', ['01001', '01002', '02003', '010010001'], '01003'],
    ['01', [], '01001'],
    ['01001', ['010010009'], '010010010'],
    [null, ['01', '99'], '02'],
    [null, ['HB', 'HD'], 'HE'],
    [null, ['HB', 'HZ'], 'IA'],
    [null, ['0A', '01'], '0B'],
  ] as const)('under %s with %j suggests %s', (parent, siblings, expected) => {
    expect(suggestNextSibling(L, parent, siblings)).toBe(expected)
  })

  it('uses letters on a letter level (region 2-2)', () => {
    expect(suggestNextSibling([2, 2], 'HB', ['HBBJ', 'HBTJ'])).toBe('HBTK')
  })

  it('throws CLASS_LEVEL_FULL when no code is left', () => {
    const all = Array.from({ length: 9 }, (_, i) => String(i + 1))
    const e = thrown(() => suggestNextSibling([1, 2], null, all))
    expect(e.kind).toBe('conflict')
    expect(e.code).toBe('CLASS_LEVEL_FULL')
    expect(suggestNextSibling([1, 2], null, all.slice(1))).toBe('1')
  })

  it('refuses children below the last level', () => {
    expect(thrown(() => suggestNextSibling(L, '010010001', [])).code).toBe('CLASS_NO_DEEPER_LEVEL')
  })
})

const levelsArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 })
const codeOf = (levels: number[], level: number) =>
  fc.stringMatching(new RegExp(`^[0-9A-Z]{${levelTotals(levels)[level - 1]}}$`))

describe('laws', () => {
  it('every suggested code validates and has the right parent', () => {
    fc.assert(
      fc.property(
        levelsArb.chain((levels) =>
          fc.integer({ min: 0, max: levels.length - 1 }).chain((parentLevel) =>
            fc.tuple(
              fc.constant(levels),
              parentLevel === 0 ? fc.constant(null) : codeOf(levels, parentLevel),
              fc.array(fc.oneof(fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^[A-Z]{1,6}$/)), {
                maxLength: 8,
              }),
            ),
          ),
        ),
        ([levels, parent, tails]) => {
          const siblings = tails.map((t) => (parent ?? '') + t)
          let code: string
          try {
            code = suggestNextSibling(levels, parent, siblings)
          } catch (e) {
            return e instanceof AppError && e.code === 'CLASS_LEVEL_FULL'
          }
          expect(validateNodeCode(levels, code)).toEqual([])
          expect(parentCodeOf(levels, code)).toBe(parent)
          expect(siblings).not.toContain(code)
          return true
        },
      ),
    )
  })

  it('the parent is a prefix one level up, and walking up ends at level 1', () => {
    fc.assert(
      fc.property(
        levelsArb.chain((levels) =>
          fc
            .integer({ min: 1, max: levels.length })
            .chain((level) => fc.tuple(fc.constant(levels), codeOf(levels, level), fc.constant(level))),
        ),
        ([levels, code, level]) => {
          expect(levelOf(levels, code)).toBe(level)
          const parent = parentCodeOf(levels, code)
          if (level === 1) expect(parent).toBeNull()
          else {
            expect(code.startsWith(parent as string)).toBe(true)
            expect(levelOf(levels, parent as string)).toBe(level - 1)
            expect((parent as string).length).toBe(levelTotals(levels)[level - 2])
          }
          let steps = 0
          for (let c: string | null = code; c !== null; c = parentCodeOf(levels, c)) steps++
          expect(steps).toBe(level)
        },
      ),
    )
  })

  it('sequential suggestions never repeat', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 }), (width, n) => {
        const seen: string[] = []
        for (let i = 0; i < Math.min(n, 10 ** width - 1); i++) seen.push(suggestNextSibling([width], null, seen))
        expect(new Set(seen).size).toBe(seen.length)
      }),
    )
  })
})

describe('planLevelChange', () => {
  const used = ['01', '02', '01001']
  it.each([
    [
      [2, 3, 4],
      [2, 3, 5],
    ],
    [
      [2, 3, 4],
      [2, 3, 6, 2],
    ],
    [
      [2, 3],
      [2, 3, 4],
    ],
    [
      [2, 3, 4],
      [2, 3],
    ],
  ])('allows %j → %j when the changed levels are unused', (from, to) => {
    expect(planLevelChange(from, to, used)).toEqual([])
  })

  it('refuses changing a used level, naming the level and a code', () => {
    const issues = planLevelChange([2, 3, 4], [2, 4, 4], used)
    expect(issues.map((i) => i.code)).toEqual(['LEVEL_SCHEME_USED_LEVEL_CHANGED'])
    expect(issues[0]?.message.en).toContain('Level 2')
    expect(issues[0]?.message.zh).toContain('01001')
    expect(issues[0]?.path).toEqual(['levels', 1])
  })

  it('refuses removing a used level and reports every problem', () => {
    const issues = planLevelChange([2, 3, 4], [3], used)
    expect(issues.map((i) => i.code)).toEqual(['LEVEL_SCHEME_USED_LEVEL_CHANGED', 'LEVEL_SCHEME_USED_LEVEL_REMOVED'])
    expect(issues[0]?.message.en).toContain('e.g. code 01')
  })

  it('checks the new scheme itself and legacy codes', () => {
    expect(planLevelChange([2, 3], [2, 3, 10], []).map((i) => i.code)).toEqual(['LEVEL_SCHEME_WIDTH'])
    expect(planLevelChange([2, 3], [2, 3, 1], ['0100']).map((i) => i.code)).toEqual(['LEVEL_SCHEME_CODE_UNFIT'])
    expect(planLevelChange([2, 3], [2, 2], ['0100'])).toEqual([])
  })
})
