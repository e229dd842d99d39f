import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { signInInForce } from '@kehu/app'
import { AppError, text } from '@kehu/core'
import { type AppOptions, createApp } from './app.js'
import type { ServerContext } from './context.js'
import { HttpError, toProblem } from './problem.js'

export interface StartOptions extends AppOptions {
  port: number
  host: string
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/

/**
 * Until a user has a password, everyone on loopback is the administrator, so kehu listens there only
 * (docs/decisions/0023-identity-sign-in-and-sessions.md).
 */
export async function assertMayListen(ctx: ServerContext, host: string) {
  if (LOOPBACK.test(host) || (await signInInForce(ctx.deps))) return
  throw new AppError(
    'invalid',
    'HOST_NOT_LOOPBACK',
    text(
      `还没有设置密码的用户，kehu 只监听本机地址（127.0.0.1、localhost、::1），拒绝 ${host}：先运行 kehu user create 登录名 --admin --password-stdin`,
      `No user has a password yet, so kehu listens on loopback only (127.0.0.1, localhost, ::1); refusing ${host}: first run kehu user create LOGIN --admin --password-stdin`,
    ),
  )
}

/** Starts the HTTP server; a port in use is one clear error, not a stack trace. */
export async function startServer(ctx: ServerContext, options: StartOptions): Promise<RunningServer> {
  await assertMayListen(ctx, options.host)
  const app = createApp(ctx, { ...options, allowedHosts: [options.host, ...(options.allowedHosts ?? [])] })
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host })
    answerUnparsable(server as Server)
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new AppError(
              'unavailable',
              'PORT_IN_USE',
              text(
                `端口 ${options.port} 已被占用：请用 --port 或 PORT 换一个端口`,
                `Port ${options.port} is already in use: choose another with --port or PORT`,
              ),
            )
          : new AppError(
              'unavailable',
              'SERVER_START_FAILED',
              text(`服务器无法启动：${e.message}`, `The server cannot start: ${e.message}`),
            ),
      )
    })
    server.once('listening', () => {
      const port = (server.address() as AddressInfo).port
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host
      resolve({
        url: `http://${shown}:${port}`,
        port,
        close: () =>
          new Promise<void>((res) => {
            ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
            server.close(() => res())
          }),
      })
    })
  })
}

/**
 * Requests Node refuses before kehu sees them (headers or URL over its 16 KB limit, broken HTTP) get a
 * problem+json answer too, instead of a bare status line.
 */
function answerUnparsable(server: Server) {
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy()
      return
    }
    const overflow = err.code === 'HPE_HEADER_OVERFLOW'
    const error = overflow
      ? new HttpError(
          431,
          'too-large',
          'REQUEST_HEADERS_TOO_LARGE',
          text('请求头或网址过长（合计最多 16 KB）', 'The request headers or URL are too long (16 KB in all)'),
        )
      : new AppError('invalid', 'REQUEST_UNPARSABLE', text('无法解析的 HTTP 请求', 'The HTTP request cannot be parsed'))
    const body = JSON.stringify(toProblem(error, 'zh-CN', '-'))
    const reason = overflow ? 'Request Header Fields Too Large' : 'Bad Request'
    socket.end(
      `HTTP/1.1 ${overflow ? 431 : 400} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  })
}
