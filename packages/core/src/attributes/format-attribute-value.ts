import type { Lang } from '../errors.js'
import type { AttributeDef } from './attribute-def.js'
import { isEmptyValue } from './coerce-attribute-value.js'
import { formatScaledDecimal } from './scaled-decimal.js'

export interface FormatAttributeOptions {
  /** Shows a referenced node (by scheme code and node id), e.g. as `01 批发`; the id otherwise. */
  referenceLabel?: (schemeCode: string, id: string) => string | null
}

/**
 * A stored value as text for display and export: numbers as decimal strings ('12.34'), choices by
 * their labels, booleans 是/否 or Yes/No, empty as ''. Unknown option codes show as themselves.
 */
export function formatAttributeValue(
  def: AttributeDef,
  stored: unknown,
  lang: Lang = 'zh-CN',
  opts: FormatAttributeOptions = {},
): string {
  if (isEmptyValue(stored)) return ''
  const label = (code: unknown) => def.options.find((o) => o.code === code)?.label ?? String(code)
  switch (def.type) {
    case 'number':
      return typeof stored === 'number' && Number.isSafeInteger(stored)
        ? formatScaledDecimal(stored, def.precision)
        : String(stored)
    case 'boolean':
      return stored === true
        ? lang === 'en'
          ? 'Yes'
          : '是'
        : stored === false
          ? lang === 'en'
            ? 'No'
            : '否'
          : String(stored)
    case 'single-choice':
      return label(stored)
    case 'multi-choice':
      return (Array.isArray(stored) ? stored : [stored]).map(label).join(lang === 'en' ? ', ' : '、')
    case 'reference':
      return opts.referenceLabel?.(def.referenceScheme ?? '', String(stored)) ?? String(stored)
    default:
      return Array.isArray(stored) ? stored.join(', ') : String(stored)
  }
}
