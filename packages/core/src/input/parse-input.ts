import type { z } from 'zod'
import { AppError, type ErrorCodeOf, type Issue, type Text, text } from '../errors.js'
import { fieldLabel } from './field-label.js'

type ZodIssue = z.ZodError['issues'][number]

const TYPE_NAMES: Record<string, Text> = {
  string: text('文本', 'text'),
  number: text('数字', 'a number'),
  int: text('整数', 'a whole number'),
  boolean: text('是或否（true/false）', 'true or false'),
  object: text('对象', 'an object'),
  array: text('列表', 'a list'),
  record: text('对象', 'an object'),
}

function bound(origin: string, n: number | bigint, count: Text, compare: Text): Text {
  if (origin === 'string') return text(`${count.zh} ${n} 个字符`, `${count.en} ${n} characters`)
  if (origin === 'array' || origin === 'set') return text(`${count.zh} ${n} 项`, `${count.en} ${n} items`)
  return text(`${compare.zh} ${n}`, `${compare.en} ${n}`)
}

// zod's own messages are library English; say the same in the user's words, both languages.
function describe(i: ZodIssue): Text {
  switch (i.code) {
    case 'too_big':
      return bound(i.origin, i.maximum, text('最多', 'at most'), text('不能大于', 'at most'))
    case 'too_small':
      return bound(i.origin, i.minimum, text('至少', 'at least'), text('不能小于', 'at least'))
    case 'invalid_type': {
      // zod reports a missing field as a value of the wrong type, received undefined.
      if (/received undefined$/.test(i.message)) return text('必填', 'is required')
      const t = TYPE_NAMES[i.expected] ?? text(i.expected, i.expected)
      return text(`应为${t.zh}`, `must be ${t.en}`)
    }
    case 'invalid_value':
      return text(`只能是 ${i.values.map(String).join('、')} 之一`, `must be one of ${i.values.map(String).join(', ')}`)
    case 'unrecognized_keys':
      return text(`不认识的字段：${i.keys.join('、')}`, `unknown fields: ${i.keys.join(', ')}`)
    case 'invalid_format':
      // A schema's own wording (a pattern's rule) is kept for English; zod's default is not shown.
      return text('格式不对', i.message.startsWith('Invalid') ? 'has the wrong format' : i.message)
    default:
      return text('无效', 'is not valid')
  }
}

/** zod's issues as ours: each names its field in the user's words (`fieldLabel`), in both languages. */
export function inputIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    const where = fieldLabel(path)
    // A schema's own check says it in English (message) and Chinese (params.zh).
    const zh = i.code === 'custom' && typeof i.params?.zh === 'string' ? i.params.zh : undefined
    const what = i.code === 'custom' ? text(zh ?? i.message, i.message) : describe(i)
    return {
      path,
      code: `REQUEST_${i.code.toUpperCase()}`,
      message: text(`${where.zh}：${what.zh}`, `${where.en}: ${what.en}`),
    }
  })
}

/**
 * The one way input becomes data: `schema` parses it, or every problem leaves as one `invalid` error whose issues
 * name the fields in the user's words — never a raw validation error. Used by use cases, routes and commands.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: ErrorCodeOf<'invalid'> = 'INPUT_INVALID',
  message: Text = text('输入内容不符合要求', 'The input is not valid'),
): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  throw new AppError('invalid', code, message, { issues: inputIssues(r.error) })
}
