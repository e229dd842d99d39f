// The CLI leak walk (issue 16, "It shows"; docs/decisions/0027-data-scopes.md), the twin of the server's: a 业务员
// restricted to class subtree 01, without customer:sensitive, runs every command of the commander program with
// `--as` — a command this table does not cover fails the test — and never gets a customer outside 01, a count
// that includes one, or an unmasked sensitive value, in plain output, --json output or an error.

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createCustomer,
  createNode,
  createTenant,
  createUser,
  type Deps,
  ensureLocalAdmin,
  findCustomers,
  forTenant,
  setMember,
} from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import type { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from './io.js'
import { buildProgram, runCli } from './program.js'

/** Commands that never read or change a customer of a tenant; the server's walk covers what `serve` serves. */
const NO_CUSTOMERS = new Set(['serve', 'migrate'])

const bufferIo = (stdin = ''): Io & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: (s) => stdout.push(s),
    err: (s) => stderr.push(s),
    lang: 'zh-CN',
    readStdin: async () => stdin,
  }
}

/** Every leaf command of the program, as its words (`class rule add`), with whether it takes --json. */
const leafCommands = (): Map<string, boolean> => {
  const all = new Map<string, boolean>()
  const walk = (cmd: Command, path: string[]) => {
    for (const c of cmd.commands) {
      const words = [...path, c.name()]
      if (c.commands.length === 0)
        all.set(
          words.join(' '),
          c.options.some((o) => o.long === '--json'),
        )
      walk(c, words)
    }
  }
  walk(buildProgram(bufferIo()), [])
  return all
}

