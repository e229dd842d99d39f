import { type Text, text } from '../errors.js'
import { withoutCheck } from './code-automaton.js'
import { codeFormatProblem } from './code-format.js'
import { normalizeCode } from './normalize-code.js'
import { parseCode } from './parse-code.js'
import { baseFieldRef, type CodePattern, type FieldRef, fieldKey, printPattern, serialSegments } from './pattern.js'
import { type FieldValue, type MapTable, type RecordValues, renderCode } from './render-code.js'

/**
 * What a rule says about a code someone typed (or an existing code the audit reads):
 * - `fits`: it is a code the rule can print (for `values`, when given) with this serial;
 * - `format`: it breaks the code format every code obeys;
 * - `check`: it has the rule's shape but a wrong check character (a swapped pair, a mistyped character);
 * - `off-rule`: it does not have the rule's shape (or not for this customer's values).
 */
export type TypedCodeVerdict =
  | { kind: 'fits'; serial: number }
  | { kind: 'format' | 'check' | 'off-rule'; reason: Text }

export interface TypedCodeRule {
  name: string
  pattern: CodePattern
}

/** One customer's values as the only values each field can take. */
const ownValues =
  (values: RecordValues) =>
  (ref: FieldRef): FieldValue[] => {
    const v = values.fields[fieldKey(baseFieldRef(ref))]
    return v ? [v] : []
  }

/** The rule's example for these values (its first serial), to show what a fitting code looks like. */
function exampleOf(p: CodePattern, values: RecordValues | undefined, maps: MapTable[]): string | null {
  if (!values) return null
  try {
    return renderCode(p, values, maps, serialSegments(p)[0]?.start ?? 1)
  } catch {
    return null
  }
}

/**
 * The one verdict on a typed code, shared by create, preview and `kehu code audit`. `values` are the
 * customer's values (create, preview): a code with the rule's shape must then also be this customer's.
 * `valueSets` are the tenant's values (the audit), so that only printable field values count.
 */
export function judgeTypedCode(
  rule: TypedCodeRule,
  code: string,
  maps: MapTable[],
  values?: RecordValues,
  valueSets?: (ref: FieldRef) => FieldValue[] | undefined,
): TypedCodeVerdict {
  const c = normalizeCode(code)
  const format = codeFormatProblem(c)
  if (format) return { kind: 'format', reason: format }
  const p = rule.pattern
  const shown = `“${rule.name}”（${printPattern(p)}）`
  const shownEn = `"${rule.name}" (${printPattern(p)})`
  const example = exampleOf(p, values, maps)
  const like = example
    ? text(`，此客户的编码形如 ${example}`, `; this customer's codes look like ${example}`)
    : text('', '')
  // With a customer's values, only what they print is read, so the serial is read in their one way.
  const sets = values ? ownValues(values) : valueSets
  const parsed = parseCode(p, c, maps, sets)
  const notTheirs = text(
    `编码 ${c} 有规则${shown}的形式，但不是按此客户的资料生成的${like.zh}`,
    `The code ${c} has the shape of the rule ${shownEn} but not this customer's values${like.en}`,
  )
  if (!parsed) {
    const body = withoutCheck(p)
    if (body !== p.segments && parseCode({ segments: body }, c.slice(0, -1), maps, sets))
      return {
        kind: 'check',
        reason: text(
          `编码 ${c} 的校验位不对（最后一位应由前面的字符算出）：可能输错了一位或颠倒了两位`,
          `The check character of ${c} is wrong (the last character is computed from the others): a character may be mistyped or two swapped`,
        ),
      }
    if (values && parseCode(p, c, maps, valueSets)) return { kind: 'off-rule', reason: notTheirs }
    return {
      kind: 'off-rule',
      reason: text(
        `编码 ${c} 不符合规则${shown}${like.zh}`,
        `The code ${c} does not fit the rule ${shownEn}${like.en}`,
      ),
    }
  }
  if (values) {
    let own: string | null = null
    try {
      own = renderCode(p, values, maps, parsed.serial)
    } catch {
      // values the rule cannot print: not this customer's code
    }
    if (own !== c) return { kind: 'off-rule', reason: notTheirs }
  }
  return { kind: 'fits', serial: parsed.serial }
}
