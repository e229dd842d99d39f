import { mergeNodes } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerMerge(parent: Command, io: Io) {
  parent
    .command('merge <scheme> <code>')
    .description(
      say(
        io,
        '把分类合并到另一分类（客户转移，编码保留为别名）',
        'merge a class into another (customers move, code kept as alias)',
      ),
    )
    .requiredOption('--into <code>', say(io, '保留的分类编码', 'code of the class that stays'))
    .option(...jsonOpt(io))
    .action(async (scheme: string, code: string, o: { into: string; json?: boolean }, cmd: Command) => {
      const r = await inTenant(cmd, (rt, t) => mergeNodes(rt.ctx(t), scheme, code, { into: o.into }))
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(
              io,
              `已把 ${r.source} 合并到 ${r.target}，转移 ${r.customersMoved} 个客户`,
              `Merged ${r.source} into ${r.target}; ${r.customersMoved} customers moved`,
            ),
      )
    })
}
