import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerAdd } from './add.js'
import { registerAssign } from './assign.js'
import { registerDefaults } from './defaults.js'
import { registerDelete } from './delete.js'
import { registerEnableDisable } from './enable-disable.js'
import { registerMerge } from './merge.js'
import { registerMove } from './move.js'
import { registerReclassify } from './reclassify.js'
import { registerRename } from './rename.js'
import { registerRuleAdd } from './rule-add.js'
import { registerRuleDelete } from './rule-delete.js'
import { registerRuleList } from './rule-list.js'
import { registerSchemeCreate } from './scheme-create.js'
import { registerSchemeUpdate } from './scheme-update.js'
import { registerSchemes } from './schemes.js'
import { registerTree } from './tree.js'

/** `kehu class …`: schemes, trees, moves, merges, batch assignment, automatic rules. */
export function registerClassCommands(program: Command, io: Io) {
  const cls = program
    .command('class')
    .description(say(io, '客户分类：分类体系、分类树与自动分类', 'classes: schemes, trees, automatic rules'))
  registerSchemes(cls, io)
  registerTree(cls, io)
  registerAdd(cls, io)
  registerRename(cls, io)
  registerEnableDisable(cls, io)
  registerDefaults(cls, io)
  registerMove(cls, io)
  registerMerge(cls, io)
  registerDelete(cls, io)
  const scheme = cls.command('scheme').description(say(io, '分类体系管理', 'classification schemes'))
  registerSchemeCreate(scheme, io)
  registerSchemeUpdate(scheme, io)
  registerAssign(cls, io)
  const rule = cls.command('rule').description(say(io, '自动分类规则', 'automatic classification rules'))
  registerRuleAdd(rule, io)
  registerRuleList(rule, io)
  registerRuleDelete(rule, io)
  registerReclassify(cls, io)
}
