import { createTenant, type Deps, ensureLocalAdmin, forTenant, resolveTenant } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { aCustomer, createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'

describe.each(testKinds())('class routes on %s', (kind) => {
  let db: TestDb
  let deps: Deps
  let app: KehuApp
  const tenant = `cls${Math.random().toString(36).slice(2, 7)}`
  beforeAll(async () => {
    db = await createTestDb(kind)
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps, 'test')
    const ctx = forTenant({ deps, actor, lang: 'zh-CN' }, tenant)
    await createTenant(ctx, { code: tenant, name: '分类路由' })
    app = createApp({ deps, actor, version: 'test', database: kind })
  })
  afterAll(() => db?.dispose())

  const call = (method: string, path: string, body?: unknown, lang = 'zh-CN') =>
    app.request(`/api/t/${tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  const problem = async (r: Response, status: number, code: string) => {
    expect(r.status).toBe(status)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const p = (await r.json()) as { code: string; detail: string; issues?: { code: string; message: string }[] }
    expect(p.code).toBe(code)
    return p
  }

  it('builds a tree, moves a subtree with a preview, and lists aliases', async () => {
    expect((await call('POST', '/schemes/class/nodes', { code: '01', name: '华北' })).status).toBe(201)
    expect((await call('POST', '/schemes/class/nodes', { code: '01001', name: '华北大客户' })).status).toBe(201)
    expect((await call('POST', '/schemes/class/nodes', { code: '010010001', name: '北京大客户' })).status).toBe(201)
    expect((await call('POST', '/schemes/class/nodes', { name: '华东' })).status).toBe(201)
    const schemes = (await (await call('GET', '/schemes')).json()) as { items: { code: string; mask: string }[] }
    expect(schemes.items.find((s) => s.code === 'class')?.mask).toBe('** *** ****')
    const preview = await call('POST', '/schemes/class/nodes/01001/move', { newParentCode: '02', preview: true })
    expect(preview.status).toBe(200)
    expect(await preview.json()).toMatchObject({
      moves: [
        { oldCode: '01001', newCode: '02001' },
        { oldCode: '010010001', newCode: '020010001' },
      ],
    })
    expect((await call('POST', '/schemes/class/nodes/01001/move', { newParentCode: '02' })).status).toBe(200)
    const tree = (await (await call('GET', '/schemes/class')).json()) as {
      nodes: { code: string; displayName: string; aliases: string[] }[]
    }
    expect(tree.nodes.find((n) => n.code === '02001')).toMatchObject({
      displayName: '(02001) 华北大客户',
      aliases: ['01001'],
    })
    expect((await call('PATCH', '/schemes/class/nodes/01001', { name: '华东大客户' })).status).toBe(200)
  })

  it('answers every refusal as problem+json in the asked language', async () => {
    const bad = await problem(
      await call('POST', '/schemes/class/nodes', { code: '010', name: '坏' }),
      400,
      'CLASS_INVALID',
    )
    expect(bad.issues?.[0]?.message).toContain('2-3-4')
    const en = await problem(
      await call('POST', '/schemes/class/nodes', { code: '010', name: 'bad' }, 'en'),
      400,
      'CLASS_INVALID',
    )
    expect(en.detail).toMatch(/cannot be created/)
    const orphan = await problem(
      await call('POST', '/schemes/class/nodes', { code: '03001', name: '孤儿' }),
      400,
      'CLASS_INVALID',
    )
    expect(orphan.issues?.map((i) => i.code)).toContain('CLASS_PARENT_NOT_FOUND')
    const nonLeaf = await problem(
      await call('POST', '/schemes/class/batch-assign', { node: '02', filter: { all: [] }, preview: true }),
      400,
      'CLASS_NOT_LEAF',
    )
    expect(nonLeaf.detail).toContain('末级')
    // A class with customers cannot be deleted: the counts are in the message.
    await deps.store.transaction(async (tx) => {
      const t = await resolveTenant(tx, tenant)
      const scheme = await tx.schemes.byCode(t.id, 'class')
      const node = await tx.nodes.byCode(t.id, scheme?.id ?? '', '020010001')
      await tx.customers.insert(aCustomer(t.id, { classes: { [scheme?.id ?? '']: node?.id ?? '' } }))
    })
    const used = await problem(await call('DELETE', '/schemes/class/nodes/020010001'), 409, 'CLASS_HAS_CUSTOMERS')
    expect(used.detail).toContain('1 个客户')
    await problem(await call('GET', '/schemes/NOPE'), 404, 'SCHEME_NOT_FOUND')
    await problem(await call('PATCH', '/schemes/class', { levels: '3-3-4' }), 400, 'SCHEME_CHANGE_REFUSED')
    expect((await call('PATCH', '/schemes/class', { levels: '2-3-4-2' })).status).toBe(200)
  })

  it('batch-assigns by filter, manages rules and runs a re-classification', async () => {
    expect((await call('POST', '/schemes/class/nodes', { code: '01002', name: '华北中客户' })).status).toBe(201)
    const preview = await call('POST', '/schemes/class/batch-assign', {
      node: '01002',
      filter: { all: [] },
      preview: true,
    })
    expect(await preview.json()).toMatchObject({ count: 1 })
    const done = await call('POST', '/schemes/class/batch-assign', {
      node: '01002',
      filter: { all: [] },
      expectedCount: 1,
    })
    expect(await done.json()).toMatchObject({ assigned: 1 })
    const rule = await call('POST', '/schemes/class/rules', {
      name: '全部',
      condition: { all: [] },
      node: '020010001',
    })
    expect(rule.status).toBe(201)
    const items = (await (await call('GET', '/schemes/class/rules')).json()) as { items: { name: string }[] }
    expect(items.items.map((r) => r.name)).toEqual(['全部'])
    const run = await call('POST', '/schemes/class/reclassify', { preview: true })
    expect(await run.json()).toMatchObject({ count: 1, transitions: [{ from: '01002', to: '020010001', count: 1 }] })
    expect(await (await call('POST', '/schemes/class/reclassify', { expectedCount: 1 })).json()).toMatchObject({
      moved: 1,
    })
    expect((await call('DELETE', `/schemes/class/rules/${encodeURIComponent('全部')}`)).status).toBe(204)
    await problem(await call('DELETE', '/schemes/class/rules/nope'), 404, 'CLASS_RULE_NOT_FOUND')
    const dry = await call('POST', '/schemes/class/nodes/01002/merge', { into: '020010001', preview: true })
    expect(await dry.json()).toEqual({
      source: '01002',
      target: '020010001',
      customersMoved: 0,
      rulesRetargeted: 0,
      rulesRewritten: [],
    })
    const merged = await call('POST', '/schemes/class/nodes/01002/merge', { into: '020010001' })
    expect(await merged.json()).toMatchObject({ customersMoved: 0 })
  })
  it('documents every class route in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> }
    for (const path of [
      '',
      '/{scheme}',
      '/{scheme}/nodes/{code}/move',
      '/{scheme}/batch-assign',
      '/{scheme}/reclassify',
    ])
      expect(Object.keys(doc.paths)).toContain(`/api/t/{tenant}/schemes${path}`)
  })
})
