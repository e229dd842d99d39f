import { mergeCatalogs } from '@kehu/core'
import { accessErrors } from './access/errors.js'
import { attributeErrors } from './attributes/errors.js'
import { auditLogErrors } from './audit-log/errors.js'
import { classificationErrors } from './classification/errors.js'
import { codeErrors } from './codes/errors.js'
import { customerErrors } from './customers/errors.js'
import { jobErrors } from './jobs/errors.js'
import { tenancyErrors } from './tenancy/errors.js'
import { transferErrors } from './transfer/errors.js'
import { uploadErrors } from './uploads/errors.js'

/** The use cases' error codes, slice by slice. */
export const APP_ERRORS = mergeCatalogs(
  tenancyErrors,
  accessErrors,
  jobErrors,
  uploadErrors,
  codeErrors,
  classificationErrors,
  attributeErrors,
  customerErrors,
  auditLogErrors,
  transferErrors,
)

declare module '@kehu/core' {
  interface ErrorCatalogs {
    app: typeof APP_ERRORS
  }
}
