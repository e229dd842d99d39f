import { describe, expect, it } from 'vitest'
import type { FilterSubject } from '../filter/evaluate-filter.js'
import { applicableAttributeCodes } from './applicable-attributes.js'
import { makeDef } from './attribute-def.test-helpers.js'
import { CreateDimensionInput, DimensionType, UpdateDimensionInput } from './dimension-type.js'

const dim = (over: Partial<DimensionType> & Pick<DimensionType, 'id'>): DimensionType =>
  DimensionType.parse({
    code: over.id,
    name: over.id,
    description: '',
    enabled: true,
    appliesTo: null,
    position: 0,
    ...over,
  })

describe('dimension schemas', () => {
  it('fills create defaults and checks the filter', () => {
    expect(CreateDimensionInput.parse({ code: 'SALES', name: '销售维度' })).toEqual({
      code: 'SALES',
      name: '销售维度',
      description: '',
      enabled: true,
      appliesTo: null,
    })
    const appliesTo = { all: [{ field: 'class', op: 'under', value: '01' }] }
    expect(CreateDimensionInput.parse({ code: 'S', name: 's', appliesTo }).appliesTo).toEqual(appliesTo)
    expect(
      CreateDimensionInput.safeParse({ code: 'S', name: 's', appliesTo: { all: [{ field: 'class' }] } }).success,
    ).toBe(false)
    expect(CreateDimensionInput.safeParse({ code: '_S', name: 's' }).success).toBe(false)
    expect(CreateDimensionInput.safeParse({ code: 'S', name: ' ' }).success).toBe(false)
    expect(UpdateDimensionInput.parse({ enabled: false })).toEqual({ enabled: false })
  })
})

describe('applicableAttributeCodes', () => {
  const subject = (classCode: string, path: string[]): FilterSubject => ({
    fields: {},
    attributes: {},
    classes: { class: { code: classCode, path } },
  })
  const dims = [
    dim({ id: 'ALL' }),
    dim({ id: 'WHOLESALE', appliesTo: { any: [{ field: 'class', op: 'under', value: '01' }] } }),
    dim({ id: 'OFF', enabled: false }),
  ]
  const defs = [
    makeDef({ code: 'A', type: 'text', dimensionId: 'ALL' }),
    makeDef({ code: 'W', type: 'text', dimensionId: 'WHOLESALE' }),
    makeDef({ code: 'O', type: 'text', dimensionId: 'OFF' }),
    makeDef({ code: 'D', type: 'text', dimensionId: 'ALL', enabled: false }),
  ]

  it('takes enabled dimensions whose filter matches, subtrees included', () => {
    expect(applicableAttributeCodes(dims, defs, subject('01002', ['01', '01002']))).toEqual(new Set(['A', 'W', 'D']))
    expect(applicableAttributeCodes(dims, defs, subject('02', ['02']))).toEqual(new Set(['A', 'D']))
  })
})
