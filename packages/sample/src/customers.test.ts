import { validateUscc } from '@kehu/core'
import { describe, expect, it } from 'vitest'
import { customerStream, generateCustomers, type SampleCustomer } from './customers.js'
import { demoSchemes, leavesOf, type SampleScheme } from './schemes.js'

const leafCodes = (code: string) =>
  new Set(leavesOf((demoSchemes().find((s) => s.code === code) as SampleScheme).nodes).map((l) => l.node.code))

describe('generateCustomers', () => {
  const many = generateCustomers(20_000, 7)

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateCustomers(200, 42)).toEqual(generateCustomers(200, 42))
    expect(generateCustomers(200, 43)).not.toEqual(generateCustomers(200, 42))
    expect(generateCustomers(3)).toEqual(generateCustomers(3))
  })

  it('is a prefix of the stream for the same seed', () => {
    const stream = customerStream(42)
    const fromStream = Array.from({ length: 50 }, () => stream.next().value as SampleCustomer)
    expect(generateCustomers(50, 42)).toEqual(fromStream)
    expect(generateCustomers(20, 42)).toEqual(fromStream.slice(0, 20))
  })

  it('gives the requested count, and refuses a bad one', () => {
    expect(many).toHaveLength(20_000)
    expect(generateCustomers(0)).toEqual([])
    expect(() => generateCustomers(-1)).toThrow()
    expect(() => generateCustomers(1.5)).toThrow()
  })

  it('never repeats a name or a USCC in 20,000 customers', () => {
    expect(new Set(many.map((c) => c.name)).size).toBe(many.length)
    expect(new Set(many.map((c) => c.uscc)).size).toBe(many.length)
  })

  /** The customers that fail a check, with the reason: expected to be empty. */
  const failing = (check: (c: SampleCustomer) => string | undefined) =>
    many.flatMap((c) => {
      const why = check(c)
      return why ? [{ why, c }] : []
    })

  it('gives USCCs that pass validateUscc, with an area code of the region and tax number = USCC', () => {
    const areaOf: Record<string, string> = { HBBJ: '11', HDSH: '31', HNGD: '44', XNCQ: '50', XBXJ: '65' }
    const bad = failing((c) => {
      if (validateUscc(c.uscc).length > 0) return 'invalid'
      if (!/^9[12]\d{6}/.test(c.uscc)) return 'registration kind'
      if (c.taxNumber !== c.uscc) return 'tax number'
      const area = areaOf[c.region]
      if (area && c.uscc.slice(2, 4) !== area) return 'area code'
      return undefined
    })
    expect(bad).toEqual([])
  })

  it('assigns leaf codes of the demo schemes, with 2-3-4 and 2-2 shapes', () => {
    const classes = leafCodes('class')
    const regions = leafCodes('region')
    const industries = leafCodes('industry')
    const types = leafCodes('type')
    const bad = failing((c) => {
      if (!classes.has(c.class) || !/^\d{2}(\d{3}(\d{4})?)?$/.test(c.class)) return 'class'
      if (!regions.has(c.region) || !/^[A-Z]{4}$/.test(c.region)) return 'region'
      if (!industries.has(c.industry) || !/^\d{4}$/.test(c.industry)) return 'industry'
      if (!types.has(c.type)) return 'type'
      return undefined
    })
    expect(bad).toEqual([])
    // Every leaf is used.
    expect(new Set(many.map((c) => c.region)).size).toBe(regions.size)
    expect(new Set(many.map((c) => c.industry)).size).toBe(industries.size)
    expect(new Set(many.map((c) => c.class)).size).toBe(classes.size)
  })

  it('fills the fields in realistic shapes', () => {
    const checks: [keyof SampleCustomer, RegExp][] = [
      ['name', /(有限公司|有限责任公司|经营部|商行|分公司)$/],
      ['legalRepresentative', /^\p{Script=Han}{2,4}$/u],
      ['postcode', /^\d{6}$/],
      ['phone', /^(1[3-9]\d{9}|0\d{2,3}-[2-8]\d{6,7})$/],
      ['email', /^[a-z0-9.]+@[a-z0-9-]+(\.[a-z]+)+$/],
      ['website', /^www\.[a-z0-9-]+(\.[a-z]+)+$/],
      ['bankName', /银行.+(分行|支行)$/],
      ['bankAccount', /^\d{16,19}$/],
      ['registrationDate', /^\d{4}-\d{2}-\d{2}$/],
      ['creditGrade', /^[ABCD]$/],
      ['creditLimit', /^\d+\.\d{2}$/],
    ]
    const bad = failing((c) => {
      for (const [field, re] of checks) {
        const v = c[field]
        if ((v !== undefined || field !== 'website') && !re.test(v ?? '')) return field
      }
      if (!c.name.includes(c.shortName)) return 'shortName'
      if (c.registrationDate < '2021-06-30' || c.registrationDate > '2026-06-30') return 'registrationDate window'
      return undefined
    })
    expect(bad).toEqual([])
    expect(many.filter((c) => c.website).length / many.length).toBeGreaterThan(0.3)
    expect(many.filter((c) => c.remarks).length / many.length).toBeGreaterThan(0.1)
  })

  it('uses the right landline area codes and postcodes for the capital cities', () => {
    const byCity: [string, string, string][] = [
      ['HBBJ', '010-', '10'],
      ['HDSH', '021-', '20'],
      ['XNCQ', '023-', '40'],
    ]
    for (const [region, area, post] of byCity) {
      const here = many.filter((c) => c.region === region)
      expect(here.length).toBeGreaterThan(100)
      for (const c of here) {
        if (c.phone.includes('-')) expect(c.phone.startsWith(area)).toBe(true)
        expect(c.postcode.startsWith(post)).toBe(true)
      }
    }
    const shenzhen = many.filter((c) => c.address.includes('深圳市') && c.phone.includes('-'))
    expect(shenzhen.length).toBeGreaterThan(10)
    for (const c of shenzhen) expect(c.phone.startsWith('0755-')).toBe(true)
  })

  it('keeps region and class consistent where the class tree is geographic', () => {
    const beijing = many.filter((c) => c.region === 'HBBJ')
    const inBeijingClasses = beijing.filter((c) => c.class.startsWith('01001'))
    expect(inBeijingClasses.length / beijing.length).toBeGreaterThan(0.7)
  })

  it('registers dates within five years of the given today', () => {
    for (const c of generateCustomers(500, 1, { today: '2020-01-15' })) {
      expect(c.registrationDate >= '2015-01-15' && c.registrationDate <= '2020-01-15').toBe(true)
    }
  })

  it('draws from the schemes it is given', () => {
    const schemes: SampleScheme[] = [
      { code: 'type', name: '客户类型', levels: null, leafOnly: false, nodes: [{ code: 'K', name: '关键客户' }] },
      {
        code: 'region',
        name: '地区',
        levels: [1, 2],
        leafOnly: true,
        nodes: [{ code: 'S', name: '南方', children: [{ code: 'S1', name: '广东' }] }],
      },
    ]
    const cs = generateCustomers(300, 3, { schemes })
    expect(new Set(cs.map((c) => c.type))).toEqual(new Set(['K']))
    expect(new Set(cs.map((c) => c.region))).toEqual(new Set(['S1']))
    for (const c of cs) expect(c.uscc.slice(2, 4)).toBe('44')
    expect(leafCodes('class').has(cs[0]?.class as string)).toBe(true)
  })
})
