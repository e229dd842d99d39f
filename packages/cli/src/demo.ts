import {
  type ActorContext,
  createCodeMap,
  createCodeRule,
  createCustomer,
  createNode,
  createTenant,
  forTenant,
  updateCodeRule,
} from '@kehu/app'
import { demoMaps, demoSchemes, generateCustomers, type SampleNode } from '@kehu/sample'

export interface DemoOptions {
  customers?: number
  seed?: number
  /** Called after every 50 customers. */
  progress?: (done: number, total: number) => void
}

export const DEMO_TENANT = 'demo'

/**
 * Creates the demo tenant 演示账套 through the use cases: the 2-3-4 class tree, the 2-2 region tree with its
 * 地区简称 map, industries, customer types, the seed examples' rules, and realistic customers.
 */
export async function loadDemo(base: ActorContext, o: DemoOptions = {}): Promise<number> {
  const ctx = forTenant(base, DEMO_TENANT)
  await createTenant(base, { code: DEMO_TENANT, name: '演示账套', isDefault: true })
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
  // The seed examples: V-BJ-20231001-00001 for most customers; RT001, WH001, VIP001 by type prefix.
  await updateCodeRule(ctx, '默认规则', {
    pattern: '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
    mode: 'auto-editable',
  })
  await createCodeRule(ctx, {
    name: '类型前缀',
    pattern: '{type}{serial:3}',
    condition: { all: [{ field: 'type', op: 'in', value: ['RT', 'WH', 'VIP'] }] },
    position: 1,
  })
  const total = o.customers ?? 300
  let done = 0
  for (const c of generateCustomers(total, o.seed)) {
    await createCustomer(ctx, c)
    if (++done % 50 === 0) o.progress?.(done, total)
  }
  return done
}
