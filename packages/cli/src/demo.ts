import { createNode, createTenant, type Deps } from '@kehu/app'
import type { Actor } from '@kehu/core'
import { demoSchemes, type SampleNode } from '@kehu/sample'

export interface DemoOptions {
  customers?: number
  seed?: number
}

/** Creates the demo tenant 演示账套 (code `demo`) through the use cases; returns how many customers it holds. */
export async function loadDemo(deps: Deps, actor: Actor, o: DemoOptions = {}): Promise<number> {
  await createTenant(deps, actor, { code: 'demo', name: '演示账套', isDefault: true })
  for (const scheme of demoSchemes()) {
    const add = async (nodes: SampleNode[], parentCode: string | null) => {
      for (const n of nodes) {
        await createNode(deps, actor, 'demo', scheme.code, { code: n.code, name: n.name, parentCode })
        await add(n.children ?? [], n.code)
      }
    }
    await add(scheme.nodes, null)
  }
  void o
  return 0
}
