import { isAbsolute, resolve } from 'node:path'
import type { Lang } from '@kehu/core'

/** Settings, each from a flag or its variable (docs/decisions). */
export interface Settings {
  port: number
  host: string
  /** Host names the server answers for besides the loopback ones (a proxy's name, a LAN name). */
  allowedHosts: string[]
  dataDir: string
  databaseUrl: string | undefined
  lang: Lang
  /** Worker threads for the long reads; 0 runs them on the event loop (ADR 0022). */
  readWorkers: number
  /** Each request's time budget in seconds. */
  requestTimeout: number
  /** The largest file an upload may send, in megabytes. */
  maxUploadMb: number
}

export interface SettingFlags {
  port?: string
  host?: string
  allowedHost?: string[]
  data?: string
  databaseUrl?: string
  lang?: string
  readWorkers?: string
  requestTimeout?: string
  maxUpload?: string
}

// Under `npm start` the working folder is the package's; INIT_CWD is where the user started.
const startDir = () => process.env.INIT_CWD || process.cwd()

export function langFrom(value: string | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

export function resolveSettings(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const data = flags.data ?? env.KEHU_DATA_DIR ?? './data'
  return {
    port: Number(flags.port ?? env.PORT ?? 3000),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    allowedHosts: (flags.allowedHost ?? env.KEHU_ALLOWED_HOSTS?.split(',') ?? []).map((h) => h.trim()).filter(Boolean),
    dataDir: isAbsolute(data) ? data : resolve(startDir(), data),
    databaseUrl: flags.databaseUrl ?? env.DATABASE_URL ?? undefined,
    lang: langFrom(flags.lang ?? env.KEHU_LANG),
    readWorkers: Number(flags.readWorkers ?? env.KEHU_READ_WORKERS ?? 2),
    requestTimeout: Number(flags.requestTimeout ?? env.KEHU_REQUEST_TIMEOUT ?? 30),
    maxUploadMb: Number(flags.maxUpload ?? env.KEHU_MAX_UPLOAD ?? 256),
  }
}
