import type { AccessEvent, ApiToken, Membership, UserSession } from './access/identity.js'
import type { Role } from './access/roles.js'
import type { DataScope, Visibility } from './access/visibility.js'
import type { AttributeDef } from './attributes/attribute-def.js'
import type { DimensionType } from './attributes/dimension-type.js'
import type { AccessAction } from './audit/access-events.js'
import type { ClassNode, ClassRule, ClassScheme } from './classification/types.js'
import type { Customer } from './customers/types.js'
import type { Job, JobOutcome, JobProgress, JobQuery } from './jobs/job.js'
import type { AppUser, AuditEvent, CodeCounter, CodeMapRecord, CodeRule, CustomerCode, Tenant } from './records.js'
import type { SniffedFormat } from './transfer/sniff.js'
import type { Upload } from './transfer/upload.js'

/** Storage, as the use cases need it. One implementation (Kysely) runs it on SQLite and PostgreSQL. */
export interface Store {
  readonly kind: 'sqlite' | 'postgresql'
  /** One write transaction: everything inside commits or nothing does. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>
  /** Reads that need no write lock. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /**
   * After a bulk load: fresh planner statistics. PostgreSQL has none for new rows until autovacuum comes round and
   * plans a data scope's semi-join as a nested loop over every row (350 ms instead of 2.5 ms at 2,000 customers);
   * SQLite plans without statistics, as the scoped list was measured, so there it does nothing.
   */
  analyze(): Promise<void>
}

export interface TransactionOptions {
  /**
   * Configuration lists (schemes, nodes, automatic rules, code rules, maps, dimensions, attributes) come from
   * a cache shared by the store's transactions and checked against the tenant's configuration version, as
   * frozen objects. Only for transactions that change no configuration, e.g. a customer create (ADR 0009).
   */
  cachedConfig?: boolean
}

