import type {
  AppUser,
  AuditEvent,
  AuditLog,
  ClassNode,
  ClassScheme,
  CodeCounter,
  CodeMapRecord,
  CodeMapRepo,
  CodeRegistry,
  CodeRule,
  CodeRuleRepo,
  CounterRepo,
  Customer,
  CustomerCode,
  CustomerRepo,
  IdempotencyRecord,
  IdempotencyRepo,
  NodeRepo,
  SchemeRepo,
  Store,
  Tenant,
  TenantRepo,
  Tx,
  UserRepo,
} from '@kehu/core'
import { type Selectable, sql } from 'kysely'
import { ConfigCache } from './config-cache.js'
import type { Db, DialectKind } from './connect.js'
import { translateDbError } from './db-errors.js'
import { classRules } from './repos/class-rules.js'
import { attributes, dimensions } from './repos/dimensions.js'
import { b, bool, json, num, numOrNull, type Q, toJson } from './rows.js'
import type { Database } from './schema.js'

const tenantOf = (r: Selectable<Database['tenant']>): Tenant => ({
  id: r.id,
  code: r.code,
  name: r.name,
  timeZone: r.time_zone,
  isDefault: bool(r.is_default),
  createdAt: r.created_at,
})

const userOf = (r: Selectable<Database['app_user']>): AppUser => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  isAdmin: bool(r.is_admin),
  enabled: bool(r.enabled),
  createdAt: r.created_at,
})

const schemeOf = (r: Selectable<Database['class_scheme']>): ClassScheme => ({
  id: r.id,
  tenantId: r.tenant_id,
  code: r.code,
  name: r.name,
  levels: r.levels ? r.levels.split('-').map(Number) : null,
  leafOnly: bool(r.leaf_only),
  builtin: bool(r.builtin),
  enabled: bool(r.enabled),
  position: num(r.position),
})

