import type { ColumnType } from 'kysely'

// Row shapes as both drivers hand them over after the type parsers in connect.ts:
// booleans come back as 0/1 from SQLite and true/false from PostgreSQL, JSON as text or object.
type Bool = ColumnType<boolean | number, boolean | number, boolean | number>
type Json = ColumnType<unknown, string, string>
type Int = ColumnType<number, number, number>

export interface TenantTable {
  id: string
  code: string
  name: string
  time_zone: string
  is_default: Bool
  created_at: string
  /** Bumped by triggers on every configuration table (migration 0002). */
  config_version: ColumnType<number, never, number>
}

export interface AppUserTable {
  id: string
  login: string
  display_name: string
  password_hash: string | null
  is_admin: Bool
  enabled: Bool
  created_at: string
}

export interface RoleTable {
  tenant_id: string
  code: string
  name: string
  permissions: Json
  built_in: Bool
  created_at: string
}

export interface MembershipTable {
  tenant_id: string
  user_id: string
  role_code: string
  created_at: string
}

export interface MemberScopeTable {
  tenant_id: string
  id: string
  user_id: string
  /** Null: the member's own customers (`own`). */
  node_id: string | null
  subtree: Bool
  created_at: string
}

export interface UserSessionTable {
  id: string
  secret_hash: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
  address: string | null
  user_agent: string | null
  revoked_at: string | null
}

export interface ApiTokenTable {
  id: string
  secret_hash: string
  user_id: string
  name: string
  scopes: Json
  created_at: string
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
}

export interface AccessEventTable {
  id: string
  at: string
  actor: string
  action: string
  login: string | null
  user_id: string | null
  address: string | null
  data: Json
  tenant_id: string | null
}

export interface ClassSchemeTable {
  tenant_id: string
  id: string
  code: string
  name: string
  levels: string | null
  leaf_only: Bool
  builtin: Bool
  enabled: Bool
  position: Int
  created_at: string
  updated_at: string
}

export interface ClassNodeTable {
  tenant_id: string
  id: string
  scheme_id: string
  code: string
  name: string
  parent_id: string | null
  level: Int
  enabled: Bool
  defaults: Json
  created_at: string
  updated_at: string
  /** The ids from the root to this node, `/a/b/c/` (migration 0006); kept by the node repository. */
  path: ColumnType<string | null, string | undefined, string>
}

export interface ClassNodeAliasTable {
  tenant_id: string
  scheme_id: string
  code: string
  node_id: string
  created_at: string
}

export interface CodeMapTable {
  tenant_id: string
  id: string
  name: string
  entries: Json
  created_at: string
  updated_at: string
}

export interface CodeRuleTable {
  tenant_id: string
  id: string
  name: string
  pattern: string
  mode: string
  on_clash: string
  legacy_codes: Bool
  condition: Json | null
  position: Int
  is_default: Bool
  enabled: Bool
  created_at: string
  updated_at: string
}

export interface CodeCounterTable {
  tenant_id: string
  rule_id: string
  scope_key: string
  next_value: Int
  issued: Int
  retries: Int
  created_at: string
  updated_at: string
}

export interface CustomerTable {
  tenant_id: string
  id: string
  code: string
  name: string
  short_name: string | null
  mnemonic: string | null
  pinyin: string | null
  uscc: string | null
  legal_representative: string | null
  address: string | null
  postcode: string | null
  phone: string | null
  email: string | null
  website: string | null
  bank_name: string | null
  bank_account: string | null
  tax_number: string | null
  account_manager_id: string | null
  department: string | null
  credit_grade: string | null
  credit_limit_cents: Int | null
  registration_date: string
  head_office_id: string | null
  lifecycle_stage: string | null
  status: string
  remarks: string | null
  attributes: Json
  code_rule_id: string | null
  version: Int
  created_at: string
  updated_at: string
  created_by: string
  updated_by: string
}

