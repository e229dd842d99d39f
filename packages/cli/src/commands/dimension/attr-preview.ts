import { attributeConflictRows, previewAttributeChange } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { type AttrOpts, attributeFields, attributeOptions, incompleteEn, incompleteZh, updateOpts } from './shared.js'

export function registerAttrPreview(parent: Command, io: Io) {
  attributeOptions(
    parent
      .command('preview <code>')
      .description(
        say(
          io,
          '预览修改：冲突、改写与未填客户数，不做任何修改',
          'preview a change: conflicts, rewrites, customers left incomplete; changes nothing',
        ),
      ),
    io,
    true,
  ).action(async (code: string, opts: AttrOpts & { enable?: boolean; disable?: boolean }, cmd: Command) => {
    const p = await withRuntime(cmd, async (rt) =>
      previewAttributeChange(rt.ctx((await tenantOf(cmd, rt)).code), code, attributeFields(updateOpts(opts))),
    )
    if (opts.json) return io.out(JSON.stringify(p, null, 2))
    io.out(
      say(
        io,
        `${p.held} 个客户有取值；冲突 ${p.conflicts.length} 个，改写 ${p.rewrites} 个${incompleteZh(p.incomplete)}`,
        `${p.held} customers hold values; ${p.conflicts.length} conflicts, ${p.rewrites} rewrites${incompleteEn(p.incomplete)}`,
      ),
    )
    if (p.conflicts.length > 0)
      io.out(table(attributeConflictRows(p.conflicts, io.lang), ['customer', 'value', 'reason']))
  })
}
