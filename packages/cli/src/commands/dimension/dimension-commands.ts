import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerAttrAdd } from './attr-add.js'
import { registerAttrDelete } from './attr-delete.js'
import { registerAttrFill } from './attr-fill.js'
import { registerAttrIncomplete } from './attr-incomplete.js'
import { registerAttrPreview } from './attr-preview.js'
import { registerAttrUpdate } from './attr-update.js'
import { registerCreate } from './create.js'
import { registerDelete } from './delete.js'
import { registerList } from './list.js'
import { registerUpdate } from './update.js'

/** `kehu dimension …`: management dimensions (管理维度) and their attributes. */
export function registerDimensionCommands(program: Command, io: Io) {
  const dim = program
    .command('dimension')
    .description(say(io, '管理维度与维度属性', 'management dimensions and their attributes'))
  registerList(dim, io)
  registerCreate(dim, io)
  registerUpdate(dim, io)
  registerDelete(dim, io)
  const attr = dim.command('attr').description(say(io, '维度属性', 'dimension attributes'))
  registerAttrAdd(attr, io)
  registerAttrUpdate(attr, io)
  registerAttrPreview(attr, io)
  registerAttrDelete(attr, io)
  registerAttrIncomplete(attr, io)
  registerAttrFill(attr, io)
}
