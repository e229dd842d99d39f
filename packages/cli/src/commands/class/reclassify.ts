import { applyReclassify, previewReclassify } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerReclassify(parent: Command, io: Io) {
  parent
    .command('reclassify <scheme>')
    .description(
      say(
        io,
        '按自动分类规则重新分类：先预览谁从哪到哪，加 --yes 执行',
        're-classify by the rules: previews who moves where, --yes applies',
      ),
    )
    .option('--yes', say(io, '执行（否则只预览）', 'apply (otherwise only preview)'))
    .option(...jsonOpt(io))
    .action(async (schemeCode: string, o: { yes?: boolean; json?: boolean }, cmd: Command) => {
      const r = await inTenant(cmd, (rt, t) =>
        o.yes ? applyReclassify(rt.ctx(t), schemeCode) : previewReclassify(rt.ctx(t), schemeCode),
      )
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        table(
          r.transitions.map((x) => ({ ...x, from: x.from ?? '—' })),
          ['from', 'to', 'count'],
        ),
      )
      if (r.skippedRules.length > 0)
        io.out(
          say(
            io,
            `跳过的规则（目标分类已停用或非末级）：${r.skippedRules.join('、')}`,
            `Skipped rules (target disabled or not a leaf): ${r.skippedRules.join(', ')}`,
          ),
        )
      io.out(
        'moved' in r
          ? say(io, `已重新分类 ${r.moved} 个客户`, `Re-classified ${r.moved} customers`)
          : say(
              io,
              `预览：${r.count} 个客户将调整分类。加 --yes 执行`,
              `Preview: ${r.count} customers would move. Add --yes to apply`,
            ),
      )
    })
}
