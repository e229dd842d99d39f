import { createTenant, listTenants } from '@kehu/app'
import type { Command } from 'commander'
import { loadDemo } from '../demo.js'
import { type Io, say, table } from '../io.js'
import { cliActorLabel, openRuntime } from '../runtime.js'
import { withRuntime } from '../runtime-command.js'
import { serve } from '../serve.js'
import { resolveSettings } from '../settings.js'

export function registerCoreCommands(program: Command, io: Io) {
  program
    .command('serve')
    .description(
      say(io, '启动服务器：REST API、API 文档与网页界面', 'start the server: REST API, API reference and web UI'),
    )
    .option('--port <port>', say(io, '端口（PORT，默认 3000）', 'port (PORT, default 3000)'))
    .option(
      '--host <host>',
      say(
        io,
        '监听地址（HOST，默认 127.0.0.1；登录上线前仅限本机）',
        'address (HOST, default 127.0.0.1; loopback only until sign-in)',
      ),
    )
    .option(
      '--allowed-host <name>',
      say(
        io,
        '另外接受的主机名（可重复；KEHU_ALLOWED_HOSTS 以逗号分隔）；默认只接受本机名，其他主机名得到 421',
        'another host name to answer for (repeatable; KEHU_ALLOWED_HOSTS, comma-separated); by default only loopback names, others get 421',
      ),
      (v: string, all: string[] = []) => [...all, ...v.split(',')],
    )
    .option(
      '--demo-if-empty',
      say(io, '全新数据库时先创建演示账套', 'on a brand-new database, create the demo tenant first'),
    )
    .action(
      async (opts: { port?: string; host?: string; allowedHost?: string[]; demoIfEmpty?: boolean }, cmd: Command) => {
        const s = resolveSettings({ ...cmd.optsWithGlobals(), ...opts })
        if (!Number.isInteger(s.port) || s.port < 0 || s.port > 65535) {
          const { AppError, text } = await import('@kehu/core')
          throw new AppError(
            'invalid',
            'CONFIG_PORT',
            text(`端口无效：${opts.port ?? process.env.PORT}`, `Invalid port: ${opts.port ?? process.env.PORT}`),
          )
        }
        const server = await serve({
          port: s.port,
          host: s.host,
          allowedHosts: s.allowedHosts,
          dataDir: s.dataDir,
          databaseUrl: s.databaseUrl,
          demoIfEmpty: opts.demoIfEmpty ?? false,
          log: (l) => io.out(l),
        })
        io.out(
          say(
            io,
            `kehu 已启动：${server.url}  （API 文档 ${server.url}/api/docs）`,
            `kehu is running at ${server.url}  (API reference ${server.url}/api/docs)`,
          ),
        )
        io.out(
          say(
            io,
            `数据库：${s.databaseUrl ? 'PostgreSQL' : `SQLite ${s.dataDir}`}`,
            `Database: ${s.databaseUrl ? 'PostgreSQL' : `SQLite ${s.dataDir}`}`,
          ),
        )
        const stop = async () => {
          await server.close()
          process.exit(0)
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      },
    )

  program
    .command('migrate')
    .description(
      say(
        io,
        '把数据库迁移到最新结构（启动时也会自动执行）',
        'migrate the database to the latest schema (also done on start)',
      ),
    )
    .action(async (_o: unknown, cmd: Command) => {
      const s = resolveSettings(cmd.optsWithGlobals())
      const rt = await openRuntime({ dataDir: s.dataDir, databaseUrl: s.databaseUrl, actorLabel: cliActorLabel() })
      await rt.close()
      if (rt.backup) io.out(say(io, `迁移前备份：${rt.backup}`, `Backup before migrating: ${rt.backup}`))
      io.out(
        rt.migrated.length > 0
          ? say(io, `已应用迁移：${rt.migrated.join(', ')}`, `Applied migrations: ${rt.migrated.join(', ')}`)
          : say(io, '数据库已是最新结构', 'The database is up to date'),
      )
    })

  const tenant = program.command('tenant').description(say(io, '账套管理', 'tenants (账套)'))
  tenant
    .command('create <code> <name>')
    .description(
      say(
        io,
        '创建账套（含内置分类体系和默认编码规则 {serial:5}）',
        'create a tenant (built-in schemes and the default rule {serial:5})',
      ),
    )
    .option('--default', say(io, '设为默认账套', 'make it the default tenant'))
    .option('--time-zone <zone>', say(io, '时区（默认 Asia/Shanghai）', 'time zone (default Asia/Shanghai)'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(
      async (
        code: string,
        name: string,
        opts: { default?: boolean; timeZone?: string; json?: boolean },
        cmd: Command,
      ) => {
        const t = await withRuntime(cmd, (rt) =>
          createTenant(rt.base, {
            code,
            name,
            isDefault: opts.default ?? false,
            ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
          }),
        )
        io.out(
          opts.json
            ? JSON.stringify(t, null, 2)
            : say(io, `已创建账套 ${t.code} ${t.name}`, `Created tenant ${t.code} ${t.name}`),
        )
      },
    )
  tenant
    .command('list')
    .description(say(io, '列出账套', 'list tenants'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await withRuntime(cmd, (rt) => listTenants(rt.base))
      if (opts.json) return io.out(JSON.stringify(list, null, 2))
      io.out(
        table(
          list.map((t) => ({ code: t.code, name: t.name, timeZone: t.timeZone, default: t.isDefault ? '*' : '' })),
          ['code', 'name', 'timeZone', 'default'],
        ),
      )
    })

  program
    .command('demo')
    .description(
      say(
        io,
        '加载演示账套 demo：分类树、地区、行业、编码规则和几百个客户',
        'load the demo tenant: class tree, regions, industries, code rules and a few hundred customers',
      ),
    )
    .option('--customers <n>', say(io, '客户数量（默认 300）', 'number of customers (default 300)'), '300')
    .action(async (opts: { customers: string }, cmd: Command) => {
      const n = await withRuntime(cmd, (rt) => loadDemo(rt.base, { customers: Number(opts.customers) }))
      io.out(
        say(
          io,
          `已加载演示账套 demo（演示账套），含 ${n} 个客户`,
          `Loaded the demo tenant (演示账套) with ${n} customers`,
        ),
      )
    })
}
