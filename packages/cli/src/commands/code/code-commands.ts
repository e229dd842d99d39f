import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerAudit } from './audit.js'
import { registerCapacity } from './capacity.js'
import { registerCheck } from './check.js'
import { registerFind } from './find.js'
import { registerMapList } from './map-list.js'
import { registerMapSet } from './map-set.js'
import { registerPreview } from './preview.js'
import { registerRecode } from './recode.js'
import { registerRuleCreate } from './rule-create.js'
import { registerRuleDelete } from './rule-delete.js'
import { registerRuleList } from './rule-list.js'
import { registerRuleUpdate } from './rule-update.js'

/** `kehu code …`: check, preview, audit, capacity, rules, map tables, re-code. */
export function registerCodeCommands(program: Command, io: Io) {
  const code = program.command('code').description(say(io, '编码规则与客户编码', 'code rules and customer codes'))
  registerCheck(code, io)
  registerPreview(code, io)
  registerAudit(code, io)
  registerCapacity(code, io)
  registerFind(code, io)
  registerRecode(code, io)
  const rule = code
    .command('rule')
    .description(say(io, '编码规则的增删改查', 'create, list, change and delete code rules'))
  registerRuleCreate(rule, io)
  registerRuleUpdate(rule, io)
  registerRuleList(rule, io)
  registerRuleDelete(rule, io)
  const map = code
    .command('map')
    .description(say(io, '对照表（值 → 简码，如 北京 → BJ）', 'map tables (value → short code, e.g. 北京 → BJ)'))
  registerMapSet(map, io)
  registerMapList(map, io)
}
