import type { KehuApp, ServerContext } from '../context.js'
import { registerAccessRoutes } from './access.js'
import { registerAuditRoutes } from './audit.js'
import { registerClassRoutes } from './classes.js'
import { registerCodeRuleRoutes } from './code-rules.js'
import { registerCustomerRoutes } from './customers.js'
import { registerDimensionRoutes } from './dimensions.js'
import { registerImportRoutes } from './imports.js'
import { registerJobRoutes } from './jobs.js'
import { registerMemberRoutes } from './members.js'
import { registerRoleRoutes } from './roles.js'
import { registerSystemRoutes } from './system.js'
import { registerTransferRoutes } from './transfer.js'
import { registerUploadRoutes } from './uploads.js'

/** Every route group of the API, in the order they appear in the OpenAPI document. */
export const routeGroups: ((app: KehuApp, ctx: ServerContext) => void)[] = [
  registerSystemRoutes,
  registerAccessRoutes,
  registerRoleRoutes,
  registerMemberRoutes,
  registerUploadRoutes,
  registerTransferRoutes,
  registerImportRoutes,
  registerCustomerRoutes,
  registerClassRoutes,
  registerDimensionRoutes,
  registerCodeRuleRoutes,
  registerAuditRoutes,
  registerJobRoutes,
]
