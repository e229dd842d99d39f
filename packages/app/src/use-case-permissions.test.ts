// Every use case the package exports refuses a caller without its permission, reads included: the request
// context is the one place sign-in, roles and data permissions act.
import { type Actor, isAppError, type Tx } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from './context.js'
import * as app from './index.js'
import * as presenter from './presenter.js'
import { type AppTest, setupAppTest } from './testing/app-test.js'
import { rowsJob } from './testing/test-job-kind.js'

/** Exported functions that are not use cases: wiring and pure helpers that read no tenant data. */
const NOT_USE_CASES = new Set([
  'forTenant',
  'ensureLocalAdmin',
  'resolveTenant',
  'defaultTenant',
  'parseMapEntries',
  'customerJson',
  'etagOf',
  'previewPattern',
  // A job kind's factory: the job's permission is checked when it starts.
  'importJobKind',
  // Sign-in itself, which has no actor yet, and what a signed-in user does to their own account.
  'signIn',
  'signOut',
  'setUpFirstAdmin',
  'signInInForce',
  'authenticateSession',
  'authenticateToken',
  'resolveActor',
  'narrowTo',
  'signInRequired',
  'changeOwnPassword',
  'currentUser',
  // Pure: the permission list, a role's display, and masking what a use case returns.
  'listPermissions',
  'roleView',
  'changeShownTo',
  'changesShownTo',
  'tokenLabel',
  // Pure: a job's display and the resume key in its parameters.
  'jobView',
  'resumeKeyOf',
  // Builds a job kind; starting it checks the kind's permission (startJob).
  'codeAuditFixJob',
  // Pure: the error of an upload over the limit (the server refuses by Content-Length with it).
  'uploadTooLarge',
])

type Call = (ctx: RequestContext, tx: Tx) => Promise<unknown>
const x = 'X'
const any = {} as never

