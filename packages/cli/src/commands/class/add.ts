import { createNode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerAdd(parent: Command, io: Io) {
  parent
    .command('add <scheme> <codeOrName> [name]')
    .description(
      say(
        io,
        '新增分类：kehu class add class 01001 华北大客户；省略编码时取下一个可用编码（配合 --parent）',
        'add a class: kehu class add class 01001 华北大客户; without a code the next free one is taken (with --parent)',
      ),
    )
    .option('--parent <code>', say(io, '上级编码', 'parent code'))
    .option(
      '--move-customers',
      say(
        io,
        '末级分类体系中把上级的客户一并移到新分类',
        'leaf-only scheme: move the parent’s customers onto the new class',
      ),
    )
    .option(...jsonOpt(io))
    .action(
      async (
        scheme: string,
        a: string,
        b: string | undefined,
        opts: { parent?: string; moveCustomers?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const common = { parentCode: opts.parent ?? null, moveParentCustomers: opts.moveCustomers ?? false }
        const input = b === undefined ? { name: a, ...common } : { code: a, name: b, ...common }
        const node = await inTenant(cmd, (rt, t) => createNode(rt.ctx(t), scheme, input))
        io.out(
          opts.json
            ? JSON.stringify(node, null, 2)
            : say(io, `已新增 (${node.code}) ${node.name}`, `Added (${node.code}) ${node.name}`),
        )
      },
    )
}
