import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import { anyPatternArb } from './codes.test-helpers.js'
import { type CodePattern, CodePatternSchema, fieldKey, parsePattern, printPattern, serialScope } from './pattern.js'

const serial = (width: number, more: Partial<Extract<CodePattern['segments'][number], { kind: 'serial' }>> = {}) => ({
  kind: 'serial' as const,
  width,
  start: 1,
  step: 1,
  overflow: 'refuse' as const,
  per: null,
  ...more,
})

describe('parsePattern', () => {
  it.each<[string, CodePattern['segments']]>([
    ['{serial:5}', [serial(5)]],
    ['{type}{serial:3}', [{ kind: 'field', ref: { source: 'type' }, modifiers: [] }, serial(3)]],
    ['{date:yyyymmdd}-{serial:5}', [{ kind: 'date', format: 'yyyymmdd' }, { kind: 'literal', text: '-' }, serial(5)]],
    [
      '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
      [
        { kind: 'field', ref: { source: 'type' }, modifiers: [] },
        { kind: 'literal', text: '-' },
        { kind: 'field', ref: { source: 'region' }, modifiers: [{ kind: 'map', name: '地区简称' }] },
        { kind: 'literal', text: '-' },
        { kind: 'date', format: 'yyyymmdd' },
        { kind: 'literal', text: '-' },
        serial(5),
      ],
    ],
    [
      '{{V}}{class:1|left:2|right:1}{attr:LEVEL}{serial:4|start:0|step:2|per:type+class:1+attr:LEVEL+date:yyyy|overflow:widen}{check}',
      [
        { kind: 'literal', text: '{V}' },
        {
          kind: 'field',
          ref: { source: 'class', level: 1 },
          modifiers: [
            { kind: 'left', n: 2 },
            { kind: 'right', n: 1 },
          ],
        },
        { kind: 'field', ref: { source: 'attr', attr: 'LEVEL' }, modifiers: [] },
        serial(4, {
          start: 0,
          step: 2,
          overflow: 'widen',
          per: [
            { kind: 'field', ref: { source: 'type' } },
            { kind: 'field', ref: { source: 'class', level: 1 } },
            { kind: 'field', ref: { source: 'attr', attr: 'LEVEL' } },
            { kind: 'date', granularity: 'yyyy' },
          ],
        }),
        { kind: 'check' },
      ],
    ],
    ['{serial:3|per:none}', [serial(3, { per: [] })]],
  ])('%s', (t, segments) => {
    expect(parsePattern(t)).toEqual({ segments })
  })

  it('reports every syntax problem at once', () => {
    try {
      parsePattern('{foo}{date:yyyyy}{serial}{type|upper}}x{serial:3|per:nothing}{region')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(AppError)
      const err = e as AppError
      expect(err.kind).toBe('invalid')
      expect(err.code).toBe('CODE_RULE_SYNTAX')
      expect(err.issues).toHaveLength(7)
      for (const i of err.issues) {
        expect(i.message.zh).toMatch(/第 \d+ 个字符处/)
        expect(i.message.en).toMatch(/^At character \d+/)
      }
    }
  })

  it.each([
    '',
    '{check:1}',
    '{attr}',
    '{attr:A:1}',
    '{class:0}',
    '{date:yyyy|left:1}',
    '{serial:3|start:1|start:2}',
    '{serial:3|per:type+type}',
    '{serial:3|per:none+type}',
    '{serial:3|overflow:wrap}',
    '{type|left:0}',
  ])('refuses %j', (t) => {
    expect(() => parsePattern(t)).toThrow(AppError)
  })
})

describe('printPattern', () => {
  it('prints the canonical form, leaving defaults out', () => {
    expect(printPattern(parsePattern('{serial:5|start:1|step:1|overflow:refuse}'))).toBe('{serial:5}')
    expect(printPattern(parsePattern('{{{type}}}'))).toBe('{{{type}}}')
    expect(printPattern(parsePattern('{serial:2|overflow:widen|per:region+date:yyyy}'))).toBe(
      '{serial:2|per:region+date:yyyy|overflow:widen}',
    )
  })

  it('round-trips through parsePattern', () => {
    fc.assert(
      fc.property(anyPatternArb, (p) => {
        expect(parsePattern(printPattern(p))).toEqual(p)
        expect(CodePatternSchema.safeParse(p).success).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('CodePatternSchema', () => {
  it('accepts a parsed pattern and refuses malformed ones', () => {
    expect(CodePatternSchema.parse(parsePattern('{type}{serial:3}'))).toEqual(parsePattern('{type}{serial:3}'))
    const bad = [
      { segments: [] },
      { segments: [{ kind: 'date', format: 'yyyyy' }] },
      {
        segments: [
          { kind: 'literal', text: 'A' },
          { kind: 'literal', text: 'B' },
        ],
      },
      { segments: [{ kind: 'field', ref: { source: 'attr' }, modifiers: [] }] },
      { segments: [{ kind: 'field', ref: { source: 'type', attr: 'X' }, modifiers: [] }] },
      { segments: [{ kind: 'field', ref: { source: 'type' }, modifiers: [{ kind: 'map', name: 'a|b' }] }] },
    ]
    for (const b of bad) expect(CodePatternSchema.safeParse(b).success).toBe(false)
  })
})

describe('fieldKey and the default scope', () => {
  it('names refs', () => {
    expect(fieldKey({ source: 'type' })).toBe('type')
    expect(fieldKey({ source: 'region', level: 1 })).toBe('region:1')
    expect(fieldKey({ source: 'attr', attr: 'LEVEL' })).toBe('attr:LEVEL')
  })

  it('defaults the scope to every date and field segment, not literals or check', () => {
    expect(serialScope(parsePattern('V{type}-{region|map:M}{date:yyww}{serial:3}{check}'))).toEqual([
      { kind: 'field', ref: { source: 'type' } },
      { kind: 'field', ref: { source: 'region' } },
      { kind: 'date', granularity: 'yyww' },
    ])
    expect(serialScope(parsePattern('{type}{serial:3|per:none}'))).toEqual([])
  })
})