export interface Tx {
  tenants: TenantRepo
  users: UserRepo
  sessions: SessionRepo
  apiTokens: ApiTokenRepo
  roles: RoleRepo
  memberships: MembershipRepo
  scopes: ScopeRepo
  accessLog: AccessLog
  schemes: SchemeRepo
  nodes: NodeRepo
  classRules: ClassRuleRepo
  codeRules: CodeRuleRepo
  codeMaps: CodeMapRepo
  counters: CounterRepo
  customers: CustomerRepo
  codes: CodeRegistry
  audit: AuditLog
  idempotency: IdempotencyRepo
  dimensions: DimensionRepo
  attributes: AttributeRepo
  jobs: JobRepo
  importMappings: ImportMappingRepo
  imports: ImportRepo
  uploads: UploadRepo
  /**
   * Runs `fn` inside a savepoint of this transaction: when it throws, its writes are undone and the error passes
   * on, the rest of the transaction stays (an import's bad row leaves no trace among the good ones).
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>
}

/** A tenant's saved import mappings, by name. */
export interface ImportMappingRepo {
  list(tenantId: string): Promise<Array<{ name: string; mapping: unknown; updatedBy: string; updatedAt: string }>>
  get(tenantId: string, name: string): Promise<{ name: string; mapping: unknown } | undefined>
  put(tenantId: string, name: string, mapping: unknown, by: string, at: string): Promise<void>
  remove(tenantId: string, name: string): Promise<boolean>
}

/** An import's bad rows: the file's cells and what is wrong, for the error file. */
export interface ImportRowError {
  row: number
  cells: string[]
  errors: string
}

/** What an import job keeps beside its job row, written in each batch's transaction: its tally and its bad rows. */
export interface ImportRepo {
  appendErrors(tenantId: string, jobId: string, rows: readonly ImportRowError[]): Promise<void>
  /** The bad rows after `afterRow`, in file order, at most `limit`. */
  errors(tenantId: string, jobId: string, afterRow: number, limit: number): Promise<ImportRowError[]>
  saveState(tenantId: string, jobId: string, state: unknown): Promise<void>
  state(tenantId: string, jobId: string): Promise<unknown>
}

export interface TenantRepo {
  list(): Promise<Tenant[]>
  byCode(code: string): Promise<Tenant | undefined>
  byId(id: string): Promise<Tenant | undefined>
  insert(t: Tenant): Promise<void>
  /** Makes `id` the only default tenant. */
  setDefault(id: string): Promise<void>
  /** Deletes the tenant with every row it owns (each tenant table cascades from `tenant`). */
  remove(id: string): Promise<void>
}

export interface UserRepo {
  byId(id: string): Promise<AppUser | undefined>
  byLogin(login: string): Promise<AppUser | undefined>
  list(): Promise<AppUser[]>
  insert(u: AppUser): Promise<void>
  /** Writes display name, admin flag and enabled. */
  update(u: AppUser): Promise<void>
  /** The stored scrypt hash, null without a password, undefined without the user. */
  passwordHash(id: string): Promise<string | null | undefined>
  setPassword(id: string, hash: string | null): Promise<void>
  /** Whether any enabled user has a password: until then loopback acts as the local administrator. */
  anyWithPassword(): Promise<boolean>
}

export interface SessionRepo {
  insert(s: UserSession, secretHash: string): Promise<void>
  bySecretHash(secretHash: string): Promise<UserSession | undefined>
  byId(id: string): Promise<UserSession | undefined>
  /** Live sessions (not revoked, not past their absolute end), of one user or of everyone. */
  listLive(now: string, userId?: string): Promise<UserSession[]>
  touch(id: string, at: string): Promise<void>
  revoke(id: string, at: string): Promise<void>
  /** Revokes every live session of the user; returns how many. */
  revokeForUser(userId: string, at: string): Promise<number>
}

export interface ApiTokenRepo {
  insert(t: ApiToken, secretHash: string): Promise<void>
  bySecretHash(secretHash: string): Promise<ApiToken | undefined>
  byId(id: string): Promise<ApiToken | undefined>
  list(userId?: string): Promise<ApiToken[]>
  touch(id: string, at: string): Promise<void>
  revoke(id: string, at: string): Promise<void>
}

export interface RoleRepo {
  list(tenantId: string): Promise<Role[]>
  byCode(tenantId: string, code: string): Promise<Role | undefined>
  insert(r: Role): Promise<void>
  /** A custom role's name and permissions. */
  update(r: Role): Promise<void>
  delete(tenantId: string, code: string): Promise<void>
}

export interface MembershipRepo {
  /** Every role the user has, in every tenant. */
  forUser(userId: string): Promise<Membership[]>
  /** The roles of the user in one tenant, with what they grant. */
  rolesOf(tenantId: string, userId: string): Promise<Role[]>
  /** Adds the role unless the user has it already. */
  add(m: Membership): Promise<void>
  remove(tenantId: string, userId: string, roleCode: string): Promise<void>
  /** How many users hold the role in the tenant. */
  countHolders(tenantId: string, roleCode: string): Promise<number>
}

/** The data scopes of a tenant's members (docs/decisions/0027-data-scopes.md). */
export interface ScopeRepo {
  /** The scopes of one member, or of every member of the tenant, oldest first. */
  list(tenantId: string, userId?: string): Promise<DataScope[]>
  /** Replaces a member's scopes with `scopes` (none: every customer). */
  replace(tenantId: string, userId: string, scopes: DataScope[]): Promise<void>
  /** Moves every scope on one node to another (a merge); returns how many moved. */
  retarget(tenantId: string, fromNodeId: string, toNodeId: string): Promise<number>
}

/** The global, append-only log of sign-ins and identity changes; it also counts failures for rate limits. */
export interface AccessLog {
  append(e: AccessEvent): Promise<void>
  /** Failed sign-ins since `since` for this login or from this address. */
  failuresSince(since: string, by: { login: string } | { address: string }): Promise<number>
  /** When the newest event of this kind about this login happened, if any. */
  latest(action: AccessAction, login: string): Promise<string | undefined>
  /** Newest first. */
  list(limit: number, userId?: string): Promise<AccessEvent[]>
  /** One page of the events about these tenants (by id) and, with `global`, of those about none. */
  search(about: { tenantIds: readonly string[]; global: boolean }, q: LogQuery): Promise<AccessEvent[]>
}

export interface SchemeRepo {
  list(tenantId: string): Promise<ClassScheme[]>
  byCode(tenantId: string, code: string): Promise<ClassScheme | undefined>
  byId(tenantId: string, id: string): Promise<ClassScheme | undefined>
  insert(s: ClassScheme, now: string): Promise<void>
  update(s: ClassScheme, now: string): Promise<void>
}

export interface NodeRepo {
  listByScheme(tenantId: string, schemeId: string): Promise<ClassNode[]>
  byId(tenantId: string, id: string): Promise<ClassNode | undefined>
  /** The ids from the root to the node, `/root/…/id/`: a subtree is a prefix (data scopes). */
  pathOf(tenantId: string, id: string): Promise<string>
  byCode(tenantId: string, schemeId: string, code: string): Promise<ClassNode | undefined>
  insert(n: ClassNode): Promise<void>
  update(n: ClassNode): Promise<void>
  delete(tenantId: string, id: string): Promise<void>
  /** Old codes of moved nodes, by scheme. */
  aliases(tenantId: string, schemeId: string): Promise<{ code: string; nodeId: string }[]>
  insertAlias(tenantId: string, schemeId: string, code: string, nodeId: string, now: string): Promise<void>
  /** How many visible customers sit on each node of a scheme (nodes without customers are absent). */
  customerCounts(tenantId: string, visible: Visibility, schemeId: string): Promise<Map<string, number>>
}

/** Automatic classification rules, ordered by position within a scheme. */
export interface ClassRuleRepo {
  list(tenantId: string, schemeId: string): Promise<ClassRule[]>
  byId(tenantId: string, id: string): Promise<ClassRule | undefined>
  insert(r: ClassRule): Promise<void>
  update(r: ClassRule): Promise<void>
  delete(tenantId: string, id: string): Promise<void>
}

export interface CodeRuleRepo {
  list(tenantId: string): Promise<CodeRule[]>
  byId(tenantId: string, id: string): Promise<CodeRule | undefined>
  byName(tenantId: string, name: string): Promise<CodeRule | undefined>
  insert(r: CodeRule): Promise<void>
  update(r: CodeRule): Promise<void>
  delete(tenantId: string, id: string): Promise<void>
}

export interface CodeMapRepo {
  list(tenantId: string): Promise<CodeMapRecord[]>
  byName(tenantId: string, name: string): Promise<CodeMapRecord | undefined>
  insert(m: CodeMapRecord): Promise<void>
  update(m: CodeMapRecord): Promise<void>
}

export interface CounterRepo {
  /**
   * Takes the next serial of one scope with one atomic statement (upsert … returning); the row stays
   * locked until the transaction ends, so parallel takes never share a number and a rollback returns it.
   */
  take(tenantId: string, ruleId: string, scopeKey: string, start: number, step: number, now: string): Promise<number>
  get(tenantId: string, ruleId: string, scopeKey: string): Promise<CodeCounter | undefined>
  /** Moves the counter past `serial` if it is not already (high-water mark). */
  raisePast(
    tenantId: string,
    ruleId: string,
    scopeKey: string,
    serial: number,
    step: number,
    now: string,
  ): Promise<void>
  addRetries(tenantId: string, ruleId: string, scopeKey: string, n: number): Promise<void>
  list(tenantId: string): Promise<CodeCounter[]>
  /** Codes issued by a rule per scope since `since` (for the creation rate). */
  issuedSince(tenantId: string, since: string): Promise<{ ruleId: string; scopeKey: string; n: number }[]>
}

export interface CustomerPage {
  items: Customer[]
  total: number
}

/** Which customers a query lets through (besides the caller's visibility). */
export interface CustomerFilterQuery {
  /** Substring of code, name, short name or mnemonic. */
  q?: string
  /**
   * `q` also matches a USCC prefix and phone digits: only for a caller who sees sensitive fields, else the search
   * would tell them a hidden number digit by digit.
   */
  matchSensitive?: boolean
  status?: string[]
  /** Node ids per scheme id; a customer matches when its node is one of them. */
  nodes?: Record<string, string[]>
}

export interface CustomerQuery extends CustomerFilterQuery {
  limit: number
  offset: number
}

/** Customers; every query takes the caller's visibility (access/visibility.ts). */
export interface CustomerRepo {
  insert(c: Customer): Promise<void>
  /** Writes `c` if the stored version is `expectedVersion`; false when it is not. */
  update(c: Customer, expectedVersion: number): Promise<boolean>
  byId(tenantId: string, visible: Visibility, id: string): Promise<Customer | undefined>
  byUscc(tenantId: string, visible: Visibility, uscc: string): Promise<Customer | undefined>
  find(tenantId: string, visible: Visibility, query: CustomerQuery): Promise<CustomerPage>
  /**
   * The next `limit` customers of a filter after `afterId`, in id order (keyset pages for long reads such as an
   * export: ids never change, so a customer re-coded meanwhile is neither skipped nor read twice).
   */
  scan(
    tenantId: string,
    visible: Visibility,
    query: CustomerFilterQuery,
    afterId: string | null,
    limit: number,
  ): Promise<Customer[]>
  count(tenantId: string, visible: Visibility): Promise<number>
  /** Every customer's id and name (archived ones too), a page after `afterId` in id order: an import's name index. */
  namesAfter(tenantId: string, afterId: string | null, limit: number): Promise<Array<{ id: string; name: string }>>
  /** Sets the node of a scheme for many customers at once (null removes it). */
  setNode(tenantId: string, customerIds: string[], schemeId: string, nodeId: string | null): Promise<void>
  /** Moves every customer of `fromNodeId` to `toNodeId`; returns how many moved. */
  repointNode(tenantId: string, fromNodeId: string, toNodeId: string): Promise<number>
  idsOnNodes(tenantId: string, visible: Visibility, nodeIds: string[]): Promise<string[]>
  /** What still points at a customer, by kind (e.g. `branches`: customers naming it as head office); zero counts left out. */
  referencesTo(tenantId: string, id: string): Promise<Record<string, number>>
  /** Removes a customer with its classes, codes (live and alias) and unique attribute claims. */
  delete(tenantId: string, id: string): Promise<void>
}

export interface CodeRegistry {
  /** Registers a code; false when the code is taken (live or alias) — never throws for a clash. */
  tryInsert(c: CustomerCode): Promise<boolean>
  find(tenantId: string, code: string): Promise<CustomerCode | undefined>
  listByCustomer(tenantId: string, customerId: string): Promise<CustomerCode[]>
  /** Turns a live code into an alias (a re-code keeps the old code). */
  makeAlias(tenantId: string, code: string): Promise<void>
  /** Every live code of the tenant, for the audit. */
  listLive(tenantId: string, visible: Visibility): Promise<(CustomerCode & { customerName: string })[]>
  /** Every code of the tenant, live and alias, with its customer's name and rule, for the audit. */
  listAll(
    tenantId: string,
    visible: Visibility,
  ): Promise<(CustomerCode & { customerName: string; customerRuleId: string | null })[]>
}

export interface AuditLog {
  append(e: AuditEvent): Promise<void>
  listFor(tenantId: string, entity: string, entityId: string): Promise<AuditEvent[]>
  /** One page of the tenant's events, newest first; events about customers `visibility` hides are left out. */
  search(
    tenantId: string,
    visibility: Visibility,
    q: LogQuery & { entity?: { entity: string; id: string } },
  ): Promise<AuditEvent[]>
}

/** A search of a log, newest first (`at`, then `id`, descending): one page after the `before` cursor. */
export interface LogQuery {
  /** Part of the actor's label, any case. */
  actor?: string | undefined
  /** Only these kinds. */
  actions?: readonly string[] | undefined
  /** From this instant (inclusive) … */
  from?: string | undefined
  /** … to this one (exclusive). */
  to?: string | undefined
  /** The last event of the previous page. */
  before?: { at: string; id: string } | undefined
  limit: number
}

export interface IdempotencyRecord {
  tenantId: string
  key: string
  actor: string
  fingerprint: string
  status: 'running' | 'done'
  response: unknown | null
  createdAt: string
  expiresAt: string
}

export interface IdempotencyRepo {
  /** Inserts the key unless present (waiting for a concurrent holder); returns the stored record when it was. */
  claim(r: IdempotencyRecord): Promise<IdempotencyRecord | undefined>
  complete(tenantId: string, key: string, response: unknown): Promise<void>
  purgeExpired(tenantId: string, now: string): Promise<void>
}

export interface DimensionRepo {
  list(tenantId: string): Promise<DimensionType[]>
  byCode(tenantId: string, code: string): Promise<DimensionType | undefined>
  byId(tenantId: string, id: string): Promise<DimensionType | undefined>
  insert(tenantId: string, d: DimensionType, now: string): Promise<void>
  update(tenantId: string, d: DimensionType, now: string): Promise<void>
  delete(tenantId: string, id: string): Promise<void>
}

/** One customer's stored value of one attribute. */
export interface HeldAttributeValue {
  customerId: string
  /** The customer's code. */
  code: string
  value: unknown
}

export interface AttributeRepo {
  /** Every attribute of the tenant, by dimension position then attribute position. */
  list(tenantId: string): Promise<AttributeDef[]>
  byCode(tenantId: string, code: string): Promise<AttributeDef | undefined>
  insert(tenantId: string, a: AttributeDef, now: string): Promise<void>
  update(tenantId: string, a: AttributeDef, now: string): Promise<void>
  delete(tenantId: string, id: string): Promise<void>
  /** Customers holding a value for `code`, by customer id after `afterId`, at most `limit`. */
  heldValues(
    tenantId: string,
    visible: Visibility,
    code: string,
    afterId: string | null,
    limit: number,
  ): Promise<HeldAttributeValue[]>
  countHeld(tenantId: string, visible: Visibility, code: string): Promise<number>
  /**
   * Sets (or, for null, removes) one attribute value on many customers, bumping their version.
   */
  writeValues(
    tenantId: string,
    code: string,
    values: { customerId: string; value: unknown }[],
    now: string,
  ): Promise<void>
  /** Creates the expression index of an `indexed` attribute (idempotent), or drops it. */
  ensureIndex(code: string): Promise<void>
  dropIndex(code: string): Promise<void>
  /** Claims a unique value for a customer; returns the id of the customer already holding it, if another does. */
  claimUnique(tenantId: string, attributeId: string, valueKey: string, customerId: string): Promise<string | undefined>
  /** Drops a customer's unique claims (all, or of one attribute). */
  releaseUniques(tenantId: string, customerId: string, attributeId?: string): Promise<void>
  /** Drops every claim of an attribute. */
  clearUniques(tenantId: string, attributeId: string): Promise<void>
}

/** What a job's holder hears back when it writes: whether someone asked to cancel it. */
export interface JobHold {
  cancelRequested: boolean
}

/**
 * Jobs (docs/decisions: jobs). Every write of a running job names its holder (`owner`) and does nothing once
 * another holds it: a runner that lost its lease can never commit work twice.
 */
export interface JobRepo {
  insert(job: Job): Promise<void>
  byId(tenantId: string, id: string): Promise<Job | undefined>
  /** Newest first. */
  list(tenantId: string, q: JobQuery): Promise<Job[]>
  /** The newest queued or running job of this kind with this resume key. */
  unfinished(tenantId: string, kind: string, resumeKey: string): Promise<Job | undefined>
  /**
   * Claims, in one conditional statement, the oldest job of these kinds that is queued or whose lease ended
   * before `now`: it becomes running, held by `owner` until `leaseUntil`, one attempt more.
   */
  claim(kinds: readonly string[], owner: string, now: string, leaseUntil: string): Promise<Job | undefined>
  /** Takes one unfinished job over from `from` (its holder, null when none): only if `from` still holds it. */
  takeOver(
    tenantId: string,
    id: string,
    from: string | null,
    owner: string,
    now: string,
    leaseUntil: string,
  ): Promise<Job | undefined>
  /** Extends the lease; undefined when `owner` no longer holds the job. */
  renew(tenantId: string, id: string, owner: string, leaseUntil: string): Promise<JobHold | undefined>
  /** Writes progress, and the checkpoint when one is given, extending the lease; undefined when not held. */
  saveProgress(
    tenantId: string,
    id: string,
    owner: string,
    next: { progress: JobProgress; leaseUntil: string; checkpoint?: unknown },
  ): Promise<JobHold | undefined>
  /** Ends the job as `outcome` says; false when `owner` no longer holds it. */
  finish(tenantId: string, id: string, owner: string, outcome: JobOutcome): Promise<boolean>
  /** Gives the job back (a runner shutting down): queued again, no holder. */
  release(tenantId: string, id: string, owner: string): Promise<boolean>
  /** A queued job is cancelled at once; a running one is asked to stop. The job as it is then. */
  requestCancel(tenantId: string, id: string, at: string): Promise<Job | undefined>
}

/**
 * Uploaded files in 1 MB chunks, each chunk written in its own short transaction (a slow upload holds no write
 * lock). An upload is found by `byId` only once `complete` has recorded its size, hash and format.
 */
export interface UploadRepo {
  begin(upload: Pick<Upload, 'id' | 'tenantId' | 'name' | 'createdBy' | 'createdAt'>): Promise<void>
  addChunk(tenantId: string, uploadId: string, seq: number, data: Uint8Array): Promise<void>
  complete(tenantId: string, id: string, done: { size: number; sha256: string; format: SniffedFormat }): Promise<void>
  byId(tenantId: string, id: string): Promise<Upload | undefined>
  /** Chunk `seq` (0, 1, …) of an upload; undefined after the last. */
  chunk(tenantId: string, uploadId: string, seq: number): Promise<Uint8Array | undefined>
  delete(tenantId: string, id: string): Promise<void>
  /** Removes the tenant's uploads created before `before`, finished or not; returns how many. */
  deleteBefore(tenantId: string, before: string): Promise<number>
}
