import { createClassRule } from '@kehu/app'
import type { Filter } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'
import { inTenant, jsonOpt, numberFlag } from '../shared.js'

export function registerRuleAdd(parent: Command, io: Io) {
  parent
    .command('add <scheme> <name>')
    .description(
      say(io, '新增规则：满足 --when 条件的客户归入 --node', 'add a rule: customers matching --when go to --node'),
    )
    .requiredOption('--node <code>', say(io, '目标分类编码', 'target class code'))
    .requiredOption('--when <json>', say(io, '条件（筛选 JSON）', 'condition (filter JSON)'))
    .option('--position <n>', say(io, '顺序（小的先试）', 'order (lower first)'))
    .option('--disabled', say(io, '先不启用', 'create disabled'))
    .option(...jsonOpt(io))
    .action(
      async (
        schemeCode: string,
        name: string,
        o: { node: string; when: string; position?: string; disabled?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const r = await inTenant(cmd, (rt, t) =>
          createClassRule(rt.ctx(t), schemeCode, {
            name,
            node: o.node,
            condition: parseJsonInput(o.when, '--when') as Filter,
            enabled: !o.disabled,
            // text that is no number reaches the use case's schema, which refuses it with the field's name
            ...(o.position !== undefined ? { position: numberFlag(o.position) as number } : {}),
          }),
        )
        io.out(
          o.json
            ? JSON.stringify(r, null, 2)
            : say(
                io,
                `已新增规则 ${r.name}：${r.description.zh} → ${r.node}`,
                `Added rule ${r.name}: ${r.description.en} → ${r.node}`,
              ),
        )
      },
    )
}