/** One call per use case; arguments only need to get as far as the permission check. */
const CALLS: Record<string, Call> = {
  createUser: (c) => app.createUser(c, { login: 'someone' }),
  listUsers: (c) => app.listUsers(c),
  getMe: (c) => app.getMe(c),
  updateUser: (c) => app.updateUser(c, x, {}),
  startJob: (c) => app.startJob(c, rowsJob, {}),
  runJobInForeground: (c) => app.runJobInForeground(c, rowsJob, {}),
  getJob: (c) => app.getJob(c, x),
  listJobs: (c) => app.listJobs(c),
  cancelJob: (c) => app.cancelJob(c, x),
  saveUpload: (c) => app.saveUpload(c, { name: x, stream: (async function* () {})() }),
  getUpload: (c) => app.getUpload(c, x),
  openUpload: (c) => app.openUpload(c, x),
  writeUploadToTempFile: (c) => app.writeUploadToTempFile(c, x),
  grantRole: (c) => app.grantRole(c, { login: x, role: 'sales' }),
  revokeRole: (c) => app.revokeRole(c, { login: x, role: 'sales' }),
  listRoles: (c) => app.listRoles(c),
  createRole: (c) => app.createRole(c, { code: 'x', name: x, permissions: [] }),
  updateRole: (c) => app.updateRole(c, x, {}),
  deleteRole: (c) => app.deleteRole(c, x),
  listMembers: (c) => app.listMembers(c),
  getMember: (c) => app.getMember(c, x),
  setMember: (c) => app.setMember(c, x, { roles: [], scopes: [] }),
  grantScopes: (c) => app.grantScopes(c, { login: x, scopes: [] }),
  clearScopes: (c) => app.clearScopes(c, x),
  listSessions: (c) => app.listSessions(c),
  revokeSession: (c) => app.revokeSession(c, x),
  createApiToken: (c) => app.createApiToken(c, { name: x, login: x }),
  listApiTokens: (c) => app.listApiTokens(c),
  revokeApiToken: (c) => app.revokeApiToken(c, x),
  unlockSignIn: (c) => app.unlockSignIn(c, x),
  searchAuditLog: (c) => app.searchAuditLog(c),
  createTenant: (c) => app.createTenant(c, { code: 'nobody', name: 'n' }),
  getSummary: (c) => app.getSummary(c),
  listTenants: (c) => app.listTenants(c),
  auditCodes: (c) => app.auditCodes(c),
  fixCodeAuditInTx: (c, tx) => app.fixCodeAuditInTx(c, tx, any),
  checkPattern: (c) => app.checkPattern(c, { pattern: '{serial:3}' }),
  codeCapacity: (c) => app.codeCapacity(c),
  createCodeMap: (c) => app.createCodeMap(c, { name: x, entries: {} } as never),
  createCodeRule: (c) => app.createCodeRule(c, { name: x, pattern: '{serial:3}' } as never),
  deleteCodeRule: (c) => app.deleteCodeRule(c, x),
  getCodeRule: (c) => app.getCodeRule(c, x),
  listCodeMaps: (c) => app.listCodeMaps(c),
  listCodeRules: (c) => app.listCodeRules(c),
  updateCodeMap: (c) => app.updateCodeMap(c, x, { name: x, entries: {} } as never),
  updateCodeRule: (c) => app.updateCodeRule(c, x, {}),
  batchAssign: (c) => app.batchAssign(c, 'class', any),
  previewBatchAssign: (c) => app.previewBatchAssign(c, 'class', any),
  createClassRule: (c) => app.createClassRule(c, 'class', any),
  deleteClassRule: (c) => app.deleteClassRule(c, 'class', x),
  listClassRules: (c) => app.listClassRules(c, 'class'),
  updateClassRule: (c) => app.updateClassRule(c, 'class', x, any),
  createNode: (c) => app.createNode(c, 'class', { code: '01', name: x } as never),
  createScheme: (c) => app.createScheme(c, any),
  deleteNode: (c) => app.deleteNode(c, 'class', x, any),
  getTree: (c) => app.getTree(c, 'class'),
  listSchemes: (c) => app.listSchemes(c),
  mergeNodes: (c) => app.mergeNodes(c, 'class', x, any),
  previewMergeNodes: (c) => app.previewMergeNodes(c, 'class', x, any),
  moveNode: (c) => app.moveNode(c, 'class', x, any),
  previewMoveNode: (c) => app.previewMoveNode(c, 'class', x, any),
  applyReclassify: (c) => app.applyReclassify(c, 'class'),
  previewReclassify: (c) => app.previewReclassify(c, 'class'),
  recodeCustomer: (c) => app.recodeCustomer(c, x, { reallocate: true }),
  recodeCustomerInTx: (c, tx) => app.recodeCustomerInTx(c, tx, x, { reallocate: true }),
  renameNode: (c) => app.renameNode(c, 'class', x, x),
  setNodeDefaults: (c) => app.setNodeDefaults(c, 'class', x, any),
  setNodeEnabled: (c) => app.setNodeEnabled(c, 'class', x, false),
  updateNode: (c) => app.updateNode(c, 'class', x, any),
  updateScheme: (c) => app.updateScheme(c, 'class', any),
  createAttribute: (c) => app.createAttribute(c, x, any),
  createDimension: (c) => app.createDimension(c, any),
  deleteAttribute: (c) => app.deleteAttribute(c, x),
  deleteDimension: (c) => app.deleteDimension(c, x),
  fillAttribute: (c) => app.fillAttribute(c, x, any),
  findIncompleteCustomers: (c) => app.findIncompleteCustomers(c, x),
  getCustomerForm: (c) => app.getCustomerForm(c, {}),
  listDimensions: (c) => app.listDimensions(c),
  previewAttributeChange: (c) => app.previewAttributeChange(c, x, any),
  updateAttribute: (c) => app.updateAttribute(c, x, any),
  updateDimension: (c) => app.updateDimension(c, x, any),
  createCustomer: (c) => app.createCustomer(c, { name: x }),
  createCustomerInTx: (c, tx) => app.createCustomerInTx(c, tx, { name: x }),
  createCustomers: (c) => app.createCustomers(c, []),
  customerHistory: (c) => app.customerHistory(c, x),
  deleteCustomer: (c) => app.deleteCustomer(c, x),
  findCustomers: (c) => app.findCustomers(c, {}),
  getCustomer: (c) => app.getCustomer(c, x),
  getCustomerByCode: (c) => app.getCustomerByCode(c, x),
  previewNextCodes: (c) => app.previewNextCodes(c, { pattern: '{serial:3}', sample: {}, count: 1 } as never),
  previewRule: (c) => app.previewRule(c, x, {}, 1),
  previewCustomerCode: (c) => app.previewCustomerCode(c, { name: x } as never),
  archiveCustomer: (c) => app.archiveCustomer(c, x),
  restoreCustomer: (c) => app.restoreCustomer(c, x),
  setCustomerStatus: (c) => app.setCustomerStatus(c, x, 'disabled'),
  updateCustomer: (c) => app.updateCustomer(c, x, 1, {}),
  updateCustomerInTx: (c, tx) => app.updateCustomerInTx(c, tx, x, 1, {}),
  exportCustomers: (c) => app.exportCustomers(c, {}),
  importTemplate: (c) => app.importTemplate(c),
  suggestImportMapping: (c) => app.suggestImportMapping(c, [x]),
  previewImport: (c) => app.previewImport(c, () => Promise.reject(new Error('not opened')), { uploadId: x }),
  listImportMappings: (c) => app.listImportMappings(c),
  getImportMapping: (c) => app.getImportMapping(c, x),
  saveImportMapping: (c) => app.saveImportMapping(c, x, { columns: [] }),
  deleteImportMapping: (c) => app.deleteImportMapping(c, x),
  importErrorRows: (c) => app.importErrorRows(c, x),
}

describe.each(testKinds())('permissions of every use case on %s', (kind) => {
  let t: AppTest
  let nobody: RequestContext
  beforeAll(async () => {
    t = await setupAppTest(kind)
    const actor: Actor = {
      userId: t.actor.userId,
      login: 'nobody',
      label: 'nobody',
      isAdmin: false,
      permissions: new Set(),
    }
    nobody = { ...t.ctx(await t.newTenant()), actor }
  })
  afterAll(() => t.dispose())

  it('has a call for every exported use case', () => {
    const exported = Object.entries(app)
      // the presenter shapes what a use case returned; it reads nothing itself
      .filter(([name, v]) => typeof v === 'function' && !NOT_USE_CASES.has(name) && !(name in presenter))
      .filter(([name]) => !/^[A-Z]/.test(name))
      .map(([name]) => name)
    expect(exported.sort()).toEqual(Object.keys(CALLS).sort())
  })

  it.each(Object.keys(CALLS))('%s refuses an actor without permission', async (name) => {
    const call = CALLS[name] as Call
    // The …InTx forms run in the caller's transaction; the others open their own.
    const run = name.endsWith('InTx') ? t.deps.store.read((tx) => call(nobody, tx)) : call(nobody, undefined as never)
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isAppError(error) ? [error.kind, error.code] : error).toEqual(['forbidden', 'ACCESS_DENIED'])
  })
})
