import { errorCatalog } from '../errors.js'

export const inputErrors = errorCatalog({
  INPUT_INVALID: { kind: 'invalid', zh: '输入内容不符合要求', en: 'The input is not valid' },
})
