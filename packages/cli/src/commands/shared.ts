import { parseInput, text } from '@kehu/core'
import type { Command } from 'commander'
import type { z } from 'zod'
import { type Io, say } from '../io.js'
import type { Runtime } from '../runtime.js'
import { tenantOf, withRuntime } from '../runtime-command.js'

export const jsonOpt = (io: Io) => ['--json', say(io, '输出 JSON', 'print JSON')] as const

/** Runs `fn` with the runtime and the tenant code of `--tenant` (or the default tenant). */
export const inTenant = <T>(cmd: Command, fn: (rt: Runtime, tenant: string) => Promise<T>) =>
  withRuntime(cmd, async (rt) => fn(rt, (await tenantOf(cmd, rt)).code))

/**
 * Flags checked by the API's own input schema, so a bad value is refused (exit 2) with the same field issue the
 * API gives, named in the user's words, before a database is opened.
 */
export const parseOptions = <S extends z.ZodType>(schema: S, raw: unknown): z.output<S> =>
  parseInput(schema, raw, 'CLI_OPTIONS_INVALID', text('选项有误', 'Invalid options'))

/** A number flag as the schema should see it: a number when it reads as one, else the text for the schema to refuse. */
export const numberFlag = (s: string): number | string =>
  s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s
