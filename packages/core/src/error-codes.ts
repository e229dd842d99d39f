import { accessErrors } from './access/errors.js'
import { attributeErrors } from './attributes/errors.js'
import { classificationErrors } from './classification/errors.js'
import { codeErrors } from './codes/errors.js'
import { customerErrors } from './customers/errors.js'
import { mergeCatalogs } from './errors.js'
import { inputErrors } from './input/errors.js'
import { importRowErrors } from './transfer/errors.js'

/** The core's error codes, slice by slice (the edges list them with the other packages' catalogs). */
export const CORE_ERRORS = mergeCatalogs(
  accessErrors,
  attributeErrors,
  classificationErrors,
  codeErrors,
  customerErrors,
  inputErrors,
  importRowErrors,
)

declare module './errors.js' {
  interface ErrorCatalogs {
    core: typeof CORE_ERRORS
  }
}
