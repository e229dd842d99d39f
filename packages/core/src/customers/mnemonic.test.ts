import { describe, expect, it } from 'vitest'
import { customerMnemonic } from './mnemonic.js'

describe('customerMnemonic', () => {
  it.each([
    [null, '北京市王府井百货有限公司', 'WFJBH'],
    [null, '北京华信科技有限公司', 'HXKJ'],
    [null, '招商银行股份有限公司', 'ZSYH'],
    [null, '企帮宝信息科技（甘肃）有限公司', 'QBBXXKJ'],
    [null, '(上海)联合实业有限责任公司', 'LHSY'],
    [null, '广东省深圳市腾达电子集团有限公司', 'TDDZ'],
    [null, '重庆银行', 'CQYH'],
    [null, '北京市', 'BJS'],
    [null, '北京银行股份有限公司', 'BJYH'],
    [null, '有限公司', 'YXGS'],
    ['王府井', '北京市王府井百货有限公司', 'WFJ'],
    ['', '华为技术有限公司', 'HWJS'],
  ])('short name %s, name %s → %s', (shortName, name, expected) => {
    expect(customerMnemonic(shortName, name)).toBe(expected)
  })
})
