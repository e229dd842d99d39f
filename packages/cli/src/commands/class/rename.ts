import { updateNode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant } from '../shared.js'

export function registerRename(parent: Command, io: Io) {
  parent
    .command('rename <scheme> <code> <name>')
    .description(say(io, '重命名分类', 'rename a class'))
    .action(async (scheme: string, code: string, name: string, _o: unknown, cmd: Command) => {
      const node = await inTenant(cmd, (rt, t) => updateNode(rt.ctx(t), scheme, code, { name }))
      io.out(say(io, `已重命名为 (${node.code}) ${node.name}`, `Renamed to (${node.code}) ${node.name}`))
    })
}
