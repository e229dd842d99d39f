import { type Issue, issue, text } from '../errors.js'
import type { AttributeDef } from './attribute-def.js'
import {
  type CoerceOptions,
  coerceAttributeValue,
  compileAttributePattern,
  isEmptyValue,
  parseDateValue,
} from './coerce-attribute-value.js'
import { parseScaledDecimal } from './scaled-decimal.js'

const CHOICE_TYPES = new Set<AttributeDef['type']>(['single-choice', 'multi-choice'])
const OPTION_CODE = /^[^\s,，;；、]{1,40}$/

/**
 * Every problem with an attribute definition: the default fits the type and constraints, option
 * codes are unique, the pattern compiles, min ≤ max, a reference names its scheme. Paths are
 * relative to the definition (e.g. `['options', 2, 'code']`).
 */
export function validateAttributeDef(def: AttributeDef, opts: Pick<CoerceOptions, 'resolveReference'> = {}): Issue[] {
  const issues: Issue[] = []
  const c = def.constraints ?? {}
  const named = `「${def.name}」`
  const enNamed = `"${def.name}"`
  const notFor = (key: string) =>
    issues.push(
      issue(
        ['constraints', key],
        'ATTR_CONSTRAINT_NOT_APPLICABLE',
        text(`${named}的类型 ${def.type} 不能设置 ${key}`, `${enNamed}: ${key} does not apply to the type ${def.type}`),
      ),
    )

  if (def.type !== 'number' && def.precision !== 0)
    issues.push(
      issue(
        ['precision'],
        'ATTR_PRECISION_NOT_NUMBER',
        text(`${named}不是数字，不能设置小数位`, `${enNamed} is not a number and has no decimals`),
      ),
    )

  // Options.
  if (CHOICE_TYPES.has(def.type)) {
    if (def.options.length === 0)
      issues.push(
        issue(
          ['options'],
          'ATTR_OPTIONS_REQUIRED',
          text(`${named}至少需要一个选项`, `${enNamed} needs at least one option`),
        ),
      )
    const codes = new Map<string, number>()
    const labels = new Map<string, number>()
    def.options.forEach((o, i) => {
      if (!OPTION_CODE.test(o.code))
        issues.push(
          issue(
            ['options', i, 'code'],
            'ATTR_OPTION_CODE',
            text(
              `选项编码 ${o.code} 不可含空白或分隔符（, ; 、）`,
              `The option code ${o.code} may not contain spaces or separators (, ; 、)`,
            ),
          ),
        )
      const key = o.code.toLowerCase()
      const first = codes.get(key)
      if (first !== undefined)
        issues.push(
          issue(
            ['options', i, 'code'],
            'ATTR_OPTION_DUPLICATE',
            text(
              `选项编码 ${o.code} 与第 ${first + 1} 个选项重复`,
              `The option code ${o.code} repeats option ${first + 1}`,
            ),
          ),
        )
      else codes.set(key, i)
      const firstLabel = labels.get(o.label)
      if (firstLabel !== undefined)
        issues.push(
          issue(
            ['options', i, 'label'],
            'ATTR_OPTION_LABEL_DUPLICATE',
            text(
              `选项名称 ${o.label} 与第 ${firstLabel + 1} 个选项重复`,
              `The option label ${o.label} repeats option ${firstLabel + 1}`,
            ),
          ),
        )
      else labels.set(o.label, i)
    })
  } else if (def.options.length > 0)
    issues.push(
      issue(
        ['options'],
        'ATTR_OPTIONS_NOT_CHOICE',
        text(`${named}不是选项类型，不能设置选项`, `${enNamed} is not a choice and takes no options`),
      ),
    )

  // Reference.
  if (def.type === 'reference' && !def.referenceScheme)
    issues.push(
      issue(
        ['referenceScheme'],
        'ATTR_REFERENCE_SCHEME_REQUIRED',
        text(`${named}需指定引用的分类体系`, `${enNamed} needs the scheme it refers to`),
      ),
    )
  if (def.type !== 'reference' && def.referenceScheme)
    issues.push(
      issue(
        ['referenceScheme'],
        'ATTR_REFERENCE_SCHEME_NOT_REFERENCE',
        text(`${named}不是引用类型，不能指定分类体系`, `${enNamed} is not a reference and names no scheme`),
      ),
    )

  // Lengths.
  const lengthApplies = def.type === 'text' || def.type === 'multi-choice'
  if (!lengthApplies) {
    if (c.minLength !== undefined) notFor('minLength')
    if (c.maxLength !== undefined) notFor('maxLength')
  } else if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength)
    issues.push(
      issue(
        ['constraints', 'minLength'],
        'ATTR_MIN_GREATER_THAN_MAX',
        text(
          `${named}的最小长度 ${c.minLength} 大于最大长度 ${c.maxLength}`,
          `${enNamed}: minLength ${c.minLength} exceeds maxLength ${c.maxLength}`,
        ),
      ),
    )

  // Pattern.
  if (c.pattern !== undefined) {
    if (def.type !== 'text') notFor('pattern')
    else if (compileAttributePattern(c.pattern) === null)
      issues.push(
        issue(
          ['constraints', 'pattern'],
          'ATTR_PATTERN_INVALID',
          text(
            `${named}的格式 ${c.pattern} 不是有效的正则表达式`,
            `${enNamed}: ${c.pattern} is not a valid regular expression`,
          ),
        ),
      )
  }

  // Range.
  if (def.type === 'number' || def.type === 'date') {
    const parsed: Partial<Record<'min' | 'max', number | string>> = {}
    for (const key of ['min', 'max'] as const) {
      const raw = c[key]
      if (raw === undefined) continue
      if (def.type === 'number') {
        const r = parseScaledDecimal(raw, def.precision)
        if (r.ok) parsed[key] = r.value
        else
          issues.push(
            issue(
              ['constraints', key],
              'ATTR_CONSTRAINT_VALUE',
              text(
                `${named}的 ${key} 应为至多 ${def.precision} 位小数的数字，收到 ${raw}`,
                `${enNamed}: ${key} must be a number with at most ${def.precision} decimals, got ${raw}`,
              ),
            ),
          )
      } else {
        const d = parseDateValue(raw)
        if (d !== null && d === raw) parsed[key] = d
        else
          issues.push(
            issue(
              ['constraints', key],
              'ATTR_CONSTRAINT_VALUE',
              text(
                `${named}的 ${key} 应为 YYYY-MM-DD 日期，收到 ${raw}`,
                `${enNamed}: ${key} must be a date YYYY-MM-DD, got ${raw}`,
              ),
            ),
          )
      }
    }
    if (parsed.min !== undefined && parsed.max !== undefined && parsed.min > parsed.max)
      issues.push(
        issue(
          ['constraints', 'min'],
          'ATTR_MIN_GREATER_THAN_MAX',
          text(`${named}的最小值 ${c.min} 大于最大值 ${c.max}`, `${enNamed}: min ${c.min} exceeds max ${c.max}`),
        ),
      )
  } else {
    if (c.min !== undefined) notFor('min')
    if (c.max !== undefined) notFor('max')
  }

  // Default: only when the rest is sound, or the default's issues would repeat them.
  if (!isEmptyValue(def.defaultValue) && issues.length === 0) {
    if (def.type === 'reference' && !opts.resolveReference) {
      if (typeof def.defaultValue !== 'string')
        issues.push(
          issue(
            ['defaultValue'],
            'ATTR_TYPE',
            text(`${named}的默认值应为分类编码`, `${enNamed}: the default must be a class id`),
          ),
        )
    } else {
      const r = coerceAttributeValue(def, def.defaultValue, ['defaultValue'], opts)
      issues.push(...r.issues)
    }
  }
  return issues
}
