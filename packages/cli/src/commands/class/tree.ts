import { getTree } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerTree(parent: Command, io: Io) {
  parent
    .command('tree <scheme>')
    .description(say(io, '显示分类树：(编码) 名称、末级、客户数', 'show a tree: (code) name, leaf, customers'))
    .option(...jsonOpt(io))
    .action(async (scheme: string, opts: { json?: boolean }, cmd: Command) => {
      const tree = await inTenant(cmd, (rt, t) => getTree(rt.ctx(t), scheme))
      if (opts.json) return io.out(JSON.stringify(tree, null, 2))
      io.out(`${tree.scheme.name}  ${tree.scheme.mask ?? say(io, '（平面列表）', '(flat list)')}`)
      for (const n of tree.nodes) {
        const marks = [
          n.leaf ? say(io, '末级', 'leaf') : '',
          n.enabled ? '' : say(io, '停用', 'disabled'),
          n.subtreeCustomerCount > 0
            ? say(io, `${n.subtreeCustomerCount} 个客户`, `${n.subtreeCustomerCount} customers`)
            : '',
          n.aliases.length > 0 ? say(io, `旧编码 ${n.aliases.join(',')}`, `old codes ${n.aliases.join(',')}`) : '',
        ].filter(Boolean)
        io.out(`${'  '.repeat(n.level - 1)}${n.displayName}${marks.length ? `  [${marks.join('; ')}]` : ''}`)
      }
    })
}
