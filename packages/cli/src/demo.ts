import {
  type ActorContext,
  createCodeMap,
  createCodeRule,
  createCustomers,
  createNode,
  createTenant,
  forTenant,
  type RequestContext,
  updateCodeRule,
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
    return await fillDemo(forTenant(base, DEMO_TENANT), o)
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
