import { CustomerInput, createCustomer, customerJson } from '@kehu/app'
import { invalid, pick, text } from '@kehu/core'
import type { Command } from 'commander'
import { createOnce } from '../../create-once.js'
import { type Io, say } from '../../io.js'
import { withOptionNames } from '../../option-names.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { collect, customerFields, dryRun, inputFrom, readJsonFile } from './shared.js'

export function registerCreate(parent: Command, io: Io) {
  parent
    .command('create')
    .description(
      say(
        io,
        '新建客户：编码由适用的编码规则生成（规则允许时可用 --code 指定）',
        'create a customer; the applicable code rule issues its code (or --code, where the rule allows)',
      ),
    )
    .option('--json-file <file>', say(io, '从 JSON 文件读取客户字段', 'read the customer fields from a JSON file'))
    .option('--name <name>', say(io, '客户全称', 'full name'))
    .option('--short-name <name>', say(io, '简称', 'short name'))
    .option('--code <code>', say(io, '指定编码', 'a typed code'))
    .option(
      '--next-if-taken',
      say(
        io,
        '指定的编码已被占用时，改用规则的下一个可用编码（默认拒绝）',
        "if the typed code is taken, take the rule's next free code instead (default: refuse)",
      ),
    )
    .option('--type <code>', say(io, '客户类型编码', 'customer type code'))
    .option('--class <code>', say(io, '客户分类编码', 'class code'))
    .option('--region <code>', say(io, '地区编码', 'region code'))
    .option('--industry <code>', say(io, '行业编码', 'industry code'))
    .option('--uscc <uscc>', say(io, '统一社会信用代码', 'unified social credit code'))
    .option('--phone <phone>', say(io, '电话', 'phone'))
    .option('--email <email>', say(io, '电子邮件', 'e-mail'))
    .option('--set <field=value>', say(io, '任意字段，可重复', 'any field, repeatable'), collect, [])
    .option('--attr <CODE=VALUE>', say(io, '维度属性，可重复', 'an attribute value, repeatable'), collect, [])
    .option(
      '--idempotency-key <key>',
      say(
        io,
        '幂等键：用同一个键重试不会重复建档（不给则自动生成，--json 输出中可见）',
        'idempotency key: a retry with the same key creates nothing twice (made up when not given; shown by --json)',
      ),
    )
    .option(
      '--dry-run',
      say(io, '只显示适用的规则和将生成的编码，不建档', 'only show the rule that applies and the code it would issue'),
    )
    .option(...jsonOpt(io))
    .action(async (o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
      const fromFile = o.jsonFile ? await readJsonFile(o.jsonFile as string) : {}
      const named = {
        name: o.name,
        shortName: o.shortName,
        code: o.code,
        type: o.type,
        class: o.class,
        region: o.region,
        industry: o.industry,
        uscc: o.uscc,
        phone: o.phone,
        email: o.email,
      } as Record<string, string | undefined>
      const flags = inputFrom(o.set as string[], o.attr as string[], named)
      const input: Record<string, unknown> = {
        ...fromFile,
        ...flags,
        ...(fromFile.attributes || flags.attributes
          ? { attributes: { ...(fromFile.attributes as object), ...(flags.attributes as object) } }
          : {}),
      }
      if (o.nextIfTaken) input.nextCodeIfTaken = true
      if (o.dryRun) return dryRun(cmd, io, input, Boolean(o.json))
      if (!input.name)
        throw invalid(
          'CLI_NAME_REQUIRED',
          text('请给出客户名称：--name 或 --json-file', 'Give the customer name: --name or --json-file'),
        )
      const fields = customerFields(CustomerInput, input)
      const result = await withOptionNames({ code: '--code' }, () =>
        withRuntime(cmd, async (rt) => {
          const ctx = rt.ctx((await tenantOf(cmd, rt)).code)
          return createOnce((idempotencyKey) => createCustomer(ctx, fields, { idempotencyKey }), {
            idempotencyKey: o.idempotencyKey as string | undefined,
          })
        }),
      )
      if (o.json)
        return io.out(
          JSON.stringify(
            {
              ...customerJson(result),
              ...(result.codeReplaced ? { codeReplaced: result.codeReplaced } : {}),
              ...(result.codeWarning ? { codeWarning: pick(result.codeWarning, io.lang) } : {}),
              ...(result.replayed ? { replayed: true } : {}),
              idempotencyKey: result.idempotencyKey,
            },
            null,
            2,
          ),
        )
      io.out(
        result.replayed
          ? say(
              io,
              `重试：返回已建的客户 ${result.customer.code}`,
              `Retry: the customer ${result.customer.code} already exists`,
            )
          : say(
              io,
              `已建档：${result.customer.code} ${result.customer.name}`,
              `Created: ${result.customer.code} ${result.customer.name}`,
            ),
      )
      if (result.codeReplaced)
        io.out(
          say(
            io,
            `编码 ${result.codeReplaced.requested} 已被占用，按规则改发 ${result.codeReplaced.issued}`,
            `The code ${result.codeReplaced.requested} was taken; the rule issued ${result.codeReplaced.issued}`,
          ),
        )
      if (result.codeWarning) io.out(say(io, `注意：${result.codeWarning.zh}`, `Note: ${result.codeWarning.en}`))
    })
}
