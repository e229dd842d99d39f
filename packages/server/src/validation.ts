import { AppError, inputIssues, text } from '@kehu/core'
import type { z } from 'zod'

/** A request that fails its route's schema: one `invalid` error with every issue (core's `parseInput` wording). */
export const requestInvalid = (error: z.ZodError) =>
  new AppError('invalid', 'REQUEST_INVALID', text('请求内容不符合要求', 'The request does not match its schema'), {
    issues: inputIssues(error),
  })
