import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { serve } from '../../serve.js'
import { resolveSettings } from '../../settings.js'

export function registerServe(parent: Command, io: Io) {
  parent
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
}
