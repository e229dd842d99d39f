import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isAppError } from '../errors.js'
import { parseInput } from './parse-input.js'

const Input = z.strictObject({ name: z.string().max(3), count: z.number().int(), short: z.string().optional() })

function failure(input: unknown) {
  try {
    parseInput(Input, input, 'CUSTOMER_MONEY_INVALID')
  } catch (e) {
    if (isAppError(e)) return e
    throw e
  }
  throw new Error('expected a failure')
}

describe('parseInput', () => {
  it('returns the parsed data', () => {
    expect(parseInput(Input, { name: 'abc', count: 1 })).toEqual({ name: 'abc', count: 1 })
  })

  it('turns every problem into one invalid error whose issues name the fields in the user’s words', () => {
    const e = failure({ name: 'abcd', short: 1, extra: true })
    expect([e.kind, e.code]).toEqual(['invalid', 'CUSTOMER_MONEY_INVALID'])
    expect(e.issues.map((i) => [i.path.join('.'), i.message.zh, i.message.en])).toEqual([
      ['name', '客户名称：最多 3 个字符', 'Name: at most 3 characters'],
      ['count', '数量：必填', 'Count: is required'],
      ['short', '简码：应为文本', 'Short code: must be text'],
      ['', '请求内容：不认识的字段：extra', 'The request body: unknown fields: extra'],
    ])
  })
})
