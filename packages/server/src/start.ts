import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { AppError, text } from '@kehu/core'
import { type AppOptions, createApp } from './app.js'
import type { ServerContext } from './context.js'

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

/** Until sign-in lands, kehu listens on loopback only (docs/decisions). */
export function assertLoopback(host: string) {
  if (!LOOPBACK.test(host))
    throw new AppError(
      'invalid',
      'HOST_NOT_LOOPBACK',
      text(
        `在登录功能上线之前，kehu 只监听本机地址（127.0.0.1、localhost、::1），拒绝 ${host}`,
        `Until sign-in lands kehu listens on loopback only (127.0.0.1, localhost, ::1); refusing ${host}`,
      ),
    )
}

/** Starts the HTTP server; a port in use is one clear error, not a stack trace. */
export function startServer(ctx: ServerContext, options: StartOptions): Promise<RunningServer> {
  assertLoopback(options.host)
  const app = createApp(ctx, options)
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host })
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
