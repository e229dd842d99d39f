import { updateAttribute } from '@kehu/app'
import { type AttributeConflict, isAppError } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import {
  type AttrOpts,
  attributeFields,
  attributeOptions,
  incompleteEn,
  incompleteZh,
  printConflicts,
  updateOpts,
} from './shared.js'

export function registerAttrUpdate(parent: Command, io: Io) {
  attributeOptions(
    parent
      .command('update <code>')
      .description(
        say(
          io,
          '修改维度属性（类型变更先列出全部冲突）',
          'change an attribute (a type change lists every conflict first)',
        ),
      ),
    io,
    true,
  ).action(async (code: string, opts: AttrOpts & { enable?: boolean; disable?: boolean }, cmd: Command) => {
    try {
      const r = await withRuntime(cmd, async (rt) =>
        updateAttribute(rt.ctx((await tenantOf(cmd, rt)).code), code, attributeFields(updateOpts(opts))),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        say(
          io,
          `已修改维度属性 ${r.attribute.code}（改写 ${r.rewritten} 个取值）${incompleteZh(r.incomplete)}`,
          `Changed attribute ${r.attribute.code} (${r.rewritten} values rewritten)${incompleteEn(r.incomplete)}`,
        ),
      )
    } catch (e) {
      if (isAppError(e) && e.code === 'ATTR_CHANGE_CONFLICTS')
        printConflicts(io, (e.details?.conflicts ?? []) as AttributeConflict[], Number(e.details?.count ?? 0))
      throw e
    }
  })
}
