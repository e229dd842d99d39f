import { AppError, type Issue, text } from '@kehu/core'
import type { z } from 'zod'

/** zod's issues as ours, bilingual: a request that fails its schema is one `invalid` error with every issue. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: `REQUEST_${i.code.toUpperCase()}`,
    message: text(
      `字段 ${i.path.join('.') || '(根)'} 无效：${i.message}`,
      `Field ${i.path.join('.') || '(root)'} is invalid: ${i.message}`,
    ),
  }))
}

export const requestInvalid = (error: z.ZodError) =>
  new AppError('invalid', 'REQUEST_INVALID', text('请求内容不符合要求', 'The request does not match its schema'), {
    issues: zodIssues(error),
  })
