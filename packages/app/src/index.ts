// The use cases, by name, slice by slice (lowest first, ARCHITECTURE.md), with their input schemas and the
// few helpers the edges need. Everything else in a slice is its own business.

// access
export {
  type ApiTokenView,
  CreateApiTokenInput,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TOKEN_PREFIX,
} from './access/api-tokens.js'
export { authenticateSession, authenticateToken, tokenLabel } from './access/authenticate.js'
export { ChangePasswordInput, changeOwnPassword } from './access/change-password.js'
export { CreateUserInput, createUser } from './access/create-user.js'
export { listUsers } from './access/list-users.js'
export { getMe, type Me } from './access/me.js'
export {
  clearScopes,
  getMember,
  grantScopes,
  listMembers,
  type MemberView,
  ScopeInputSchema,
  ScopesInput,
  type ScopeView,
  SetMemberInput,
  setMember,
} from './access/members.js'
export { GrantRoleInput, grantRole, listRoles, revokeRole } from './access/memberships.js'
export { narrowTo, resolveActor, signInRequired } from './access/resolve-actor.js'
export {
  CreateRoleInput,
  createRole,
  deleteRole,
  listPermissions,
  type RoleView,
  roleView,
  UpdateRoleInput,
  updateRole,
} from './access/roles.js'
export { listSessions, revokeSession, type SessionView } from './access/sessions.js'
export { SetUpInput, setUpFirstAdmin, signInInForce } from './access/set-up.js'
export {
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  SIGN_IN_LIMITS,
  type SignedIn,
  type SignInFrom,
  SignInInput,
  signIn,
  signOut,
} from './access/sign-in.js'
export { type Unlocked, unlockSignIn } from './access/unlock-sign-in.js'
export { UpdateUserInput, updateUser } from './access/update-user.js'
export { currentUser, type UserView } from './access/users.js'
// attributes
export { createAttribute } from './attributes/create-attribute.js'
export { createDimension } from './attributes/create-dimension.js'
export { deleteAttribute } from './attributes/delete-attribute.js'
export { deleteDimension } from './attributes/delete-dimension.js'
export { FillAttributeInput, fillAttribute } from './attributes/fill-attribute.js'
export { findIncompleteCustomers, type IncompleteCustomers } from './attributes/find-incomplete-customers.js'
export { type CustomerFormSection, getCustomerForm } from './attributes/get-customer-form.js'
export { type DimensionWithAttributes, listDimensions } from './attributes/list-dimensions.js'
export { previewAttributeChange, updateAttribute } from './attributes/update-attribute.js'
export { updateDimension } from './attributes/update-dimension.js'
// audit-log
export { type AuditEntry, type AuditPage, AuditSearchInput, searchAuditLog } from './audit-log/search-audit-log.js'
// classification
export { BatchAssignInput, batchAssign, previewBatchAssign } from './classification/batch-assign.js'
export { ClassRuleInput } from './classification/class-rule-input.js'
export {
  createClassRule,
  deleteClassRule,
  listClassRules,
  UpdateClassRuleInput,
  updateClassRule,
} from './classification/class-rules.js'
export { CreateNodeInput, createNode } from './classification/create-node.js'
export { CreateSchemeInput, createScheme } from './classification/create-scheme.js'
export { DeleteNodeInput, deleteNode } from './classification/delete-node.js'
export { getTree, type Tree, type TreeNode } from './classification/get-tree.js'
export { listSchemes, type SchemeSummary } from './classification/list-schemes.js'
export { MergeNodesInput, mergeNodes, previewMergeNodes } from './classification/merge-nodes.js'
export { MoveNodeInput, moveNode, previewMoveNode } from './classification/move-node.js'
export { applyReclassify, previewReclassify, ReclassifyInput } from './classification/reclassify.js'
export {
  RecodeCustomerInput,
  type RecodeResult,
  recodeCustomer,
  recodeCustomerInTx,
} from './classification/recode-customer.js'
export {
  NodeDefaultsInput,
  renameNode,
  setNodeDefaults,
  setNodeEnabled,
  UpdateNodeInput,
  updateNode,
} from './classification/update-node.js'
export { UpdateSchemeInput, updateScheme } from './classification/update-scheme.js'
// codes
export { auditCodes, type CodeAuditReport, type CodeFinding, fixCodeAuditInTx } from './codes/audit-codes.js'
export { CheckPatternInput, checkPattern, type PatternCheck } from './codes/check-pattern.js'
export { type CodeAuditFixResult, codeAuditFixJob } from './codes/code-audit-fix-job.js'
export { type CounterCapacity, codeCapacity } from './codes/code-capacity.js'
export { CodeMapInput, parseMapEntries } from './codes/code-map-input.js'
export { CodeRuleInput, PatternInput, UpdateCodeRuleInput } from './codes/code-rule-input.js'
export { createCodeMap } from './codes/create-code-map.js'
export { createCodeRule } from './codes/create-code-rule.js'
export { deleteCodeRule } from './codes/delete-code-rule.js'
export { getCodeRule } from './codes/get-code-rule.js'
export { listCodeMaps } from './codes/list-code-maps.js'
export { listCodeRules } from './codes/list-code-rules.js'
export { updateCodeMap } from './codes/update-code-map.js'
export { updateCodeRule } from './codes/update-code-rule.js'
// request context and wiring
export { type ActorContext, forTenant, type RequestContext } from './context.js'
// customers
export {
  type CreateCustomerOptions,
  type CreateCustomerResult,
  type CreatedCustomer,
  createCustomer,
  createCustomerInTx,
} from './customers/create-customer.js'
export { createCustomers } from './customers/create-customers.js'
export { customerHistory, type FieldChange, type HistoryEntry } from './customers/customer-history.js'
export { CustomerInput } from './customers/customer-input.js'
export {
  type CustomerDetail,
  type CustomerJson,
  type CustomerView,
  changeShownTo,
  changesShownTo,
  customerJson,
  etagOf,
} from './customers/customer-view.js'
export { deleteCustomer } from './customers/delete-customer.js'
export { type CustomerList, FindCustomersInput, findCustomers } from './customers/find-customers.js'
export { getCustomer } from './customers/get-customer.js'
export { type CustomerByCode, getCustomerByCode } from './customers/get-customer-by-code.js'
export {
  PreviewCodesInput,
  PreviewSample,
  previewNextCodes,
  previewPattern,
  previewRule,
} from './customers/preview-codes.js'
export { previewCustomerCode } from './customers/preview-customer-code.js'
export {
  archiveCustomer,
  restoreCustomer,
  type StatusChangeResult,
  setCustomerStatus,
} from './customers/set-customer-status.js'
export {
  CustomerPatch,
  type UpdateCustomerResult,
  updateCustomer,
  updateCustomerInTx,
} from './customers/update-customer.js'
export type { Deps } from './deps.js'
// every slice's error codes (the API reference and the README list them)
export { APP_ERRORS } from './error-codes.js'
// jobs
export { cancelJob } from './jobs/cancel-job.js'
export { getJob } from './jobs/get-job.js'
export {
  type AnyJobKind,
  DEFAULT_LEASE,
  type JobEnd,
  type JobKind,
  type JobRun,
  type LeaseOptions,
  resumeKeyOf,
} from './jobs/job-kind.js'
export { JobRunner, type JobRunnerOptions } from './jobs/job-runner.js'
export { type JobView, jobView } from './jobs/job-view.js'
export { ListJobsInput, listJobs } from './jobs/list-jobs.js'
export { type ForegroundOptions, runJobInForeground } from './jobs/run-job-in-foreground.js'
export { startJob } from './jobs/start-job.js'
// what the API and the CLI both show
export {
  attributeConflictRows,
  type CodeAuditOut,
  capacityOut,
  capacityRows,
  codeAuditLines,
  codeAuditOut,
  customerCodePreviewOut,
  customerFacts,
  issuesOut,
  patternCheckOut,
  treeLines,
} from './presenter.js'
// tenancy
export { CreateTenantInput, createTenant } from './tenancy/create-tenant.js'
export { getSummary, type TenantSummary } from './tenancy/get-summary.js'
export { listTenants } from './tenancy/list-tenants.js'
export { ensureLocalAdmin } from './tenancy/local-admin.js'
export { defaultTenant, resolveTenant } from './tenancy/resolve-tenant.js'
// transfer
export {
  type CustomerExport,
  EXPORT_PAGE_SIZE,
  ExportCustomersInput,
  exportCustomers,
} from './transfer/export-customers.js'
export {
  deleteImportMapping,
  getImportMapping,
  ImportMappingInput,
  ImportParams,
  type ImportResult,
  importJobKind,
  listImportMappings,
  type OpenImportSource,
  saveImportMapping,
  suggestImportMapping,
} from './transfer/import-customers.js'
export { type ImportErrorRows, importErrorRows } from './transfer/import-error-rows.js'
export { importTemplate } from './transfer/import-template.js'
export { type ImportPreview, previewImport } from './transfer/preview-import.js'
// uploads
export { getUpload, openUpload, writeUploadToTempFile } from './uploads/open-upload.js'
export {
  DEFAULT_MAX_UPLOAD,
  type SaveUploadInput,
  saveUpload,
  UPLOAD_CHUNK,
  UPLOAD_KEEP_DAYS,
  uploadTooLarge,
} from './uploads/save-upload.js'
