import { describe, expect, it } from 'vitest'
import { provinces } from './geo.js'
import { demoMaps, demoSchemes, leavesOf, type SampleNode, type SampleScheme } from './schemes.js'
import { GIVEN, PINYIN, SURNAMES, TRADE_NAMES } from './words.js'

const scheme = (code: string) => demoSchemes().find((s) => s.code === code) as SampleScheme

function allNodes(nodes: SampleNode[], depth = 1, out: { node: SampleNode; depth: number; parent?: string }[] = []) {
  for (const n of nodes) {
    out.push({ node: n, depth })
    for (const c of n.children ?? [])
      out.push(...allNodes([c], depth + 1).map((x) => (x.depth === depth + 1 ? { ...x, parent: n.code } : x)))
  }
  return out
}

describe('demoSchemes', () => {
  it('has the four built-in schemes', () => {
    expect(demoSchemes().map((s) => [s.code, s.name])).toEqual([
      ['type', '客户类型'],
      ['class', '客户分类'],
      ['region', '地区分类'],
      ['industry', '行业'],
    ])
  })

  it('has a flat 客户类型 with V/N/P and RT/WH/VIP', () => {
    const t = scheme('type')
    expect(t.levels).toBeNull()
    expect(t.nodes.map((n) => n.code)).toEqual(['V', 'N', 'P', 'RT', 'WH', 'VIP'])
    expect(t.nodes.every((n) => !n.children)).toBe(true)
  })

  for (const [code, levels, pattern] of [
    ['class', [2, 3, 4], /^\d+$/],
    ['region', [2, 2], /^[A-Z]+$/],
    ['industry', [2, 2], /^\d+$/],
  ] as const) {
    it(`gives ${code} codes that follow its level scheme ${levels.join('-')}`, () => {
      const s = scheme(code)
      expect(s.levels).toEqual(levels)
      const totals = levels.map((_, i) => levels.slice(0, i + 1).reduce((a, b) => a + b, 0))
      const seen = new Set<string>()
      for (const { node, depth, parent } of allNodes(s.nodes)) {
        expect(node.code).toMatch(pattern)
        expect(node.code).toHaveLength(totals[depth - 1] as number)
        if (parent) expect(node.code.slice(0, totals[depth - 2])).toBe(parent)
        expect(seen.has(node.code)).toBe(false)
        seen.add(node.code)
      }
    })
  }

  it('has a leaf-only 客户分类 three levels deep with about 40 nodes', () => {
    const s = scheme('class')
    expect(s.leafOnly).toBe(true)
    const nodes = allNodes(s.nodes)
    expect(nodes.length).toBeGreaterThanOrEqual(35)
    expect(Math.max(...nodes.map((n) => n.depth))).toBe(3)
    expect(nodes.find((n) => n.node.code === '01')?.node.name).toBe('华北大客户')
    expect(nodes.find((n) => n.node.code === '01001')?.node.name).toBe('北京大客户')
  })

  it('has every province as a leaf of the seven regions', () => {
    const s = scheme('region')
    expect(s.nodes.map((n) => `${n.code} ${n.name}`)).toEqual([
      'HB 华北',
      'DB 东北',
      'HD 华东',
      'HZ 华中',
      'HN 华南',
      'XN 西南',
      'XB 西北',
    ])
    const leaves = leavesOf(s.nodes)
    expect(leaves).toHaveLength(31)
    const byName = Object.fromEntries(leaves.map((l) => [l.node.name, l.node.code]))
    expect(byName).toMatchObject({ 北京: 'HBBJ', 天津: 'HBTJ', 河北: 'HBHE', 上海: 'HDSH', 江苏: 'HDJS', 浙江: 'HDZJ' })
    expect(byName).toMatchObject({ 广东: 'HNGD', 重庆: 'XNCQ', 四川: 'XNSC' })
  })

  it('has about 8 industries with about 25 leaves', () => {
    const s = scheme('industry')
    expect(s.nodes).toHaveLength(8)
    expect(leavesOf(s.nodes)).toHaveLength(25)
    expect(s.nodes[0]).toMatchObject({ code: '01', name: '制造业' })
    expect(s.nodes[0]?.children?.[0]).toEqual({ code: '0101', name: '电子设备制造' })
  })

  it('returns fresh objects on every call', () => {
    const a = demoSchemes()
    ;(a[0] as SampleScheme).nodes.pop()
    expect(scheme('type').nodes).toHaveLength(6)
  })
})

describe('demoMaps', () => {
  it('maps every province to its two-letter short code, without collisions', () => {
    const map = demoMaps().find((m) => m.name === '地区简称')
    expect(map).toBeDefined()
    const entries = map?.entries ?? []
    const regionLeaves = leavesOf(scheme('region').nodes).map((l) => l.node.name)
    expect(entries.map((e) => e.value).sort()).toEqual([...regionLeaves].sort())
    expect(new Set(entries.map((e) => e.short)).size).toBe(31)
    for (const e of entries) expect(e.short).toMatch(/^[A-Z]{2}$/)
    const get = (v: string) => entries.find((e) => e.value === v)?.short
    expect([get('北京'), get('上海'), get('天津'), get('重庆'), get('广东')]).toEqual(['BJ', 'SH', 'TJ', 'CQ', 'GD'])
  })
})

describe('word pools', () => {
  it('has about 300 distinct trade names of two characters', () => {
    expect(TRADE_NAMES.length).toBeGreaterThanOrEqual(290)
    expect(new Set(TRADE_NAMES).size).toBe(TRADE_NAMES.length)
    for (const t of TRADE_NAMES) expect([...t]).toHaveLength(2)
  })

  it('knows the pinyin of every character of trade names and people', () => {
    const missing = new Set<string>()
    for (const w of [...TRADE_NAMES, ...SURNAMES, ...GIVEN]) for (const ch of w) if (!PINYIN[ch]) missing.add(ch)
    expect([...missing]).toEqual([])
  })

  it('has GB/T 2260 codes that belong to their province', () => {
    const prefix: Record<string, string> = { 北京: '11', 上海: '31', 广东: '44', 重庆: '50', 新疆: '65' }
    for (const p of provinces) {
      const pp = prefix[p.name]
      for (const c of p.cities) {
        expect(c.code).toMatch(/^\d{4}00$/)
        if (pp) expect(c.code.startsWith(pp)).toBe(true)
        for (const d of c.districts) expect(d.code.slice(0, 4)).toBe(c.code.slice(0, 4))
      }
    }
  })
})