export interface CustomerClassTable {
  tenant_id: string
  customer_id: string
  scheme_id: string
  node_id: string
}

export interface CustomerCodeTable {
  tenant_id: string
  code: string
  customer_id: string
  kind: 'live' | 'alias'
  rule_id: string | null
  scope_key: string | null
  serial: Int | null
  created_at: string
}

export interface DimensionTable {
  tenant_id: string
  id: string
  code: string
  name: string
  description: string | null
  enabled: Bool
  applies_to: Json | null
  position: Int
  created_at: string
  updated_at: string
}

export interface AttributeTable {
  tenant_id: string
  id: string
  dimension_id: string
  code: string
  name: string
  type: string
  precision: Int
  required: Bool
  default_value: Json | null
  constraints: Json
  options: Json
  reference_scheme_id: string | null
  is_unique: Bool
  indexed: Bool
  position: Int
  enabled: Bool
  created_at: string
  updated_at: string
}

export interface AttributeUniqueTable {
  tenant_id: string
  attribute_id: string
  value_key: string
  customer_id: string
}

export interface ClassRuleTable {
  tenant_id: string
  id: string
  scheme_id: string
  name: string
  position: Int
  condition: Json
  node_id: string
  enabled: Bool
  created_at: string
  updated_at: string
}

export interface AuditEventTable {
  tenant_id: string
  id: string
  at: string
  actor: string
  action: string
  entity: string
  entity_id: string
  data: Json
  request_id: string | null
}

export interface IdempotencyKeyTable {
  tenant_id: string
  key: string
  actor: string
  fingerprint: string
  status: string
  response: Json | null
  created_at: string
  expires_at: string
}

export interface JobTable {
  tenant_id: string
  id: string
  kind: string
  params: Json
  resume_key: string | null
  status: string
  progress: Json
  checkpoint: Json | null
  result: Json | null
  error: Json | null
  attempts: number
  lease_owner: string | null
  lease_until: string | null
  cancel_requested: Bool
  created_by: string
  created_by_label: string
  created_at: string
  started_at: string | null
  finished_at: string | null
}

export interface ImportMappingTable {
  tenant_id: string
  name: string
  mapping: Json
  updated_by: string
  updated_at: string
}

export interface ImportRowErrorTable {
  tenant_id: string
  job_id: string
  row: number
  cells: Json
  errors: string
}

export interface ImportStateTable {
  tenant_id: string
  job_id: string
  state: Json
}

export interface UploadTable {
  tenant_id: string
  id: string
  name: string
  size: number | string
  sha256: string | null
  format: string | null
  complete: Bool
  created_by: string
  created_at: string
}

export interface UploadChunkTable {
  tenant_id: string
  upload_id: string
  seq: number
  data: Buffer
}

export interface KehuMetaTable {
  key: string
  value: string
}

export interface Database {
  tenant: TenantTable
  app_user: AppUserTable
  role: RoleTable
  membership: MembershipTable
  member_scope: MemberScopeTable
  user_session: UserSessionTable
  api_token: ApiTokenTable
  access_event: AccessEventTable
  class_scheme: ClassSchemeTable
  class_node: ClassNodeTable
  class_node_alias: ClassNodeAliasTable
  code_map: CodeMapTable
  code_rule: CodeRuleTable
  code_counter: CodeCounterTable
  customer: CustomerTable
  customer_class: CustomerClassTable
  customer_code: CustomerCodeTable
  dimension: DimensionTable
  attribute: AttributeTable
  attribute_unique: AttributeUniqueTable
  class_rule: ClassRuleTable
  audit_event: AuditEventTable
  idempotency_key: IdempotencyKeyTable
  job: JobTable
  upload: UploadTable
  upload_chunk: UploadChunkTable
  kehu_meta: KehuMetaTable
  import_mapping: ImportMappingTable
  import_row_error: ImportRowErrorTable
  import_state: ImportStateTable
}
