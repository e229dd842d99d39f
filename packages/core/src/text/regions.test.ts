import { describe, expect, it } from 'vitest'
import { leadingRegions, regionOf, regionsAgree } from './regions.js'

const texts = (s: string, anyFirst?: boolean) => leadingRegions(s, anyFirst).map((r) => `${r.text}:${r.code}`)

describe('leadingRegions', () => {
  it.each([
    ['深圳华为技术', ['深圳:4403']],
    ['深圳市华为技术', ['深圳市:4403']],
    ['广东省深圳市南山区华为', ['广东省:44', '深圳市:4403', '南山区:440305']],
    ['广东深圳南山华为', ['广东:44', '深圳:4403', '南山:440305']],
    ['北京市海淀区华信', ['北京市:11', '海淀区:110108']],
    ['上海浦东新区华信', ['上海:31', '浦东新区:310115']],
    ['内蒙古自治区包头市华信', ['内蒙古自治区:15', '包头市:1502']],
    ['广西桂林华信', ['广西:45', '桂林:4503']],
    ['延边朝鲜族自治州华信', ['延边朝鲜族自治州:2224']],
    ['延边华信', ['延边:2224']],
    ['恩施华信', ['恩施:4228']],
    ['昆山市华信电子', ['昆山市:320583']],
    ['吉林市华信', ['吉林市:2202']],
    ['吉林省吉林市华信', ['吉林省:22', '吉林市:2202']],
    ['新疆维吾尔自治区乌鲁木齐华信', ['新疆维吾尔自治区:65', '乌鲁木齐:6501']],
    ['香港华信', ['香港:81']],
    // A trade name that is a county elsewhere is not a place (anchor: 巴彦淖尔市东方莲花).
    ['巴彦淖尔市东方莲花供应链', ['巴彦淖尔市:1508']],
    ['重庆长安汽车', ['重庆:50']],
    // A county does not open a name by its short form, nor a 地区 (阿里巴巴 is no place).
    ['昆山华信', []],
    ['海淀华信', []],
    ['阿里巴巴', []],
    ['华为技术', []],
    ['德兴市政工程', []],
    ['安康市政工程', ['安康:6109']],
    ['中国银行', []],
  ])('%s → %j', (s, expected) => {
    expect(texts(s)).toEqual(expected)
  })

  it('takes a county short form first when asked, as a branch names its place', () => {
    expect(texts('海淀', true)).toEqual(['海淀:110108'])
    // 南山区 is in 深圳 and in 鹤岗: the code says only what both share.
    expect(texts('南山', true)).toEqual(['南山:'])
  })
})

describe('regionOf', () => {
  it.each([
    ['深圳', '4403'],
    ['深圳市', '4403'],
    ['北京', '11'],
    ['中国', ''],
    ['海淀', '110108'],
    ['广东省深圳市', '4403'],
  ])('%s is a place, code %s', (s, code) => {
    expect(regionOf(s)).toEqual({ text: s, code })
  })

  it.each(['华为', '深圳华为', '有限合伙', ''])('%s is no place', (s) => {
    expect(regionOf(s)).toBeNull()
  })
})

describe('regionsAgree', () => {
  const at = (s: string) => regionOf(s)
  it.each([
    ['广东', '深圳', true],
    ['深圳市', '广东省深圳市南山区', true],
    ['深圳', '北京', false],
    ['深圳', '广州', false],
    ['中国', '深圳', true],
    ['深圳', null, true],
  ])('%s / %s → %s', (a, b, agree) => {
    expect(regionsAgree(at(a), b === null ? null : at(b))).toBe(agree)
    expect(regionsAgree(b === null ? null : at(b), at(a))).toBe(agree)
  })
})
