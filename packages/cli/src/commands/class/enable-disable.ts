import { updateNode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant } from '../shared.js'

export function registerEnableDisable(parent: Command, io: Io) {
  for (const [verb, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    parent
      .command(`${verb} <scheme> <code>`)
      .description(
        enabled
          ? say(io, '启用分类', 'enable a class')
          : say(io, '停用分类（不能再归入客户）', 'disable a class (no new customers)'),
      )
      .action(async (scheme: string, code: string, _o: unknown, cmd: Command) => {
        const node = await inTenant(cmd, (rt, t) => updateNode(rt.ctx(t), scheme, code, { enabled }))
        io.out(
          enabled
            ? say(io, `已启用 (${node.code}) ${node.name}`, `Enabled (${node.code}) ${node.name}`)
            : say(io, `已停用 (${node.code}) ${node.name}`, `Disabled (${node.code}) ${node.name}`),
        )
      })
}
