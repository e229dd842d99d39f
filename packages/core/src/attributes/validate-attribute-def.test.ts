import { describe, expect, it } from 'vitest'
import { AttributeDef, CreateAttributeInput } from './attribute-def.js'
import { AMOUNT, LEVEL, makeDef, TAGS } from './attribute-def.test-helpers.js'
import { validateAttributeDef } from './validate-attribute-def.js'

const codes = (d: AttributeDef) => validateAttributeDef(d).map((i) => `${i.path.join('.')}:${i.code}`)

describe('validateAttributeDef', () => {
  it('accepts sound definitions', () => {
    for (const d of [AMOUNT, LEVEL, TAGS]) expect(validateAttributeDef(d)).toEqual([])
    expect(
      validateAttributeDef(
        makeDef({ code: 'D', type: 'date', constraints: { min: '2000-01-01' }, defaultValue: '2020-01-01' }),
      ),
    ).toEqual([])
    expect(
      validateAttributeDef(makeDef({ code: 'R', type: 'reference', referenceScheme: 'region', defaultValue: 'n-1' })),
    ).toEqual([])
  })

  it.each([
    [
      makeDef({ code: 'T', type: 'text', constraints: { pattern: '([a-z' } }),
      'constraints.pattern:ATTR_PATTERN_INVALID',
    ],
    [
      makeDef({ code: 'T', type: 'text', constraints: { minLength: 5, maxLength: 2 } }),
      'constraints.minLength:ATTR_MIN_GREATER_THAN_MAX',
    ],
    [
      makeDef({ code: 'N', type: 'number', constraints: { min: '10', max: '2' } }),
      'constraints.min:ATTR_MIN_GREATER_THAN_MAX',
    ],
    [
      makeDef({ code: 'N', type: 'number', precision: 1, constraints: { min: '0.25' } }),
      'constraints.min:ATTR_CONSTRAINT_VALUE',
    ],
    [makeDef({ code: 'D', type: 'date', constraints: { min: '2020-2-1' } }), 'constraints.min:ATTR_CONSTRAINT_VALUE'],
    [
      makeDef({ code: 'D', type: 'date', constraints: { min: '2021-01-01', max: '2020-01-01' } }),
      'constraints.min:ATTR_MIN_GREATER_THAN_MAX',
    ],
    [
      makeDef({ code: 'B', type: 'boolean', constraints: { pattern: 'x' } }),
      'constraints.pattern:ATTR_CONSTRAINT_NOT_APPLICABLE',
    ],
    [
      makeDef({ code: 'B', type: 'boolean', constraints: { max: '1' } }),
      'constraints.max:ATTR_CONSTRAINT_NOT_APPLICABLE',
    ],
    [makeDef({ code: 'T', type: 'text', precision: 2 }), 'precision:ATTR_PRECISION_NOT_NUMBER'],
    [makeDef({ code: 'R', type: 'reference' }), 'referenceScheme:ATTR_REFERENCE_SCHEME_REQUIRED'],
    [
      makeDef({ code: 'T', type: 'text', referenceScheme: 'region' }),
      'referenceScheme:ATTR_REFERENCE_SCHEME_NOT_REFERENCE',
    ],
    [makeDef({ code: 'S', type: 'single-choice' }), 'options:ATTR_OPTIONS_REQUIRED'],
    [
      makeDef({ code: 'T', type: 'text', options: [{ code: 'a', label: 'A', enabled: true }] }),
      'options:ATTR_OPTIONS_NOT_CHOICE',
    ],
    [
      makeDef({ ...LEVEL, options: [...LEVEL.options, { code: 'a', label: '另一个', enabled: true }] }),
      'options.3.code:ATTR_OPTION_DUPLICATE',
    ],
    [
      makeDef({ ...LEVEL, options: [...LEVEL.options, { code: 'D', label: '重要', enabled: true }] }),
      'options.3.label:ATTR_OPTION_LABEL_DUPLICATE',
    ],
    [makeDef({ ...TAGS, options: [{ code: 'a,b', label: 'AB', enabled: true }] }), 'options.0.code:ATTR_OPTION_CODE'],
    [makeDef({ ...AMOUNT, defaultValue: '5000000' }), 'defaultValue:ATTR_TOO_LARGE'],
    [makeDef({ ...AMOUNT, defaultValue: '1.001' }), 'defaultValue:ATTR_DECIMALS'],
    [makeDef({ ...LEVEL, defaultValue: 'Z' }), 'defaultValue:ATTR_OPTION_UNKNOWN'],
    [makeDef({ ...LEVEL, defaultValue: 'C' }), 'defaultValue:ATTR_OPTION_DISABLED'],
    [
      makeDef({ code: 'T', type: 'text', constraints: { pattern: '\\d+' }, defaultValue: 'x' }),
      'defaultValue:ATTR_PATTERN',
    ],
    [makeDef({ code: 'B', type: 'boolean', defaultValue: 'perhaps' }), 'defaultValue:ATTR_TYPE'],
    [makeDef({ code: 'R', type: 'reference', referenceScheme: 'region', defaultValue: 5 }), 'defaultValue:ATTR_TYPE'],
  ])('flags %#: %s', (def, expected) => {
    expect(codes(def)).toContain(expected)
  })

  it('checks a reference default with the resolver when given', () => {
    const d = makeDef({ code: 'R', name: '片区', type: 'reference', referenceScheme: 'region', defaultValue: 'ZZ' })
    expect(validateAttributeDef(d, { resolveReference: () => null })[0]?.code).toBe('ATTR_REFERENCE_UNKNOWN')
    expect(validateAttributeDef(d, { resolveReference: () => ({ id: 'n' }) })).toEqual([])
  })
})

describe('attribute schemas', () => {
  it('fills create defaults and checks codes', () => {
    const r = CreateAttributeInput.parse({
      code: 'LEVEL',
      name: '价值等级',
      type: 'single-choice',
      options: [{ code: 'A', label: '重要' }],
    })
    expect(r).toMatchObject({
      precision: 0,
      required: false,
      unique: false,
      indexed: false,
      enabled: true,
      constraints: {},
    })
    expect(r.options[0]?.enabled).toBe(true)
    expect(CreateAttributeInput.safeParse({ code: '1X', name: 'x', type: 'text' }).success).toBe(false)
    expect(CreateAttributeInput.safeParse({ code: 'X'.repeat(41), name: 'x', type: 'text' }).success).toBe(false)
    expect(CreateAttributeInput.safeParse({ code: 'X', name: 'x', type: 'money' }).success).toBe(false)
    expect(CreateAttributeInput.safeParse({ code: 'X', name: 'x', type: 'number', precision: 7 }).success).toBe(false)
  })

  it('parses a stored definition', () => {
    expect(AttributeDef.parse(AMOUNT)).toEqual(AMOUNT)
  })
})
