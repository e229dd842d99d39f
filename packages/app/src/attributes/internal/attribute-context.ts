import {
  AppError,
  type AttributeDef,
  assertNoIssues,
  conflict,
  type DimensionType,
  type Filter,
  type FilterNode,
  filterChildren,
  isCondition,
  issue,
  normalizeNodeCode,
  notFound,
  parseFilterField,
  type Tx,
  text,
  validateFilter,
} from '@kehu/core'
import { knownFilterFields } from '../../classification/internal/class-index.js'

export async function loadDimension(tx: Tx, tenantId: string, code: string): Promise<DimensionType> {
  const d = await tx.dimensions.byCode(tenantId, code)
  if (!d)
    throw notFound('DIMENSION_NOT_FOUND', text(`管理维度 ${code} 不存在`, `The dimension ${code} does not exist`), {
      dimension: code,
    })
  return d
}

export async function loadAttribute(tx: Tx, tenantId: string, code: string): Promise<AttributeDef> {
  const a = await tx.attributes.byCode(tenantId, code)
  if (!a)
    throw notFound('ATTR_NOT_FOUND', text(`维度属性 ${code} 不存在`, `The attribute ${code} does not exist`), {
      attribute: code,
    })
  return a
}

/**
 * Refuses an "applies to" filter that names unknown fields, schemes, operators or values, or classes a
 * scheme does not have (a typo would silently make the dimension apply to nobody).
 */
export async function assertAppliesTo(tx: Tx, tenantId: string, appliesTo: Filter | null): Promise<void> {
  if (appliesTo === null) return
  const schemes = await tx.schemes.list(tenantId)
  const known = await knownFilterFields(tx, tenantId, schemes)
  const issues = validateFilter(appliesTo, known, ['appliesTo'])
  if (issues.length === 0) {
    const walk = async (n: FilterNode, path: (string | number)[]) => {
      if (!isCondition(n)) {
        const key = 'all' in n ? 'all' : 'any'
        for (const [i, c] of filterChildren(n).entries()) await walk(c, [...path, key, i])
        return
      }
      const ref = parseFilterField(n.field)
      const scheme = ref.kind === 'scheme' ? schemes.find((s) => s.code === ref.scheme) : undefined
      if (!scheme || n.value === undefined || n.value === null) return
      const codes = new Set((await tx.nodes.listByScheme(tenantId, scheme.id)).map((x) => x.code))
      for (const v of Array.isArray(n.value) ? n.value : [n.value]) {
        const code = normalizeNodeCode(String(v))
        if (!codes.has(code))
          issues.push(
            issue(
              [...path, 'value'],
              'CLASS_NOT_FOUND',
              text(`分类体系 ${scheme.name} 中没有 ${code}`, `The scheme ${scheme.code} has no class ${code}`),
            ),
          )
      }
    }
    await walk(appliesTo, ['appliesTo'])
  }
  assertNoIssues(
    issues,
    'DIMENSION_INVALID',
    text('管理维度的适用范围有误', 'The dimension’s "applies to" filter is not valid'),
  )
}

export async function assertDimensionCodeFree(tx: Tx, tenantId: string, code: string): Promise<void> {
  if (await tx.dimensions.byCode(tenantId, code))
    throw conflict('DIMENSION_CODE_TAKEN', text(`管理维度编码 ${code} 已存在`, `The dimension code ${code} is taken`), {
      dimension: code,
    })
}

export async function assertAttributeCodeFree(tx: Tx, tenantId: string, code: string): Promise<void> {
  const all = await tx.attributes.list(tenantId)
  const clash = all.find((a) => a.code.toLowerCase() === code.toLowerCase())
  if (clash)
    throw conflict(
      'ATTR_CODE_TAKEN',
      text(`维度属性编码 ${code} 已被「${clash.name}」使用`, `The attribute code ${code} is taken by "${clash.name}"`),
      { attribute: code },
    )
}

/** Refuses a reference attribute whose scheme does not exist. */
export async function assertReferenceScheme(tx: Tx, tenantId: string, def: AttributeDef): Promise<void> {
  if (def.type !== 'reference' || !def.referenceScheme) return
  if (!(await tx.schemes.byCode(tenantId, def.referenceScheme)))
    throw new AppError(
      'invalid',
      'ATTR_DEF_INVALID',
      text(`维度属性「${def.name}」的定义有误`, `The attribute "${def.name}" is not sound`),
      {
        issues: [
          {
            path: ['referenceScheme'],
            code: 'ATTR_REFERENCE_SCHEME_UNKNOWN',
            message: text(
              `分类体系 ${def.referenceScheme} 不存在`,
              `The classification scheme ${def.referenceScheme} does not exist`,
            ),
          },
        ],
      },
    )
}
