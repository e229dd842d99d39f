import { moveNode, previewMoveNode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerMove(parent: Command, io: Io) {
  parent
    .command('move <scheme> <code>')
    .description(
      say(
        io,
        '移动分类及其下级：先预览新旧编码，加 --yes 执行；旧编码保留为别名，客户随分类移动',
        'move a subtree: previews old → new codes, --yes applies; old codes stay as aliases, customers follow',
      ),
    )
    .option(
      '--to <parent>',
      say(io, '新上级编码（省略或 "-"：移到第 1 级）', 'new parent code (omitted or "-": level 1)'),
    )
    .option('--code <code>', say(io, '指定新编码（默认取下一个可用编码）', 'new code (default: the next free one)'))
    .option('--recode-customers', say(io, '同时重编客户编码', 'also re-code the customers'))
    .option('--yes', say(io, '执行移动（否则只预览）', 'apply (otherwise only preview)'))
    .option(...jsonOpt(io))
    .action(
      async (
        scheme: string,
        code: string,
        o: { to?: string; code?: string; recodeCustomers?: boolean; yes?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const input = {
          newParentCode: o.to && o.to !== '-' ? o.to : null,
          code: o.code ?? null,
          recodeCustomers: o.recodeCustomers ?? false,
        }
        const r = await inTenant(cmd, (rt, t) => (o.yes ? moveNode : previewMoveNode)(rt.ctx(t), scheme, code, input))
        if (o.json) return io.out(JSON.stringify(r, null, 2))
        io.out(table(r.moves, ['oldCode', 'newCode', 'name', 'customerCount']))
        if (r.customersRecoded) {
          io.out(
            o.yes
              ? say(
                  io,
                  `重编的客户编码：${r.customersRecoded.length} 个`,
                  `Customer codes re-coded: ${r.customersRecoded.length}`,
                )
              : say(
                  io,
                  `将重编的客户编码：${r.customersRecoded.length} 个（编码未预留）`,
                  `Customer codes that will change: ${r.customersRecoded.length} (not reserved)`,
                ),
          )
          if (r.customersRecoded.length > 0) io.out(table(r.customersRecoded, ['from', 'to']))
        }
        io.out(
          o.yes
            ? say(
                io,
                `已移动，${r.customersAffected} 个客户随之移动`,
                `Moved; ${r.customersAffected} customers followed`,
              )
            : say(
                io,
                `预览：${r.moves.length} 个分类改编码，影响 ${r.customersAffected} 个客户。加 --yes 执行`,
                `Preview: ${r.moves.length} classes re-coded, ${r.customersAffected} customers affected. Add --yes to apply`,
              ),
        )
      },
    )
}
