import type { UserView } from '@kehu/app'
import { AppError, text } from '@kehu/core'
import { type Io, say, table } from '../../io.js'

/** The password piped in (`--password-stdin`): the first line, without its line end; never a flag (shell history). */
export async function readPassword(io: Io): Promise<string> {
  const all = io.readStdin ? await io.readStdin() : ''
  const password = all.split(/\r?\n/)[0] ?? ''
  if (!password)
    throw new AppError(
      'invalid',
      'CLI_PASSWORD_MISSING',
      text('--password-stdin：标准输入中没有密码', '--password-stdin: there is no password on standard input'),
    )
  return password
}

export const passwordStdinOpt = (io: Io) =>
  [
    '--password-stdin',
    say(io, '从标准输入读取密码（第一行）', 'read the password from standard input (first line)'),
  ] as const

const row = (io: Io, u: UserView) => ({
  login: u.login,
  name: u.displayName,
  admin: u.isAdmin ? '*' : '',
  enabled: u.enabled ? say(io, '是', 'yes') : say(io, '否', 'no'),
  password: u.hasPassword ? say(io, '有', 'set') : say(io, '无', 'none'),
  roles: u.roles.map((r) => `${r.tenant}:${r.role}`).join(' '),
})

/** Users as a table, or JSON. */
export function printUsers(io: Io, users: UserView[], json: boolean | undefined) {
  if (json) return io.out(JSON.stringify(users, null, 2))
  io.out(
    table(
      users.map((u) => row(io, u)),
      ['login', 'name', 'admin', 'enabled', 'password', 'roles'],
    ),
  )
}