describe.each(testKinds())('CLI leak walk on %s', (kind) => {
  let db: TestDb
  let deps: Deps
  let where: string[] = []
  const tenant = `leak${Math.random().toString(36).slice(2, 6)}`
  const hidden = {
    name: '乙隐秘贸易有限公司',
    phone: '13912345678',
    uscc: '91350100M000100Y43',
    email: 'yin@hidden.example',
  }
  const shown = {
    name: '甲公开科技有限公司',
    phone: '13812345678',
    uscc: '91310000MA1FL4B24G',
    email: 'jia@shown.example',
  }
  const SHOWN_TAX = '110105999988887777'
  const SHOWN_BANK = '6222020200112233445'
  let hiddenCode = ''
  let hiddenId = ''
  let shownCode = ''

  beforeAll(async () => {
    db = await createTestDb(kind)
    const { databaseUrl, dataDir } = db.config
    where = databaseUrl ? ['--database-url', databaseUrl] : ['--data', dataDir as string]
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const base = { deps, actor: await ensureLocalAdmin(deps, 'test'), lang: 'zh-CN' as const }
    await createTenant(base, { code: tenant, name: '泄漏检查', isDefault: true })
    const admin = forTenant(base, tenant)
    const ids: Record<string, string> = {}
    for (const [code, parentCode] of [
      ['01', undefined],
      ['01001', '01'],
      ['010010001', '01001'],
      ['02', undefined],
      ['02001', '02'],
      ['020010001', '02001'],
    ] as const)
      ids[code] = (
        await createNode(admin, 'class', { code, name: `分类${code}`, ...(parentCode ? { parentCode } : {}) })
      ).id
    const h = await createCustomer(admin, { ...hidden, class: '020010001' })
    hiddenCode = h.customer.code
    hiddenId = h.customer.id
    const s = await createCustomer(admin, {
      ...shown,
      taxNumber: SHOWN_TAX,
      bankAccount: SHOWN_BANK,
      creditLimit: 1234567.89,
      class: '010010001',
    } as never)
    shownCode = s.customer.code
    await createUser(base, { login: 'walker', password: 'correct horse battery' })
    await setMember(admin, 'walker', {
      roles: ['业务员'],
      scopes: [{ kind: 'node', nodeId: ids['01'] as string, subtree: true }],
    })
  })
  afterAll(() => db?.dispose())

  const run = async (args: string[], stdin = '') => {
    const io = bufferIo(stdin)
    const code = await runCli([...where, '--as', 'walker', '--tenant', tenant, ...args], io)
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }

  const H = () => hiddenCode
  /**
   * One or more argument lists per command (after its words); `exit` when it matters (3: not found for a hidden
   * customer). The walk adds `--json` to a second run of each call when the command takes it.
   */
  const CALLS: Record<string, () => Array<{ args: string[]; exit?: number; stdin?: string }>> = {
    demo: () => [{ args: ['--customers', '2'] }],
    'tenant create': () => [{ args: ['leak2', '另一账套'] }],
    'tenant list': () => [{ args: [] }],
    'customer create': () => [
      { args: ['--name', '界外新公司', '--class', '020010001'] },
      { args: ['--name', '挂靠公司', '--class', '010010001', '--set', `headOffice=${H()}`] },
      { args: ['--name', '预览公司', '--class', '010010001', '--dry-run'] },
    ],
    'customer get': () => [
      { args: [H()], exit: 3 },
      { args: [hiddenId], exit: 3 },
      { args: [shownCode], exit: 0 },
    ],
    'customer list': () => [
      { args: [] },
      { args: ['--q', '乙隐秘'] },
      { args: ['--q', hidden.phone] },
      { args: ['--q', H()] },
      { args: ['--class', '02'] },
    ],
    'customer update': () => [{ args: [H(), '--set', 'remarks=x'], exit: 3 }],
    'customer disable': () => [{ args: [H()], exit: 3 }],
    'customer enable': () => [{ args: [H()], exit: 3 }],
    'customer archive': () => [{ args: [H()] }],
    'customer restore': () => [{ args: [H()] }],
    'customer delete': () => [{ args: [H(), '--yes'] }],
    'customer history': () => [
      { args: [H()], exit: 3 },
      { args: [shownCode], exit: 0 },
    ],
    'code check': () => [{ args: ['LW{serial:4}'] }],
    // A sample code equal to a hidden customer's is marked taken (codes are unique in the tenant, ADR 0027).
    'code preview': () => [{ args: ['LW{serial:4}', '--count', '3'] }],
    'code audit': () => [{ args: [] }, { args: ['--fix'] }],
    'code capacity': () => [{ args: [] }],
    'job list': () => [{ args: [] }],
    'job show': () => [{ args: ['x'], exit: 3 }],
    'job cancel': () => [{ args: ['x'], exit: 3 }],
    'code find': () => [{ args: [H()], exit: 3 }],
    'code recode': () => [{ args: [H(), '--reallocate'], exit: 3 }],
    'code rule create': () => [{ args: ['x', '{serial:3}'] }],
    'code rule update': () => [{ args: ['x', '--name', 'y'] }],
    'code rule list': () => [{ args: [] }],
    'code rule delete': () => [{ args: ['x'] }],
    'code map set': () => [{ args: ['x', '--entries', 'a=b'] }],
    'code map list': () => [{ args: [] }],
    'dimension list': () => [{ args: [] }],
    'dimension create': () => [{ args: ['X', 'x'] }],
    'dimension update': () => [{ args: ['X', '--name', 'y'] }],
    'dimension delete': () => [{ args: ['X'] }],
    'dimension attr add': () => [{ args: ['X', 'A', 'a'] }],
    'dimension attr update': () => [{ args: ['A', '--name', 'b'] }],
    'dimension attr preview': () => [{ args: ['A', '--required'] }],
    'dimension attr delete': () => [{ args: ['A', '--force'] }],
    'dimension attr incomplete': () => [{ args: ['A'] }],
    'dimension attr fill': () => [{ args: ['A', 'x', '--dry-run'] }],
    'class schemes': () => [{ args: [] }],
    'class tree': () => [{ args: ['class'] }, { args: ['region'] }],
    'class add': () => [{ args: ['class', '03', 'x'] }],
    'class rename': () => [{ args: ['class', '020010001', 'x'] }],
    'class disable': () => [{ args: ['class', '020010001'] }],
    'class enable': () => [{ args: ['class', '020010001'] }],
    'class defaults': () => [{ args: ['class', '020010001', '--service-level', 'A'] }],
    'class move': () => [{ args: ['class', '02001', '--to', '01'] }],
    'class merge': () => [{ args: ['class', '020010001', '--into', '010010001'] }],
    'class delete': () => [{ args: ['class', '020010001'] }],
    'class scheme create': () => [{ args: ['X', 'x'] }],
    'class scheme update': () => [{ args: ['class', '--name', 'x'] }],
    'class assign': () => [
      { args: ['class', '010010001', '--customers', H()] },
      { args: ['class', '010010001', '--customers', H(), '--yes'] },
      { args: ['class', '010010001', '--filter', '{"all":[]}'] },
    ],
    'class rule add': () => [{ args: ['class', 'x', '--node', '010010001', '--when', '{"all":[]}'] }],
    'class rule list': () => [{ args: ['class'] }],
    'class rule delete': () => [{ args: ['class', 'x'] }],
    'class reclassify': () => [{ args: ['class'] }],
    'user create': () => [{ args: ['nobody', '--password-stdin'], stdin: 'correct horse battery\n' }],
    'user list': () => [{ args: [] }],
    'user update': () => [{ args: ['walker', '--admin'] }],
    'user disable': () => [{ args: ['nobody'] }],
    'user passwd': () => [{ args: ['nobody'], stdin: 'another long password\n' }],
    'user grant': () => [{ args: ['walker', '--role', '管理员'] }],
    'user revoke': () => [{ args: ['walker', '--role', '业务员'] }],
    'user scopes': () => [{ args: ['walker'] }, { args: ['walker', '--clear'] }],
    'user unlock': () => [{ args: ['walker'] }],
    'role permissions': () => [{ args: [] }],
    'role list': () => [{ args: [] }],
    'role create': () => [{ args: ['x', '--permission', 'customer:read'] }],
    'role update': () => [{ args: ['sales', '--name', 'x'] }],
    'role delete': () => [{ args: ['sales'] }],
    'token create': () => [{ args: ['walk', '--user', 'walker'] }],
    'token list': () => [{ args: [] }],
    'token revoke': () => [{ args: ['none'] }],
    'session list': () => [{ args: [] }],
    'session revoke': () => [{ args: ['none'] }],
    'audit list': () => [{ args: [] }, { args: ['--customer', H()] }],
    // 业务员 may not export (the export's scopes and masks: app/src/transfer/export-customers.test.ts)
    export: () => [{ args: ['-o', '-'], exit: 5 }],
    // a file naming the hidden customer: the import may refuse the row, never say who holds the name
    import: () => {
      const file = join(mkdtempSync(join(tmpdir(), 'kehu-walk-')), 'walk.csv')
      writeFileSync(file, `客户名称,备注\n${hidden.name},x\n走查新客户,y\n`)
      return [{ args: [file, '--dry-run'] }, { args: [file, '--mode', 'upsert', '--key', 'name'] }]
    },
  }

  /** A code as a word of its own: `00001` is not in `000012`. */
  const hasCode = (text: string, code: string) =>
    new RegExp(`(^|[^0-9A-Za-z])${code.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}([^0-9A-Za-z]|$)`).test(text)

  it('covers every command of the program and never shows a hidden customer, a count with one, or a sensitive value', async () => {
    const commands = leafCommands()
    expect([...commands.keys()].filter((c) => !NO_CUSTOMERS.has(c) && !(c in CALLS))).toEqual([])
    const problems: string[] = []
    const secrets = [
      hidden.name,
      hiddenId,
      hidden.phone,
      hidden.uscc,
      hidden.email,
      shown.phone,
      shown.uscc,
      shown.email,
      SHOWN_TAX,
      SHOWN_BANK,
      '1234567.89',
      '123456789',
    ]
    for (const [command, json] of commands) {
      for (const call of CALLS[command]?.() ?? []) {
        for (const asJson of json ? [false, true] : [false]) {
          const args = [...command.split(' '), ...call.args, ...(asJson ? ['--json'] : [])]
          const r = await run(args, call.stdin)
          const said = args.join(' ')
          const where = `kehu ${said} → ${r.code}`
          const text = `${r.out}\n${r.err}`
          if (call.exit !== undefined && r.code !== call.exit) problems.push(`${where}: expected exit ${call.exit}`)
          if (/内部错误|Internal error|"INTERNAL"/.test(text)) problems.push(`${where}: ${text.slice(0, 200)}`)
          for (const s of secrets) if (!said.includes(s) && text.includes(s)) problems.push(`${where}: shows ${s}`)
          if (!said.includes(hiddenCode) && hasCode(text, hiddenCode)) problems.push(`${where}: shows ${hiddenCode}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('counts only the visible customers: the list total and the class tree', async () => {
    const admin = forTenant({ deps, actor: await ensureLocalAdmin(deps, 'test'), lang: 'zh-CN' }, tenant)
    const visible = (await findCustomers(admin, { limit: 500 })).items.filter((v) =>
      v.nodes.class?.code.startsWith('01'),
    ).length
    expect(visible).toBeGreaterThan(0)
    expect((await findCustomers(admin, {})).total).toBeGreaterThan(visible)
    const json = async (args: string[]) => {
      const r = await run([...args, '--json'])
      expect(r.code).toBe(0)
      return JSON.parse(r.out)
    }
    expect((await json(['customer', 'list'])).total).toBe(visible)
    const tree = (await json(['class', 'tree', 'class'])) as { nodes: { code: string; customerCount: number }[] }
    expect(tree.nodes.every((n) => n.code.startsWith('01'))).toBe(true)
    expect(tree.nodes.reduce((s, n) => s + n.customerCount, 0)).toBe(visible)
  })
})
