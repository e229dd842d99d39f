import { AppError, errorStatus, exitCode, fieldLabel, isAppError, pick } from '@kehu/core'
import { Command, CommanderError, Option } from 'commander'
import { registerAuditCommands } from './commands/audit/audit-commands.js'
import { registerClassCommands } from './commands/class/class-commands.js'
import { registerCodeCommands } from './commands/code/code-commands.js'
import { registerCoreCommands } from './commands/core/core-commands.js'
import { registerCustomerCommands } from './commands/customer/customer-commands.js'
import { registerDimensionCommands } from './commands/dimension/dimension-commands.js'
import { registerImportCommands } from './commands/import/import-commands.js'
import { registerJobCommands } from './commands/job/job-commands.js'
import { registerRoleCommands } from './commands/role/role-commands.js'
import { registerSessionCommands } from './commands/session/session-commands.js'
import { registerTokenCommands } from './commands/token/token-commands.js'
import { registerTransferCommands } from './commands/transfer/transfer-commands.js'
import { registerUserCommands } from './commands/user/user-commands.js'
import { type Io, processIo, say } from './io.js'
import { langFrom } from './settings.js'

export type Register = (program: Command, io: Io) => void

/** Extra command groups (customer, class, dimension …) register here. */
const GROUPS: Register[] = [
  registerCoreCommands,
  registerCustomerCommands,
  registerTransferCommands,
  registerCodeCommands,
  registerDimensionCommands,
  registerClassCommands,
  registerUserCommands,
  registerRoleCommands,
  registerTokenCommands,
  registerSessionCommands,
  registerAuditCommands,
  registerJobCommands,
  registerImportCommands,
]

export function buildProgram(io: Io): Command {
  const program = new Command('kehu')
    .description(
      say(
        io,
        'kehu 客户主数据：客户档案、编码规则、分类与管理维度',
        'kehu customer master data: archive, code rules, classes and dimensions',
      ),
    )
    .version('0.1.0')
    .addOption(
      new Option(
        '--lang <lang>',
        say(io, '输出语言 zh-CN 或 en（KEHU_LANG）', 'output language zh-CN or en (KEHU_LANG)'),
      ),
    )
    .addOption(
      new Option(
        '--data <dir>',
        say(io, 'SQLite 数据目录（KEHU_DATA_DIR，默认 ./data）', 'SQLite data folder (KEHU_DATA_DIR, default ./data)'),
      ),
    )
    .addOption(
      new Option(
        '--database-url <url>',
        say(io, 'PostgreSQL 地址 postgres://…（DATABASE_URL）', 'PostgreSQL URL postgres://… (DATABASE_URL)'),
      ),
    )
    .addOption(
      new Option(
        '--tenant <code>',
        say(io, '账套编码（默认：唯一的或默认账套）', 'tenant code (default: the only or the default tenant)'),
      ),
    )
    .addOption(
      new Option(
        '--as <login>',
        say(
          io,
          '以该用户的权限执行（默认：本机管理员，审计记为 cli:<系统用户>）',
          "act with this user's permissions (default: the local administrator, audited as cli:<os user>)",
        ),
      ),
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
  for (const add of GROUPS) add(program, io)
  for (const c of program.commands)
    c.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
  return program
}

/**
 * An error in the API's problem+json shape (RFC 9457), for `--json`: `code` is the error code, the message
 * is `detail` in the chosen language, and `exitCode` says what the process returns.
 */
export function problemJson(e: unknown, lang: Io['lang']): Record<string, unknown> {
  if (!isAppError(e))
    return {
      type: 'about:blank',
      status: 500,
      code: 'INTERNAL',
      detail: (e as Error)?.message ?? String(e),
      exitCode: 1,
    }
  const { code: _c, ...details } = e.details ?? {}
  return {
    type: `https://kehu.dev/problems/${e.code.toLowerCase().replace(/_/g, '-')}`,
    status: errorStatus[e.kind],
    code: e.code,
    detail: pick(e.text, lang),
    ...(e.issues.length > 0
      ? {
          issues: e.issues.map((i) => ({
            path: i.path,
            label: pick(fieldLabel(i.path), lang),
            code: i.code,
            message: pick(i.message, lang),
          })),
        }
      : {}),
    ...details,
    exitCode: exitCode[e.kind],
  }
}

/** Prints an error the way a person wants to read it: one message, the field problems, no stack; JSON with `--json`. */
export function reportError(io: Io, e: unknown, asJson = false): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2
  if (asJson) {
    const problem = problemJson(e, io.lang)
    io.err(JSON.stringify(problem, null, 2))
    return problem.exitCode as number
  }
  if (isAppError(e)) {
    io.err(`${say(io, '错误', 'Error')} [${e.code}]: ${pick(e.text, io.lang)}`)
    for (const i of e.issues) {
      const message = pick(i.message, io.lang)
      const label = pick(fieldLabel(i.path), io.lang)
      // Field keys are for programs (--json); people read the field's name, once.
      io.err(`  - ${i.path.length === 0 || message.includes(label) ? message : `${label}: ${message}`}`)
    }
    return exitCode[e.kind]
  }
  io.err(`${say(io, '内部错误', 'Internal error')}: ${(e as Error)?.message ?? String(e)}`)
  if (process.env.KEHU_DEBUG) io.err((e as Error)?.stack ?? '')
  return 1
}

/** Runs the CLI with argv (without node and script); returns the exit code. */
export async function runCli(argv: string[], io?: Io): Promise<number> {
  const langArg = argv.indexOf('--lang')
  const lang = langFrom(langArg >= 0 ? argv[langArg + 1] : process.env.KEHU_LANG)
  const out = io ?? processIo(lang)
  out.lang = lang
  try {
    await buildProgram(out).parseAsync(argv, { from: 'user' })
    return 0
  } catch (e) {
    return reportError(out, e, argv.includes('--json'))
  }
}

export { AppError }
