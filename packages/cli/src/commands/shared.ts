import type { Command } from 'commander'
import { type Io, say } from '../io.js'
import type { Runtime } from '../runtime.js'
import { tenantOf, withRuntime } from '../runtime-command.js'

export const jsonOpt = (io: Io) => ['--json', say(io, '输出 JSON', 'print JSON')] as const

/** Runs `fn` with the runtime and the tenant code of `--tenant` (or the default tenant). */
export const inTenant = <T>(cmd: Command, fn: (rt: Runtime, tenant: string) => Promise<T>) =>
  withRuntime(cmd, async (rt) => fn(rt, (await tenantOf(cmd, rt)).code))
