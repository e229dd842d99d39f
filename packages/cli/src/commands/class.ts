import {
  applyReclassify,
  batchAssign,
  createClassRule,
  createNode,
  createScheme,
  deleteClassRule,
  deleteNode,
  getTree,
  listClassRules,
  listSchemes,
  mergeNodes,
  moveNode,
  previewBatchAssign,
  previewMoveNode,
  previewReclassify,
  updateNode,
  updateScheme,
} from '@kehu/app'
import type { Filter } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../io.js'
import { parseJsonInput } from '../json-input.js'
import type { Runtime } from '../runtime.js'
import { tenantOf, withRuntime } from '../runtime-command.js'

const jsonOpt = (io: Io) => ['--json', say(io, '输出 JSON', 'print JSON')] as const

/** Runs `fn` with the runtime and the tenant code of `--tenant` (or the default tenant). */
const inTenant = <T>(cmd: Command, fn: (rt: Runtime, tenant: string) => Promise<T>) =>
  withRuntime(cmd, async (rt) => fn(rt, (await tenantOf(cmd, rt)).code))

/** `kehu class …`: schemes, trees, moves, merges, batch assignment, automatic rules. */
export function registerClassCommands(program: Command, io: Io) {
  const cls = program
    .command('class')
    .description(say(io, '客户分类：分类体系、分类树与自动分类', 'classes: schemes, trees, automatic rules'))

  cls
    .command('schemes')
    .description(say(io, '列出分类体系及其编码方案', 'list classification schemes and their level schemes'))
    .option(...jsonOpt(io))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await inTenant(cmd, (rt, t) => listSchemes(rt.ctx(t)))
      if (opts.json) return io.out(JSON.stringify(list, null, 2))
      io.out(
        table(
          list.map((s) => ({ ...s, levels: s.levels ?? say(io, '平面', 'flat'), leafOnly: s.leafOnly ? '✓' : '' })),
          ['code', 'name', 'levels', 'mask', 'leafOnly', 'nodeCount'],
        ),
      )
    })

  cls
    .command('tree <scheme>')
    .description(say(io, '显示分类树：(编码) 名称、末级、客户数', 'show a tree: (code) name, leaf, customers'))
    .option(...jsonOpt(io))
    .action(async (scheme: string, opts: { json?: boolean }, cmd: Command) => {
      const tree = await inTenant(cmd, (rt, t) => getTree(rt.ctx(t), scheme))
      if (opts.json) return io.out(JSON.stringify(tree, null, 2))
      io.out(`${tree.scheme.name}  ${tree.scheme.mask ?? say(io, '（平面列表）', '(flat list)')}`)
      for (const n of tree.nodes) {
        const marks = [
          n.leaf ? say(io, '末级', 'leaf') : '',
          n.enabled ? '' : say(io, '停用', 'disabled'),
          n.subtreeCustomerCount > 0
            ? say(io, `${n.subtreeCustomerCount} 个客户`, `${n.subtreeCustomerCount} customers`)
            : '',
          n.aliases.length > 0 ? say(io, `旧编码 ${n.aliases.join(',')}`, `old codes ${n.aliases.join(',')}`) : '',
        ].filter(Boolean)
        io.out(`${'  '.repeat(n.level - 1)}${n.displayName}${marks.length ? `  [${marks.join('; ')}]` : ''}`)
      }
    })

  cls
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

  cls
    .command('rename <scheme> <code> <name>')
    .description(say(io, '重命名分类', 'rename a class'))
    .action(async (scheme: string, code: string, name: string, _o: unknown, cmd: Command) => {
      const node = await inTenant(cmd, (rt, t) => updateNode(rt.ctx(t), scheme, code, { name }))
      io.out(say(io, `已重命名为 (${node.code}) ${node.name}`, `Renamed to (${node.code}) ${node.name}`))
    })

  for (const [verb, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    cls
      .command(`${verb} <scheme> <code>`)
      .description(
        enabled
          ? say(io, '启用分类', 'enable a class')
          : say(io, '停用分类（不能再归入客户）', 'disable a class (no new customers)'),
      )
      .action(async (scheme: string, code: string, _o: unknown, cmd: Command) => {
        const node = await inTenant(cmd, (rt, t) => updateNode(rt.ctx(t), scheme, code, { enabled }))
        io.out(
          enabled
            ? say(io, `已启用 (${node.code}) ${node.name}`, `Enabled (${node.code}) ${node.name}`)
            : say(io, `已停用 (${node.code}) ${node.name}`, `Disabled (${node.code}) ${node.name}`),
        )
      })

  cls
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

  cls
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

  cls
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

  cls
    .command('delete <scheme> <code>')
    .description(
      say(
        io,
        '删除分类（有下级或客户时拒绝，可先转移客户）',
        'delete a class (refused with children or customers; may move customers first)',
      ),
    )
    .option('--move-customers-to <code>', say(io, '先把客户移到此分类', 'move its customers to this class first'))
    .action(async (scheme: string, code: string, o: { moveCustomersTo?: string }, cmd: Command) => {
      const r = await inTenant(cmd, (rt, t) => deleteNode(rt.ctx(t), scheme, code, o))
      io.out(
        r.movedTo
          ? say(
              io,
              `已把 ${r.customersMoved} 个客户移到 ${r.movedTo}，并删除 ${r.code}`,
              `Moved ${r.customersMoved} customers to ${r.movedTo} and deleted ${r.code}`,
            )
          : say(io, `已删除 ${r.code}`, `Deleted ${r.code}`),
      )
    })

  const scheme = cls.command('scheme').description(say(io, '分类体系管理', 'classification schemes'))
  scheme
    .command('create <code> <name>')
    .description(say(io, '新建自定义分类体系', 'create a user-defined scheme'))
    .option(
      '--levels <levels>',
      say(io, '编码方案，如 2-3-4（省略：平面列表）', 'level scheme such as 2-3-4 (omitted: flat list)'),
    )
    .option('--no-leaf-only', say(io, '客户也可归入非末级分类', 'customers may sit on non-leaf classes'))
    .option(...jsonOpt(io))
    .action(
      async (code: string, name: string, o: { levels?: string; leafOnly: boolean; json?: boolean }, cmd: Command) => {
        const s = await inTenant(cmd, (rt, t) =>
          createScheme(rt.ctx(t), {
            code,
            name,
            levels: o.levels ?? null,
            ...(o.leafOnly ? {} : { leafOnly: false }),
          }),
        )
        io.out(
          o.json
            ? JSON.stringify(s, null, 2)
            : say(
                io,
                `已创建分类体系 ${s.code} ${s.name} ${s.mask ?? ''}`,
                `Created scheme ${s.code} ${s.name} ${s.mask ?? ''}`,
              ),
        )
      },
    )
  scheme
    .command('update <scheme>')
    .description(
      say(
        io,
        '修改分类体系：名称、编码方案（已用级次不能改）',
        'change a scheme: name, level scheme (used levels cannot change)',
      ),
    )
    .option('--name <name>', say(io, '新名称', 'new name'))
    .option('--levels <levels>', say(io, '新编码方案，如 2-3-6', 'new level scheme such as 2-3-6'))
    .option(...jsonOpt(io))
    .action(async (code: string, o: { name?: string; levels?: string; json?: boolean }, cmd: Command) => {
      const s = await inTenant(cmd, (rt, t) =>
        updateScheme(rt.ctx(t), code, {
          ...(o.name !== undefined ? { name: o.name } : {}),
          ...(o.levels !== undefined ? { levels: o.levels } : {}),
        }),
      )
      io.out(
        o.json
          ? JSON.stringify(s, null, 2)
          : say(io, `已修改 ${s.code} ${s.name} ${s.mask ?? ''}`, `Updated ${s.code} ${s.name} ${s.mask ?? ''}`),
      )
    })

  cls
    .command('assign <scheme> <node>')
    .description(
      say(
        io,
        '批量归类：--customers 编码列表或 --filter 筛选条件；先预览人数，加 --yes 执行',
        'batch assignment: --customers codes or --filter; previews the count, --yes applies',
      ),
    )
    .option('--customers <codes>', say(io, '客户编码，逗号分隔', 'customer codes, comma separated'))
    .option('--filter <json>', say(io, '筛选条件 JSON，如 {"all":[…]}', 'filter JSON such as {"all":[…]}'))
    .option('--yes', say(io, '执行（否则只预览）', 'apply (otherwise only preview)'))
    .option(...jsonOpt(io))
    .action(
      async (
        schemeCode: string,
        node: string,
        o: { customers?: string; filter?: string; yes?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const input = {
          node,
          ...(o.customers !== undefined
            ? {
                customerIds: o.customers
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(o.filter !== undefined ? { filter: parseJsonInput(o.filter, '--filter') as Filter } : {}),
        }
        const r = await inTenant(cmd, (rt, t) =>
          o.yes ? batchAssign(rt.ctx(t), schemeCode, input) : previewBatchAssign(rt.ctx(t), schemeCode, input),
        )
        if (o.json) return io.out(JSON.stringify(r, null, 2))
        if ('assigned' in r)
          io.out(
            say(
              io,
              `已把 ${r.assigned} 个客户归入 (${r.node}) ${r.nodeName}`,
              `Assigned ${r.assigned} customers to (${r.node}) ${r.nodeName}`,
            ),
          )
        else {
          io.out(table(r.sample, ['code', 'name', 'from']))
          io.out(
            say(
              io,
              `预览：${r.count} 个客户将归入 (${r.node}) ${r.nodeName}（已在其中 ${r.alreadyThere} 个）。加 --yes 执行`,
              `Preview: ${r.count} customers go to (${r.node}) ${r.nodeName} (${r.alreadyThere} already there). Add --yes to apply`,
            ),
          )
        }
      },
    )

  const rule = cls.command('rule').description(say(io, '自动分类规则', 'automatic classification rules'))
  rule
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
            ...(o.position !== undefined ? { position: Number(o.position) } : {}),
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
  rule
    .command('list <scheme>')
    .description(say(io, '列出规则（按顺序）', 'list the rules in order'))
    .option(...jsonOpt(io))
    .action(async (schemeCode: string, o: { json?: boolean }, cmd: Command) => {
      const list = await inTenant(cmd, (rt, t) => listClassRules(rt.ctx(t), schemeCode))
      if (o.json) return io.out(JSON.stringify(list, null, 2))
      io.out(
        table(
          list.map((r) => ({ ...r, when: say(io, r.description.zh, r.description.en), enabled: r.enabled ? '✓' : '' })),
          ['position', 'name', 'when', 'node', 'enabled'],
        ),
      )
    })
  rule
    .command('delete <scheme> <rule>')
    .description(say(io, '删除规则（名称或 id）', 'delete a rule (name or id)'))
    .action(async (schemeCode: string, ruleRef: string, _o: unknown, cmd: Command) => {
      await inTenant(cmd, (rt, t) => deleteClassRule(rt.ctx(t), schemeCode, ruleRef))
      io.out(say(io, `已删除规则 ${ruleRef}`, `Deleted rule ${ruleRef}`))
    })

  cls
    .command('reclassify <scheme>')
    .description(
      say(
        io,
        '按自动分类规则重新分类：先预览谁从哪到哪，加 --yes 执行',
        're-classify by the rules: previews who moves where, --yes applies',
      ),
    )
    .option('--yes', say(io, '执行（否则只预览）', 'apply (otherwise only preview)'))
    .option(...jsonOpt(io))
    .action(async (schemeCode: string, o: { yes?: boolean; json?: boolean }, cmd: Command) => {
      const r = await inTenant(cmd, (rt, t) =>
        o.yes ? applyReclassify(rt.ctx(t), schemeCode) : previewReclassify(rt.ctx(t), schemeCode),
      )
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        table(
          r.transitions.map((x) => ({ ...x, from: x.from ?? '—' })),
          ['from', 'to', 'count'],
        ),
      )
      if (r.skippedRules.length > 0)
        io.out(
          say(
            io,
            `跳过的规则（目标分类已停用或非末级）：${r.skippedRules.join('、')}`,
            `Skipped rules (target disabled or not a leaf): ${r.skippedRules.join(', ')}`,
          ),
        )
      io.out(
        'moved' in r
          ? say(io, `已重新分类 ${r.moved} 个客户`, `Re-classified ${r.moved} customers`)
          : say(
              io,
              `预览：${r.count} 个客户将调整分类。加 --yes 执行`,
              `Preview: ${r.count} customers would move. Add --yes to apply`,
            ),
      )
    })
}
