import { base } from './0001-base.js'
import { configVersion } from './0002-config-version.js'
import { identity } from './0003-identity.js'
import { codeRuleLegacyCodes } from './0004-code-rule-legacy-codes.js'
import { auditLog } from './0005-audit-log.js'
import { dataScopes } from './0006-data-scopes.js'
import { jobs } from './0007-jobs.js'
import { uploads } from './0008-uploads.js'
import { importTables } from './0009-import.js'
import { scopeIndex } from './0010-scope-index.js'
import type { Migration } from './types.js'

/** Every migration, in order. Append only: a released migration never changes. */
export const migrations: Migration[] = [
  base,
  configVersion,
  identity,
  codeRuleLegacyCodes,
  auditLog,
  dataScopes,
  jobs,
  uploads,
  importTables,
  scopeIndex,
]
