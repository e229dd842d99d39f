import { randomBytes } from 'node:crypto'
import {
  type ActorContext,
  createCodeMap,
  createCodeRule,
  createCustomers,
  createNode,
  createTenant,
  createUser,
  forTenant,
  getTree,
  grantRole,
  grantScopes,
  type RequestContext,
  updateCodeRule,
  updateUser,
} from '@kehu/app'
import { customerStream, DEFAULT_SEED, demoMaps, demoSchemes, type SampleCustomer, type SampleNode } from '@kehu/sample'

export interface DemoOptions {
  customers?: number
  seed?: number
  /** Customers per transaction (default 500). */
  batchSize?: number
  /** Called after every batch. */
  progress?: (done: number, total: number) => void
}

export const DEMO_TENANT = 'demo'

const BATCH = 500

/** The serial width that lets `total` customers share one counter: the rule fits the size asked for. */
export const demoSerialWidth = (total: number, min: number) => Math.max(min, String(Math.max(0, total)).length)

/**
 * Creates the demo tenant 演示账套 through the use cases: the 2-3-4 class tree, the 2-2 region tree with its
 * 地区简称 map, industries, customer types, the seed examples' rules, and realistic customers, loaded in
 * batches. A load that fails removes the tenant again: it leaves nothing behind.
 */
export async function loadDemo(base: ActorContext, o: DemoOptions = {}): Promise<number> {
  const tenant = await createTenant(base, { code: DEMO_TENANT, name: '演示账套', isDefault: true })
  try {
    const n = await fillDemo(forTenant(base, DEMO_TENANT), o)
    await base.deps.store.analyze()
    return n
  } catch (e) {
    await base.deps.store.transaction((tx) => tx.tenants.remove(tenant.id))
    throw e
  }
}

async function fillDemo(ctx: RequestContext, o: DemoOptions): Promise<number> {
  for (const scheme of demoSchemes()) {
    const add = async (nodes: SampleNode[], parentCode: string | null) => {
      for (const n of nodes) {
        await createNode(ctx, scheme.code, { code: n.code, name: n.name, parentCode })
        await add(n.children ?? [], n.code)
      }
    }
    await add(scheme.nodes, null)
  }
  for (const m of demoMaps()) await createCodeMap(ctx, { name: m.name, entries: m.entries })
  const total = o.customers ?? 300
  // The seed examples: V-BJ-20231001-00001 for most customers; RT001, WH001, VIP001 by type prefix. Serials
  // widen with the size asked for (a type may hold every customer), so no counter overflows.
  await updateCodeRule(ctx, '默认规则', {
    pattern: `{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:${demoSerialWidth(total, 5)}}`,
    mode: 'auto-editable',
  })
  await createCodeRule(ctx, {
    name: '类型前缀',
    pattern: `{type}{serial:${demoSerialWidth(total, 3)}}`,
    condition: { all: [{ field: 'type', op: 'in', value: ['RT', 'WH', 'VIP'] }] },
    position: 1,
  })
  const size = o.batchSize ?? BATCH
  let done = 0
  let batch: SampleCustomer[] = []
  const flush = async () => {
    await createCustomers(ctx, batch)
    done += batch.length
    batch = []
    o.progress?.(done, total)
  }
  if (total > 0)
    for (const c of customerStream(o.seed ?? DEFAULT_SEED)) {
      batch.push(c)
      if (batch.length === size || done + batch.length === total) await flush()
      if (done === total) break
    }
  return done
}

/** The class subtree the demo's 业务员 is restricted to (01 华北大客户 and below). */
export const DEMO_SALES_CLASS = '01'

/** One user for each built-in role; `label` is how the banner names the role. */
const DEMO_USERS = [
  { login: 'admin', role: 'admin', label: '管理员 administrator' },
  { login: 'clerk', role: 'clerk', label: '建档员 archive clerk' },
  {
    login: 'sales',
    role: 'sales',
    label: `业务员 sales（仅分类 ${DEMO_SALES_CLASS}+ / class ${DEMO_SALES_CLASS} and below）`,
  },
  { login: 'readonly', role: 'readonly', label: '只读 read-only' },
] as const

export interface DemoUser {
  login: string
  role: string
  label: string
  password: string
}

/**
 * Creates the demo tenant's users, one for each built-in role, each with a new random password, which is
 * returned here and stored only as a hash: it can be shown once. The administrator is the global local
 * administrator `admin`, so the newcomer can also try 系统管理; the 业务员 sees only the class subtree 01.
 */
export async function createDemoUsers(base: ActorContext): Promise<DemoUser[]> {
  const ctx = forTenant(base, DEMO_TENANT)
  const out: DemoUser[] = []
  for (const u of DEMO_USERS) {
    // 12 characters of base64url: 72 random bits, above the 10-character minimum
    const password = randomBytes(9).toString('base64url')
    // the built-in local administrator `admin` is there already, without a password: it gets one
    if (u.role === 'admin') await updateUser(base, u.login, { password })
    else await createUser(base, { login: u.login, password })
    await grantRole(ctx, { login: u.login, role: u.role })
    out.push({ ...u, password })
  }
  const node = (await getTree(ctx, 'class')).nodes.find((n) => n.code === DEMO_SALES_CLASS)
  if (node) await grantScopes(ctx, { login: 'sales', scopes: [{ kind: 'node', nodeId: node.id, subtree: true }] })
  return out
}

/** The start-up banner with the demo users' sign-in names and one-time passwords. */
export function demoUsersBanner(users: readonly DemoUser[]): string[] {
  const rule = '='.repeat(72)
  return [
    rule,
    '演示用户 / demo users — 密码只显示这一次，请记下 / the passwords are shown only this once: note them down',
    '打开网页后用下列登录名和密码登录 / open the web UI and sign in with one of these:',
    ...users.map((u) => `  ${u.login.padEnd(10)} ${u.password}   ${u.label}`),
    '忘记密码：kehu user passwd 登录名（从标准输入读新密码）/ lost one: kehu user passwd LOGIN (new password on standard input)',
    rule,
  ]
}
