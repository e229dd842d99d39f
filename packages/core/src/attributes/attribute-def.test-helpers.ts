import type { AttributeDef } from './attribute-def.js'

/** An attribute definition with sensible defaults for tests. */
export function makeDef(over: Partial<AttributeDef> & Pick<AttributeDef, 'code' | 'type'>): AttributeDef {
  return {
    id: `id-${over.code}`,
    dimensionId: 'dim-1',
    name: over.code,
    precision: 0,
    required: false,
    defaultValue: null,
    constraints: {},
    options: [],
    unique: false,
    indexed: false,
    position: 0,
    enabled: true,
    ...over,
  }
}

export const LEVEL = makeDef({
  code: 'LEVEL',
  name: '价值等级',
  type: 'single-choice',
  options: [
    { code: 'A', label: '重要', enabled: true },
    { code: 'B', label: '一般', enabled: true },
    { code: 'C', label: '停用级', enabled: false },
  ],
})
export const TAGS = makeDef({
  code: 'TAGS',
  name: '标签',
  type: 'multi-choice',
  options: [
    { code: 'vip', label: '贵宾', enabled: true },
    { code: 'gov', label: '政府', enabled: true },
    { code: 'old', label: '旧标签', enabled: false },
  ],
})
export const AMOUNT = makeDef({
  code: 'AMOUNT',
  name: '年采购额',
  type: 'number',
  precision: 2,
  constraints: { min: '0', max: '1000000' },
})
