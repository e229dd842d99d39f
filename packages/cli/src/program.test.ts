import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Io } from './io.js'
import { buildProgram, runCli } from './program.js'

function bufferIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (s) => stdout.push(s), err: (s) => stderr.push(s), lang: 'zh-CN' }
}

const dirs: string[] = []
const tempData = () => {
  const d = mkdtempSync(join(tmpdir(), 'kehu-cli-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('kehu CLI', () => {
  it('has --help on every command', async () => {
    const program = buildProgram(bufferIo())
    const all: string[][] = []
    const walk = (cmd: typeof program, path: string[]) => {
      for (const c of cmd.commands) {
        all.push([...path, c.name()])
        walk(c, [...path, c.name()])
      }
    }
    walk(program, [])
    expect(all.length).toBeGreaterThan(4)
    for (const argv of all) {
      const io = bufferIo()
      expect(await runCli([...argv, '--help'], io)).toBe(0)
      expect(io.stdout.join('')).toContain('Usage')
    }
  })

  it('creates and lists tenants, with a clear error and exit code for a duplicate', async () => {
    const data = tempData()
    const io = bufferIo()
    expect(await runCli(['--data', data, 'tenant', 'create', 'acme', '顶点公司', '--default'], io)).toBe(0)
    expect(io.stdout.join('')).toContain('已创建账套 acme')
    const list = bufferIo()
    expect(await runCli(['--data', data, 'tenant', 'list', '--json'], list)).toBe(0)
    expect(JSON.parse(list.stdout.join(''))).toEqual([expect.objectContaining({ code: 'acme', isDefault: true })])
    const dup = bufferIo()
    expect(await runCli(['--data', data, '--lang', 'en', 'tenant', 'create', 'acme', 'X'], dup)).toBe(4)
    expect(dup.stderr.join('')).toBe('Error [TENANT_EXISTS]: Tenant acme already exists')
  })

  it('refuses bad configuration with one message and a non-zero exit', async () => {
    const unwritable = bufferIo()
    expect(await runCli(['--data', '/etc/passwd/kehu', 'migrate'], unwritable)).toBe(8)
    expect(unwritable.stderr.join('')).toContain('DATA_DIR_UNWRITABLE')
    expect(unwritable.stderr.join('')).not.toContain('    at ')
    // a pseudo file system where Node's recursive mkdir never returns
    const pseudo = bufferIo()
    expect(await runCli(['--data', '/proc/kehu-data/db', 'migrate'], pseudo)).toBe(8)
    expect(pseudo.stderr.join('')).toContain('DATA_DIR_UNWRITABLE')
    const unreachable = bufferIo()
    expect(await runCli(['--database-url', 'postgres://nobody@127.0.0.1:1/x', 'migrate'], unreachable)).toBe(8)
    expect(unreachable.stderr.join('')).toContain('DATABASE_UNREACHABLE')
    const notPg = bufferIo()
    expect(await runCli(['--database-url', 'mysql://x', 'migrate'], notPg)).toBe(2)
    const host = bufferIo()
    expect(await runCli(['--data', tempData(), 'serve', '--host', '0.0.0.0'], host)).toBe(2)
    expect(host.stderr.join('')).toContain('HOST_NOT_LOOPBACK')
  })

  it('reports a port in use instead of crashing', async () => {
    const { createServer } = await import('node:net')
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    const io = bufferIo()
    try {
      expect(await runCli(['--data', tempData(), 'serve', '--port', String(port)], io)).toBe(8)
      expect(io.stderr.join('')).toContain('PORT_IN_USE')
    } finally {
      blocker.close()
    }
  })

  it('migrates, and says so when already up to date', async () => {
    const data = tempData()
    const first = bufferIo()
    expect(await runCli(['--data', data, 'migrate'], first)).toBe(0)
    expect(first.stdout.join('')).toContain('0001-base')
    const again = bufferIo()
    expect(await runCli(['--data', data, '--lang', 'en', 'migrate'], again)).toBe(0)
    expect(again.stdout.join('')).toContain('up to date')
  })
})
