import type { Command } from 'commander'
import type { Io } from '../../io.js'
import { registerExport } from './export.js'

/** Import and export (issue 17): `kehu export`. */
export function registerTransferCommands(program: Command, io: Io) {
  registerExport(program, io)
}
