import { AppError, text } from '@kehu/core'
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
        '监听地址（HOST，默认 127.0.0.1；有设置了密码的用户之后才可用 0.0.0.0 等非本机地址）',
        'address (HOST, default 127.0.0.1; 0.0.0.0 and other non-loopback addresses once a user has a password)',
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
      '--trust-proxy',
      say(
        io,
        '在反向代理之后：客户端地址取自 X-Forwarded-For，HTTPS 取自 X-Forwarded-Proto（KEHU_TRUST_PROXY=1）',
        'behind a reverse proxy: the client address from X-Forwarded-For, HTTPS from X-Forwarded-Proto (KEHU_TRUST_PROXY=1)',
      ),
    )
    .option(
      '--demo-if-empty',
      say(
        io,
        '全新数据库时先创建演示账套，以及每个内置角色一个用户（密码只在此时显示一次）',
        'on a brand-new database, create the demo tenant first, with a user for each built-in role (passwords shown once, then)',
      ),
    )
    .option(
      '--read-workers <n>',
      say(
        io,
        '执行耗时查询（客户搜索、汇总、编码检查）的后台线程数（KEHU_READ_WORKERS，默认 2；0 表示不用）',
        'threads for long reads: customer search, summary, code audit (KEHU_READ_WORKERS, default 2; 0 for none)',
      ),
    )
    .option(
      '--request-timeout <seconds>',
      say(
        io,
        '每个请求的时限（秒），超时返回 503（KEHU_REQUEST_TIMEOUT，默认 30）',
        'time budget of each request in seconds; past it the answer is 503 (KEHU_REQUEST_TIMEOUT, default 30)',
      ),
    )
    .option(
      '--max-upload <MB>',
      say(
        io,
        '上传（导入）文件的大小上限，兆字节，超过时返回 413（KEHU_MAX_UPLOAD，默认 256）',
        'largest file an upload (import) may send, in megabytes; larger ones get 413 (KEHU_MAX_UPLOAD, default 256)',
      ),
    )
    .action(
      async (
        opts: {
          port?: string
          host?: string
          allowedHost?: string[]
          demoIfEmpty?: boolean
          readWorkers?: string
          requestTimeout?: string
          maxUpload?: string
          trustProxy?: boolean
        },
        cmd: Command,
      ) => {
        const s = resolveSettings({ ...cmd.optsWithGlobals(), ...opts })
        if (!Number.isInteger(s.port) || s.port < 0 || s.port > 65535)
          throw new AppError(
            'invalid',
            'CONFIG_PORT',
            text(`端口无效：${opts.port ?? process.env.PORT}`, `Invalid port: ${opts.port ?? process.env.PORT}`),
          )
        if (!Number.isInteger(s.readWorkers) || s.readWorkers < 0)
          throw new AppError(
            'invalid',
            'CONFIG_READ_WORKERS',
            text(
              `后台查询线程数应为不小于 0 的整数，而不是 ${opts.readWorkers ?? process.env.KEHU_READ_WORKERS}`,
              `The number of read threads must be a whole number of at least 0, not ${opts.readWorkers ?? process.env.KEHU_READ_WORKERS}`,
            ),
          )
        if (!(s.requestTimeout > 0))
          throw new AppError(
            'invalid',
            'CONFIG_REQUEST_TIMEOUT',
            text(
              `请求时限应为大于 0 的秒数，而不是 ${opts.requestTimeout ?? process.env.KEHU_REQUEST_TIMEOUT}`,
              `The request time budget must be a number of seconds above 0, not ${opts.requestTimeout ?? process.env.KEHU_REQUEST_TIMEOUT}`,
            ),
          )
        if (!(s.maxUploadMb > 0))
          throw new AppError(
            'invalid',
            'CONFIG_MAX_UPLOAD',
            text(
              `上传文件大小上限应为大于 0 的兆字节数，而不是 ${opts.maxUpload ?? process.env.KEHU_MAX_UPLOAD}`,
              `The upload size limit must be a number of megabytes above 0, not ${opts.maxUpload ?? process.env.KEHU_MAX_UPLOAD}`,
            ),
          )
        const server = await serve({
          port: s.port,
          host: s.host,
          allowedHosts: s.allowedHosts,
          dataDir: s.dataDir,
          databaseUrl: s.databaseUrl,
          demoIfEmpty: opts.demoIfEmpty ?? false,
          demoUsers: opts.demoIfEmpty ?? false,
          readWorkers: s.readWorkers,
          requestTimeout: s.requestTimeout,
          maxUploadBytes: Math.floor(s.maxUploadMb * 1024 * 1024),
          trustProxy: opts.trustProxy ?? process.env.KEHU_TRUST_PROXY === '1',
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
