import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InFileKeys, importKeysOf } from './import-duplicates.js'

describe('in-file duplicate keys', () => {
  it('names the first row that had the code, USCC or normalised name', () => {
    const keys = new InFileKeys()
    expect(
      keys.check(2, importKeysOf({ code: 'c-1', name: '华为技术有限公司', uscc: '91440300 1922 7215 3W' })),
    ).toEqual([])
    expect(keys.check(3, importKeysOf({ code: 'C-1', name: '另一家' }))).toEqual([{ key: 'code', row: 2 }])
    expect(keys.check(4, importKeysOf({ name: '華為技術 有限公司' }))).toEqual([{ key: 'name', row: 2 }])
    expect(keys.check(5, importKeysOf({ uscc: '914403001922721 53W' }))).toEqual([{ key: 'uscc', row: 2 }])
    expect(keys.check(6, importKeysOf({ name: '另一家' }))).toEqual([{ key: 'name', row: 3 }])
  })

  it('flags exactly the rows whose name came before', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('甲', '乙', '丙', '丁', '戊'), { maxLength: 30 }), (names) => {
        const keys = new InFileKeys()
        const flagged = names.map((name, i) => keys.check(i, importKeysOf({ name })).length > 0)
        expect(flagged).toEqual(names.map((n, i) => names.indexOf(n) < i))
      }),
    )
  })
})
