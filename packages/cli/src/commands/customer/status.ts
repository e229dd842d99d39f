import { archiveCustomer, restoreCustomer, setCustomerStatus } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import type { Rt } from './shared.js'

export function registerStatus(parent: Command, io: Io) {
  const statusCommands = [
    [
      'disable',
      '停用客户',
      'disable a customer',
      (rt: Rt, t: string, c: string) => setCustomerStatus(rt.ctx(t), c, 'disabled'),
    ],
    [
      'enable',
      '启用客户',
      'enable a disabled customer',
      (rt: Rt, t: string, c: string) => setCustomerStatus(rt.ctx(t), c, 'active'),
    ],
    [
      'archive',
      '归档客户（不再出现在默认列表中，可恢复）',
      'archive a customer (hidden from default lists; restorable)',
      (rt: Rt, t: string, c: string) => archiveCustomer(rt.ctx(t), c),
    ],
    [
      'restore',
      '恢复已归档的客户',
      'restore an archived customer',
      (rt: Rt, t: string, c: string) => restoreCustomer(rt.ctx(t), c),
    ],
  ] as const
  for (const [name, zh, en, run] of statusCommands)
    parent
      .command(`${name} <code>`)
      .description(say(io, zh, en))
      .option(...jsonOpt(io))
      .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
        const r = await withRuntime(cmd, async (rt) => run(rt, (await tenantOf(cmd, rt)).code, code))
        if (o.json)
          return io.out(
            JSON.stringify(
              { code: r.customer.code, status: r.customer.status, version: r.customer.version, changed: r.changed },
              null,
              2,
            ),
          )
        io.out(
          r.changed
            ? say(
                io,
                `${r.customer.code}：状态为 ${r.customer.status}`,
                `${r.customer.code}: status is ${r.customer.status}`,
              )
            : say(
                io,
                `${r.customer.code} 已是 ${r.customer.status}，未作更改`,
                `${r.customer.code} is already ${r.customer.status}; nothing changed`,
              ),
        )
      })
}
