import { errorCatalog } from '../errors.js'

export const customerErrors = errorCatalog({
  CUSTOMER_MONEY_INVALID: { kind: 'invalid', zh: '金额无效', en: 'An amount is not valid' },
})
