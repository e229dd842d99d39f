import { defaultTenant, resolveTenant } from '@kehu/app'
import type { Tenant } from '@kehu/core'
import type { Command } from 'commander'
import { cliActorLabel, openRuntime, type Runtime } from './runtime.js'
import { resolveSettings } from './settings.js'

/** Opens the database named by the global options, runs `fn`, and closes it again. */
export async function withRuntime<T>(cmd: Command, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const o = cmd.optsWithGlobals() as { data?: string; databaseUrl?: string; lang?: string; as?: string }
  const s = resolveSettings(o)
  const rt = await openRuntime({
    dataDir: s.dataDir,
    databaseUrl: s.databaseUrl,
    actorLabel: cliActorLabel(),
    lang: s.lang,
    as: o.as,
    // The permissions of --as are those of the tenant the command acts on; none yet is no tenant.
    asTenant: (r) =>
      tenantOf(cmd, r).then(
        (t) => t.code,
        () => undefined,
      ),
  })
  try {
    return await fn(rt)
  } finally {
    await rt.close()
  }
}

/** The tenant of `--tenant`, else the only or the default one. */
export async function tenantOf(cmd: Command, rt: Pick<Runtime, 'deps'>): Promise<Tenant> {
  const code = (cmd.optsWithGlobals() as { tenant?: string }).tenant
  return rt.deps.store.read((tx) => (code ? resolveTenant(tx, code) : defaultTenant(tx)))
}
