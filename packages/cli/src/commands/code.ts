import type { Command } from 'commander'
import type { Io } from '../io.js'

/** `kehu code …`: check, preview, audit, capacity (added with the code-rule slice). */
export function registerCodeCommands(_program: Command, _io: Io) {}
