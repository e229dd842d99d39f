import { getTree, treeLines } from '@kehu/app'
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
      for (const line of treeLines(tree, io.lang)) io.out(line)
    })
}
