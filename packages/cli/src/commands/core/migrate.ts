import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { cliActorLabel, openRuntime } from '../../runtime.js'
import { resolveSettings } from '../../settings.js'

export function registerMigrate(parent: Command, io: Io) {
  parent
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
}