const nodeOf = (r: Selectable<Database['class_node']>): ClassNode => ({
  id: r.id,
  tenantId: r.tenant_id,
  schemeId: r.scheme_id,
  code: r.code,
  name: r.name,
  parentId: r.parent_id,
  level: num(r.level),
  enabled: bool(r.enabled),
  defaults: (json(r.defaults) ?? {}) as ClassNode['defaults'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const ruleOf = (r: Selectable<Database['code_rule']>): CodeRule => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  pattern: r.pattern,
  mode: r.mode as CodeRule['mode'],
  onClash: r.on_clash as CodeRule['onClash'],
  condition: json(r.condition) ?? null,
  position: num(r.position),
  isDefault: bool(r.is_default),
  enabled: bool(r.enabled),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const mapOf = (r: Selectable<Database['code_map']>): CodeMapRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  entries: json(r.entries) as CodeMapRecord['entries'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const counterOf = (r: Selectable<Database['code_counter']>): CodeCounter => ({
  tenantId: r.tenant_id,
  ruleId: r.rule_id,
  scopeKey: r.scope_key,
  nextValue: num(r.next_value),
  issued: num(r.issued),
  retries: num(r.retries),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const codeOf = (r: Selectable<Database['customer_code']>): CustomerCode => ({
  tenantId: r.tenant_id,
  code: r.code,
  customerId: r.customer_id,
  kind: r.kind,
  ruleId: r.rule_id,
  scopeKey: r.scope_key,
  serial: numOrNull(r.serial),
  createdAt: r.created_at,
})

const customerOf = (r: Selectable<Database['customer']>, classes: Record<string, string>): Customer => ({
  id: r.id,
  tenantId: r.tenant_id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  mnemonic: r.mnemonic,
  uscc: r.uscc,
  legalRepresentative: r.legal_representative,
  address: r.address,
  postcode: r.postcode,
  phone: r.phone,
  email: r.email,
  website: r.website,
  bankName: r.bank_name,
  bankAccount: r.bank_account,
  taxNumber: r.tax_number,
  accountManagerId: r.account_manager_id,
  department: r.department,
  creditGrade: r.credit_grade,
  creditLimitCents: numOrNull(r.credit_limit_cents),
  registrationDate: r.registration_date,
  headOfficeId: r.head_office_id,
  lifecycleStage: r.lifecycle_stage,
  status: r.status as Customer['status'],
  remarks: r.remarks,
  attributes: (json(r.attributes) ?? {}) as Record<string, unknown>,
  classes,
  codeRuleId: r.code_rule_id,
  version: num(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
})

const customerRow = (c: Customer, pinyin: string | null) => ({
  tenant_id: c.tenantId,
  id: c.id,
  code: c.code,
  name: c.name,
  short_name: c.shortName,
  mnemonic: c.mnemonic,
  pinyin,
  uscc: c.uscc,
  legal_representative: c.legalRepresentative,
  address: c.address,
  postcode: c.postcode,
  phone: c.phone,
  email: c.email,
  website: c.website,
  bank_name: c.bankName,
  bank_account: c.bankAccount,
  tax_number: c.taxNumber,
  account_manager_id: c.accountManagerId,
  department: c.department,
  credit_grade: c.creditGrade,
  credit_limit_cents: c.creditLimitCents,
  registration_date: c.registrationDate,
  head_office_id: c.headOfficeId,
  lifecycle_stage: c.lifecycleStage,
  status: c.status,
  remarks: c.remarks,
  attributes: toJson(c.attributes),
  code_rule_id: c.codeRuleId,
  version: c.version,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  created_by: c.createdBy,
  updated_by: c.updatedBy,
})

/** `seen` gets the configuration version of every tenant row read (for the configuration cache). */
function tenants(q: Q, seen?: Map<string, number>): TenantRepo {
  const of = (r: Selectable<Database['tenant']>) => {
    seen?.set(r.id, num(r.config_version))
    return tenantOf(r)
  }
  return {
    list: async () => (await q.selectFrom('tenant').selectAll().orderBy('code').execute()).map(of),
    byCode: async (code) => {
      const r = await q.selectFrom('tenant').selectAll().where('code', '=', code).executeTakeFirst()
      return r && of(r)
    },
    byId: async (id) => {
      const r = await q.selectFrom('tenant').selectAll().where('id', '=', id).executeTakeFirst()
      return r && of(r)
    },
    insert: async (t) => {
      await q
        .insertInto('tenant')
        .values({
          id: t.id,
          code: t.code,
          name: t.name,
          time_zone: t.timeZone,
          is_default: b(t.isDefault),
          created_at: t.createdAt,
        })
        .execute()
    },
    setDefault: async (id) => {
      // a comparison is 0/1 on SQLite and a boolean on PostgreSQL: right for both columns
      await q
        .updateTable('tenant')
        .set({ is_default: sql<boolean>`(id = ${id})` })
        .execute()
    },
  }
}

function users(q: Q): UserRepo {
  return {
    byId: async (id) => {
      const r = await q.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
      return r && userOf(r)
    },
    byLogin: async (login) => {
      const r = await q.selectFrom('app_user').selectAll().where('login', '=', login).executeTakeFirst()
      return r && userOf(r)
    },
    list: async () => (await q.selectFrom('app_user').selectAll().orderBy('login').execute()).map(userOf),
    insert: async (u) => {
      await q
        .insertInto('app_user')
        .values({
          id: u.id,
          login: u.login,
          display_name: u.displayName,
          password_hash: null,
          is_admin: b(u.isAdmin),
          enabled: b(u.enabled),
          created_at: u.createdAt,
        })
        .execute()
    },
  }
}

function schemes(q: Q): SchemeRepo {
  const row = (s: ClassScheme, created: string, updated: string) => ({
    tenant_id: s.tenantId,
    id: s.id,
    code: s.code,
    name: s.name,
    levels: s.levels ? s.levels.join('-') : null,
    leaf_only: b(s.leafOnly),
    builtin: b(s.builtin),
    enabled: b(s.enabled),
    position: s.position,
    created_at: created,
    updated_at: updated,
  })
  return {
    list: async (tenantId) =>
      (
        await q.selectFrom('class_scheme').selectAll().where('tenant_id', '=', tenantId).orderBy('position').execute()
      ).map(schemeOf),
    byCode: async (tenantId, code) => {
      const r = await q
        .selectFrom('class_scheme')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .executeTakeFirst()
      return r && schemeOf(r)
    },
    byId: async (tenantId, id) => {
      const r = await q
        .selectFrom('class_scheme')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
      return r && schemeOf(r)
    },
    insert: async (s) => {
      const now = new Date().toISOString()
      await q
        .insertInto('class_scheme')
        .values(row(s, now, now))
        .execute()
    },
    update: async (s, now) => {
      const { created_at: _c, ...rest } = row(s, now, now)
      await q.updateTable('class_scheme').set(rest).where('tenant_id', '=', s.tenantId).where('id', '=', s.id).execute()
    },
  }
}

function nodes(q: Q): NodeRepo {
  const row = (n: ClassNode) => ({
    tenant_id: n.tenantId,
    id: n.id,
    scheme_id: n.schemeId,
    code: n.code,
    name: n.name,
    parent_id: n.parentId,
    level: n.level,
    enabled: b(n.enabled),
    defaults: toJson(n.defaults),
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  })
  return {
    listByScheme: async (tenantId, schemeId) =>
      (
        await q
          .selectFrom('class_node')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('scheme_id', '=', schemeId)
          .orderBy('code')
          .execute()
      ).map(nodeOf),
    byId: async (tenantId, id) => {
      const r = await q
        .selectFrom('class_node')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
      return r && nodeOf(r)
    },
    byCode: async (tenantId, schemeId, code) => {
      const r = await q
        .selectFrom('class_node')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('scheme_id', '=', schemeId)
        .where('code', '=', code)
        .executeTakeFirst()
      return r && nodeOf(r)
    },
    insert: async (n) => {
      await q.insertInto('class_node').values(row(n)).execute()
    },
    update: async (n) => {
      const { created_at: _c, ...rest } = row(n)
      await q.updateTable('class_node').set(rest).where('tenant_id', '=', n.tenantId).where('id', '=', n.id).execute()
    },
    delete: async (tenantId, id) => {
      await q.deleteFrom('class_node_alias').where('tenant_id', '=', tenantId).where('node_id', '=', id).execute()
      await q.deleteFrom('class_node').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
    aliases: async (tenantId, schemeId) =>
      (
        await q
          .selectFrom('class_node_alias')
          .select(['code', 'node_id'])
          .where('tenant_id', '=', tenantId)
          .where('scheme_id', '=', schemeId)
          .execute()
      ).map((r) => ({ code: r.code, nodeId: r.node_id })),
    insertAlias: async (tenantId, schemeId, code, nodeId, now) => {
      await q
        .insertInto('class_node_alias')
        .values({ tenant_id: tenantId, scheme_id: schemeId, code, node_id: nodeId, created_at: now })
        .onConflict((oc) => oc.columns(['tenant_id', 'scheme_id', 'code']).doUpdateSet({ node_id: nodeId }))
        .execute()
    },
    customerCounts: async (tenantId, schemeId) => {
      const rows = await q
        .selectFrom('customer_class')
        .select(['node_id', sql<number>`count(*)`.as('n')])
        .where('tenant_id', '=', tenantId)
        .where('scheme_id', '=', schemeId)
        .groupBy('node_id')
        .execute()
      return new Map(rows.map((r) => [r.node_id, num(r.n)]))
    },
  }
}

function codeRules(q: Q): CodeRuleRepo {
  const row = (r: CodeRule) => ({
    tenant_id: r.tenantId,
    id: r.id,
    name: r.name,
    pattern: r.pattern,
    mode: r.mode,
    on_clash: r.onClash,
    condition: r.condition === null ? null : toJson(r.condition),
    position: r.position,
    is_default: b(r.isDefault),
    enabled: b(r.enabled),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  })
  return {
    list: async (tenantId) =>
      (
        await q
          .selectFrom('code_rule')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('position')
          .orderBy('name')
          .execute()
      ).map(ruleOf),
    byId: async (tenantId, id) => {
      const r = await q
        .selectFrom('code_rule')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
      return r && ruleOf(r)
    },
    byName: async (tenantId, name) => {
      const r = await q
        .selectFrom('code_rule')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name)
        .executeTakeFirst()
      return r && ruleOf(r)
    },
    insert: async (r) => {
      await q.insertInto('code_rule').values(row(r)).execute()
    },
    update: async (r) => {
      const { created_at: _c, ...rest } = row(r)
      await q.updateTable('code_rule').set(rest).where('tenant_id', '=', r.tenantId).where('id', '=', r.id).execute()
    },
    delete: async (tenantId, id) => {
      await q.deleteFrom('code_counter').where('tenant_id', '=', tenantId).where('rule_id', '=', id).execute()
      await q.deleteFrom('code_rule').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
  }
}

function codeMaps(q: Q): CodeMapRepo {
  return {
    list: async (tenantId) =>
      (await q.selectFrom('code_map').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute()).map(
        mapOf,
      ),
    byName: async (tenantId, name) => {
      const r = await q
        .selectFrom('code_map')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name)
        .executeTakeFirst()
      return r && mapOf(r)
    },
    insert: async (m) => {
      await q
        .insertInto('code_map')
        .values({
          tenant_id: m.tenantId,
          id: m.id,
          name: m.name,
          entries: toJson(m.entries),
          created_at: m.createdAt,
          updated_at: m.updatedAt,
        })
        .execute()
    },
    update: async (m) => {
      await q
        .updateTable('code_map')
        .set({ name: m.name, entries: toJson(m.entries), updated_at: m.updatedAt })
        .where('tenant_id', '=', m.tenantId)
        .where('id', '=', m.id)
        .execute()
    },
  }
}

function counters(q: Q): CounterRepo {
  const where = (tenantId: string, ruleId: string, scopeKey: string) =>
    q
      .selectFrom('code_counter')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('rule_id', '=', ruleId)
      .where('scope_key', '=', scopeKey)
  return {
    take: async (tenantId, ruleId, scopeKey, start, step, now) => {
      // next_value is the serial the next take hands out; a new scope starts at `start`.
      const r = await q
        .insertInto('code_counter')
        .values({
          tenant_id: tenantId,
          rule_id: ruleId,
          scope_key: scopeKey,
          next_value: start + step,
          issued: 1,
          retries: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'rule_id', 'scope_key']).doUpdateSet({
            next_value: sql<number>`code_counter.next_value + ${step}`,
            issued: sql<number>`code_counter.issued + 1`,
            updated_at: now,
          }),
        )
        .returning('next_value')
        .executeTakeFirstOrThrow()
      return num(r.next_value) - step
    },
    get: async (tenantId, ruleId, scopeKey) => {
      const r = await where(tenantId, ruleId, scopeKey).executeTakeFirst()
      return r && counterOf(r)
    },
    raisePast: async (tenantId, ruleId, scopeKey, serial, step, now) => {
      await q
        .insertInto('code_counter')
        .values({
          tenant_id: tenantId,
          rule_id: ruleId,
          scope_key: scopeKey,
          next_value: serial + step,
          issued: 0,
          retries: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'rule_id', 'scope_key'])
            .doUpdateSet({ next_value: serial + step, updated_at: now })
            .where('code_counter.next_value', '<=', serial),
        )
        .execute()
    },
    addRetries: async (tenantId, ruleId, scopeKey, n) => {
      await q
        .updateTable('code_counter')
        .set({ retries: sql<number>`retries + ${n}` })
        .where('tenant_id', '=', tenantId)
        .where('rule_id', '=', ruleId)
        .where('scope_key', '=', scopeKey)
        .execute()
    },
    list: async (tenantId) =>
      (
        await q
          .selectFrom('code_counter')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('rule_id')
          .orderBy('scope_key')
          .execute()
      ).map(counterOf),
    issuedSince: async (tenantId, since) =>
      (
        await q
          .selectFrom('customer_code')
          .select(['rule_id', 'scope_key', sql<number>`count(*)`.as('n')])
          .where('tenant_id', '=', tenantId)
          .where('rule_id', 'is not', null)
          .where('created_at', '>=', since)
          .groupBy(['rule_id', 'scope_key'])
          .execute()
      ).map((r) => ({ ruleId: r.rule_id as string, scopeKey: r.scope_key ?? '', n: num(r.n) })),
  }
}

async function classesOf(q: Q, tenantId: string, ids: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>()
  if (ids.length === 0) return out
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await q
      .selectFrom('customer_class')
      .select(['customer_id', 'scheme_id', 'node_id'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) {
      const m = out.get(r.customer_id) ?? {}
      m[r.scheme_id] = r.node_id
      out.set(r.customer_id, m)
    }
  }
  return out
}

function customers(q: Q, kind: DialectKind, pinyinOf: (c: Customer) => string | null): CustomerRepo {
  const like = kind === 'postgresql' ? 'ilike' : 'like'
  const writeClasses = async (c: Customer) => {
    await q.deleteFrom('customer_class').where('tenant_id', '=', c.tenantId).where('customer_id', '=', c.id).execute()
    const rows = Object.entries(c.classes).map(([scheme_id, node_id]) => ({
      tenant_id: c.tenantId,
      customer_id: c.id,
      scheme_id,
      node_id,
    }))
    if (rows.length > 0) await q.insertInto('customer_class').values(rows).execute()
  }
  return {
    insert: async (c) => {
      await q
        .insertInto('customer')
        .values(customerRow(c, pinyinOf(c)))
        .execute()
      const rows = Object.entries(c.classes).map(([scheme_id, node_id]) => ({
        tenant_id: c.tenantId,
        customer_id: c.id,
        scheme_id,
        node_id,
      }))
      if (rows.length > 0) await q.insertInto('customer_class').values(rows).execute()
    },
    update: async (c, expectedVersion) => {
      const { tenant_id, id, created_at: _c, created_by: _b, ...rest } = customerRow(c, pinyinOf(c))
      const r = await q
        .updateTable('customer')
        .set(rest)
        .where('tenant_id', '=', tenant_id)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) === 0) return false
      await writeClasses(c)
      return true
    },
    byId: async (tenantId, id) => {
      const r = await q
        .selectFrom('customer')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
      if (!r) return undefined
      return customerOf(r, (await classesOf(q, tenantId, [id])).get(id) ?? {})
    },
    byUscc: async (tenantId, uscc) => {
      const r = await q
        .selectFrom('customer')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('uscc', '=', uscc)
        .executeTakeFirst()
      if (!r) return undefined
      return customerOf(r, (await classesOf(q, tenantId, [r.id])).get(r.id) ?? {})
    },
    find: async (tenantId, query) => {
      let base = q.selectFrom('customer').where('customer.tenant_id', '=', tenantId)
      const term = query.q?.trim()
      if (term) {
        const text = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
        const upper = term.toUpperCase()
        base = base.where((eb) =>
          eb.or([
            eb('customer.name', like, sql<string>`${text} escape '\\'`),
            eb('customer.short_name', like, sql<string>`${text} escape '\\'`),
            eb('customer.mnemonic', 'like', `${upper.replace(/[%_\\]/g, '')}%`),
            eb('customer.pinyin', 'like', `%${term.toLowerCase().replace(/[%_\\\s]/g, '')}%`),
            eb('customer.uscc', 'like', `${upper.replace(/[%_\\\s]/g, '')}%`),
            ...(/^[\d\s()+-]{4,}$/.test(term)
              ? [eb('customer.phone', 'like', `%${term.replace(/[^\d-]/g, '')}%`)]
              : []),
            eb(
              'customer.id',
              'in',
              eb
                .selectFrom('customer_code')
                .select('customer_code.customer_id')
                .where('customer_code.tenant_id', '=', tenantId)
                .where('customer_code.code', 'like', `${upper.replace(/[%_\\]/g, '')}%`),
            ),
          ]),
        )
      }
      if (query.status && query.status.length > 0) base = base.where('customer.status', 'in', query.status)
      for (const [schemeId, nodeIds] of Object.entries(query.nodes ?? {})) {
        if (nodeIds.length === 0) continue
        base = base.where('customer.id', 'in', (eb) =>
          eb
            .selectFrom('customer_class')
            .select('customer_class.customer_id')
            .where('customer_class.tenant_id', '=', tenantId)
            .where('customer_class.scheme_id', '=', schemeId)
            .where('customer_class.node_id', 'in', nodeIds),
        )
      }
      const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
      const rows = await base
        .selectAll('customer')
        .orderBy('customer.code')
        .limit(query.limit)
        .offset(query.offset)
        .execute()
      const classes = await classesOf(
        q,
        tenantId,
        rows.map((r) => r.id),
      )
      return { items: rows.map((r) => customerOf(r, classes.get(r.id) ?? {})), total: num(total.n) }
    },
    count: async (tenantId) => {
      const r = await q
        .selectFrom('customer')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
      return num(r.n)
    },
    setNode: async (tenantId, customerIds, schemeId, nodeId) => {
      for (let i = 0; i < customerIds.length; i += 500) {
        const ids = customerIds.slice(i, i + 500)
        await q
          .deleteFrom('customer_class')
          .where('tenant_id', '=', tenantId)
          .where('scheme_id', '=', schemeId)
          .where('customer_id', 'in', ids)
          .execute()
        if (nodeId)
          await q
            .insertInto('customer_class')
            .values(
              ids.map((customer_id) => ({ tenant_id: tenantId, customer_id, scheme_id: schemeId, node_id: nodeId })),
            )
            .execute()
      }
    },
    repointNode: async (tenantId, fromNodeId, toNodeId) => {
      const r = await q
        .updateTable('customer_class')
        .set({ node_id: toNodeId })
        .where('tenant_id', '=', tenantId)
        .where('node_id', '=', fromNodeId)
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
    idsOnNodes: async (tenantId, nodeIds) => {
      if (nodeIds.length === 0) return []
      const rows = await q
        .selectFrom('customer_class')
        .select('customer_id')
        .where('tenant_id', '=', tenantId)
        .where('node_id', 'in', nodeIds)
        .execute()
      return [...new Set(rows.map((r) => r.customer_id))]
    },
    referencesTo: async (tenantId, id) => {
      const r = await q
        .selectFrom('customer')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('head_office_id', '=', id)
        .executeTakeFirstOrThrow()
      const out: Record<string, number> = {}
      if (num(r.n) > 0) out.branches = num(r.n)
      return out
    },
    delete: async (tenantId, id) => {
      for (const table of ['customer_class', 'attribute_unique', 'customer_code'] as const)
        await q.deleteFrom(table).where('tenant_id', '=', tenantId).where('customer_id', '=', id).execute()
      await q.deleteFrom('customer').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
  }
}

function codes(q: Q): CodeRegistry {
  return {
    tryInsert: async (c) => {
      const r = await q
        .insertInto('customer_code')
        .values({
          tenant_id: c.tenantId,
          code: c.code,
          customer_id: c.customerId,
          kind: c.kind,
          rule_id: c.ruleId,
          scope_key: c.scopeKey,
          serial: c.serial,
          created_at: c.createdAt,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
        .returning('code')
        .executeTakeFirst()
      return r !== undefined
    },
    find: async (tenantId, code) => {
      const r = await q
        .selectFrom('customer_code')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .executeTakeFirst()
      return r && codeOf(r)
    },
    listByCustomer: async (tenantId, customerId) =>
      (
        await q
          .selectFrom('customer_code')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('customer_id', '=', customerId)
          .orderBy('created_at')
          .execute()
      ).map(codeOf),
    makeAlias: async (tenantId, code) => {
      await q
        .updateTable('customer_code')
        .set({ kind: 'alias' })
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .execute()
    },
    listLive: async (tenantId) =>
      (
        await q
          .selectFrom('customer_code')
          .innerJoin('customer', (j) =>
            j
              .onRef('customer.tenant_id', '=', 'customer_code.tenant_id')
              .onRef('customer.id', '=', 'customer_code.customer_id'),
          )
          .selectAll('customer_code')
          .select('customer.name as customer_name')
          .where('customer_code.tenant_id', '=', tenantId)
          .where('customer_code.kind', '=', 'live')
          .orderBy('customer_code.code')
          .execute()
      ).map((r) => ({ ...codeOf(r), customerName: r.customer_name })),
    listAll: async (tenantId) =>
      (
        await q
          .selectFrom('customer_code')
          .innerJoin('customer', (j) =>
            j
              .onRef('customer.tenant_id', '=', 'customer_code.tenant_id')
              .onRef('customer.id', '=', 'customer_code.customer_id'),
          )
          .selectAll('customer_code')
          .select('customer.name as customer_name')
          .where('customer_code.tenant_id', '=', tenantId)
          .orderBy('customer_code.code')
          .execute()
      ).map((r) => ({ ...codeOf(r), customerName: r.customer_name })),
  }
}

function audit(q: Q): AuditLog {
  return {
    append: async (e) => {
      await q
        .insertInto('audit_event')
        .values({
          tenant_id: e.tenantId,
          id: e.id,
          at: e.at,
          actor: e.actor,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          data: toJson(e.data),
          request_id: e.requestId,
        })
        .execute()
    },
    listFor: async (tenantId, entity, entityId) =>
      (
        await q
          .selectFrom('audit_event')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('entity', '=', entity)
          .where('entity_id', '=', entityId)
          .orderBy('at')
          .orderBy('id')
          .execute()
      ).map(
        (r): AuditEvent => ({
          id: r.id,
          tenantId: r.tenant_id,
          at: r.at,
          actor: r.actor,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          data: (json(r.data) ?? {}) as Record<string, unknown>,
          requestId: r.request_id,
        }),
      ),
  }
}

function idempotency(q: Q): IdempotencyRepo {
  const recordOf = (r: Selectable<Database['idempotency_key']>): IdempotencyRecord => ({
    tenantId: r.tenant_id,
    key: r.key,
    actor: r.actor,
    fingerprint: r.fingerprint,
    status: r.status as IdempotencyRecord['status'],
    response: json(r.response) ?? null,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  })
  return {
    claim: async (rec) => {
      const r = await q
        .insertInto('idempotency_key')
        .values({
          tenant_id: rec.tenantId,
          key: rec.key,
          actor: rec.actor,
          fingerprint: rec.fingerprint,
          status: rec.status,
          response: null,
          created_at: rec.createdAt,
          expires_at: rec.expiresAt,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst()
      if (r) return undefined
      const existing = await q
        .selectFrom('idempotency_key')
        .selectAll()
        .where('tenant_id', '=', rec.tenantId)
        .where('key', '=', rec.key)
        .executeTakeFirstOrThrow()
      return recordOf(existing)
    },
    complete: async (tenantId, key, response) => {
      await q
        .updateTable('idempotency_key')
        .set({ status: 'done', response: toJson(response) })
        .where('tenant_id', '=', tenantId)
        .where('key', '=', key)
        .execute()
    },
    purgeExpired: async (tenantId, now) => {
      await q.deleteFrom('idempotency_key').where('tenant_id', '=', tenantId).where('expires_at', '<', now).execute()
    },
  }
}

function txOf(q: Q, kind: DialectKind, pinyinOf: (c: Customer) => string | null, config?: ConfigCache): Tx {
  const versions = config && new Map<string, number>()
  const tx: Tx = {
    tenants: tenants(q, versions),
    users: users(q),
    schemes: schemes(q),
    nodes: nodes(q),
    classRules: classRules(q),
    codeRules: codeRules(q),
    codeMaps: codeMaps(q),
    counters: counters(q),
    customers: customers(q, kind, pinyinOf),
    codes: codes(q),
    audit: audit(q),
    idempotency: idempotency(q),
    dimensions: dimensions(q),
    attributes: attributes(q, kind),
  }
  return config && versions ? config.wrap(q, tx, versions) : tx
}

export interface KyselyStoreOptions {
  /** The search key stored beside a customer (full pinyin); given by the composition root. */
  pinyinOf?: (c: Customer) => string | null
}

/** The one Store implementation: the same queries on SQLite and PostgreSQL. */
export function createStore(db: Db, options: KyselyStoreOptions = {}): Store {
  const pinyinOf = options.pinyinOf ?? (() => null)
  const config = new ConfigCache()
  return {
    kind: db.kind,
    transaction: (fn, opts) =>
      db.db
        .transaction()
        .execute((trx) => fn(txOf(trx, db.kind, pinyinOf, opts?.cachedConfig ? config : undefined)))
        .catch((e) => {
          throw translateDbError(e)
        }),
    read: (fn) =>
      fn(txOf(db.db, db.kind, pinyinOf)).catch((e) => {
        throw translateDbError(e)
      }),
  }
}
