import { createAttribute } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { type AttrOpts, attributeFields, attributeOptions, incompleteEn, incompleteZh } from './shared.js'

export function registerAttrAdd(parent: Command, io: Io) {
  attributeOptions(
    parent
      .command('add <dimension> <code> <name>')
      .description(say(io, '给管理维度添加属性', 'add an attribute to a dimension')),
    io,
    false,
  ).action(async (dimension: string, code: string, name: string, opts: AttrOpts, cmd: Command) => {
    const r = await withRuntime(cmd, async (rt) =>
      createAttribute(rt.ctx((await tenantOf(cmd, rt)).code), dimension, {
        ...attributeFields(opts),
        code,
        name,
      } as never),
    )
    if (opts.json) return io.out(JSON.stringify(r, null, 2))
    io.out(
      say(
        io,
        `已添加维度属性 ${r.attribute.code} ${r.attribute.name}${incompleteZh(r.incomplete)}`,
        `Added attribute ${r.attribute.code} ${r.attribute.name}${incompleteEn(r.incomplete)}`,
      ),
    )
  })
}
