import { updateNode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant } from '../shared.js'

export function registerDefaults(parent: Command, io: Io) {
  parent
    .command('defaults <scheme> <code>')
    .description(
      say(io, '设置分类默认值（业务员、编码规则、服务级别），用于新客户', 'set class defaults for new customers'),
    )
    .option('--account-manager <login>', say(io, '业务员登录名（空串清除）', 'account manager login ("" clears)'))
    .option('--code-rule <name>', say(io, '编码规则名称（空串清除）', 'code rule name ("" clears)'))
    .option('--service-level <level>', say(io, '服务级别（空串清除）', 'service level ("" clears)'))
    .action(
      async (
        scheme: string,
        code: string,
        o: { accountManager?: string; codeRule?: string; serviceLevel?: string },
        cmd: Command,
      ) => {
        const defaults = {
          ...(o.accountManager !== undefined ? { accountManager: o.accountManager || null } : {}),
          ...(o.codeRule !== undefined ? { codeRule: o.codeRule || null } : {}),
          ...(o.serviceLevel !== undefined ? { serviceLevel: o.serviceLevel || null } : {}),
        }
        const node = await inTenant(cmd, (rt, t) => updateNode(rt.ctx(t), scheme, code, { defaults }))
        io.out(say(io, `已设置 (${node.code}) 的默认值`, `Set the defaults of (${node.code})`))
      },
    )
}
