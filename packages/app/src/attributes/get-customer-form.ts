import {
  type AttributeDef,
  applicableAttributeCodes,
  assertCan,
  assertNoIssues,
  type FilterSubject,
  type Issue,
  issue,
  normalizeNodeCode,
  text,
} from '@kehu/core'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

export interface CustomerFormSection {
  code: string
  name: string
  description: string
  attributes: AttributeDef[]
}

/**
 * The attributes a customer with these classes (node code per scheme code) fills in, grouped by
 * dimension in display order; disabled attributes are left out.
 */
export async function getCustomerForm(
  { deps, actor, tenant: tenantCode }: RequestContext,
  classes: Record<string, string | undefined>,
): Promise<CustomerFormSection[]> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const index = await loadClassIndex(tx, tenant.id)
    const subject: FilterSubject = { fields: {}, classes: {}, attributes: {} }
    const issues: Issue[] = []
    for (const [schemeCode, raw] of Object.entries(classes)) {
      if (!raw || raw.trim() === '') continue
      const scheme = index.schemes.find((s) => s.code === schemeCode)
      if (!scheme) {
        issues.push(
          issue(
            [schemeCode],
            'SCHEME_NOT_FOUND',
            text(`分类体系 ${schemeCode} 不存在`, `Classification scheme ${schemeCode} does not exist`),
          ),
        )
        continue
      }
      const code = normalizeNodeCode(raw)
      const node = (index.nodesByScheme.get(scheme.id) ?? []).find((n) => n.code === code)
      if (!node) {
        issues.push(
          issue(
            [schemeCode],
            'CLASS_NOT_FOUND',
            text(`分类体系 ${scheme.name} 中没有 ${code}`, `The scheme ${scheme.code} has no class ${code}`),
          ),
        )
        continue
      }
      subject.classes[scheme.code] = { code: node.code, path: index.pathById.get(node.id) ?? [node.code] }
    }
    assertNoIssues(issues, 'CUSTOMER_FORM_INVALID', text('分类有误', 'The classes are not valid'))
    const [dimensions, defs] = await Promise.all([tx.dimensions.list(tenant.id), tx.attributes.list(tenant.id)])
    const applicable = applicableAttributeCodes(dimensions, defs, subject)
    return dimensions
      .map((d) => ({
        code: d.code,
        name: d.name,
        description: d.description,
        attributes: defs.filter((a) => a.dimensionId === d.id && a.enabled && applicable.has(a.code)),
      }))
      .filter((s) => s.attributes.length > 0)
  })
}
