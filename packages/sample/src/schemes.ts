import { provinces, regions } from './geo.js'

/** A node of a classification tree as the sample ships it; children make the tree. */
export interface SampleNode {
  code: string
  name: string
  children?: SampleNode[]
}

/** A classification scheme (分类体系) with its whole tree. */
export interface SampleScheme {
  code: 'type' | 'class' | 'region' | 'industry' | string
  name: string
  /** 编码方案, e.g. [2, 3, 4]; null for a flat scheme with free codes (客户类型). */
  levels: number[] | null
  /** 末级: customers may sit only on leaves. */
  leafOnly: boolean
  nodes: SampleNode[]
}

/** A map table (对照表), e.g. 地区简称: 北京 → BJ. */
export interface SampleMap {
  name: string
  entries: { value: string; short: string }[]
}

// Compact tree notation: one node per line, indented two spaces per level, `CODE NAME`.
function parseTree(src: string): SampleNode[] {
  const roots: SampleNode[] = []
  const stack: { depth: number; node: SampleNode }[] = []
  for (const line of src.split('\n')) {
    if (!line.trim()) continue
    const depth = (line.length - line.trimStart().length) / 2
    const [code, name] = line.trim().split(/\s+/) as [string, string]
    const node: SampleNode = { code, name }
    while (stack.length > 0 && (stack[stack.length - 1] as { depth: number }).depth >= depth) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) {
      parent.node.children ??= []
      parent.node.children.push(node)
    } else roots.push(node)
    stack.push({ depth, node })
  }
  return roots
}

const CLASS_TREE = `
01 华北大客户
  01001 北京大客户
    010010001 北京央企客户
    010010002 北京民营客户
    010010003 北京外资客户
  01002 天津大客户
    010020001 天津制造业客户
    010020002 天津商贸客户
  01003 河北山西客户
    010030001 河北客户
    010030002 山西客户
02 华东客户
  02001 上海客户
    020010001 上海重点客户
    020010002 上海一般客户
  02002 江苏客户
    020020001 苏南客户
    020020002 苏北客户
  02003 浙江客户
    020030001 杭州客户
    020030002 宁波客户
    020030003 温州客户
  02004 山东客户
    020040001 济南客户
    020040002 青岛客户
03 华南客户
  03001 广东客户
    030010001 广州客户
    030010002 深圳客户
    030010003 佛山客户
  03002 福建客户
    030020001 福州客户
    030020002 厦门客户
04 中西部客户
  04001 华中客户
    040010001 湖北客户
    040010002 湖南客户
    040010003 河南客户
  04002 西南客户
    040020001 重庆客户
    040020002 四川客户
  04003 西北客户
    040030001 陕西客户
05 渠道客户
  05001 一级经销商
  05002 二级经销商
  05003 电商渠道
    050030001 天猫店铺
    050030002 京东店铺
`

/**
 * 行业 (2-2): each leaf lists the words a company of that industry puts in its name, each with
 * the ASCII a company would use in its domain; `solo` marks industries where 个体工商户 are common.
 */
export interface IndustryLeaf {
  code: string
  name: string
  words: { word: string; ascii: string }[]
  solo: boolean
}

const INDUSTRY_TREE: [string, string, [string, string, string, boolean?][]][] = [
  [
    '01',
    '制造业',
    [
      ['0101', '电子设备制造', '电子:dz 电子科技:etech 电器:dianqi 光电:gd', true],
      ['0102', '机械设备制造', '机械:jixie 机电:jidian 重工:hi 精密机械:precision'],
      ['0103', '汽车及零部件制造', '汽车零部件:autoparts 汽配:qipei 车业:auto'],
      ['0104', '纺织服装', '纺织:textile 服饰:fushi 服装:fashion', true],
    ],
  ],
  [
    '02',
    '批发和零售业',
    [
      ['0201', '批发贸易', '贸易:trade 商贸:sm 供应链:scm', true],
      ['0202', '零售', '百货:bh 商贸:shangmao 超市:mart', true],
      ['0203', '进出口贸易', '进出口:impexp 国际贸易:intl'],
    ],
  ],
  [
    '03',
    '信息技术服务业',
    [
      ['0301', '软件开发', '软件:soft 科技:tech 信息技术:it'],
      ['0302', '信息系统集成', '信息技术:infotech 系统集成:si 网络科技:net'],
      ['0303', '互联网服务', '网络科技:network 互联网科技:web 数字科技:digital'],
    ],
  ],
  [
    '04',
    '建筑业',
    [
      ['0401', '房屋建筑', '建设:js 建筑工程:build'],
      ['0402', '土木工程', '路桥:luqiao 市政工程:sz 建设工程:cons'],
      ['0403', '建筑装饰', '装饰工程:deco 装饰设计:design', true],
    ],
  ],
  [
    '05',
    '交通运输和物流',
    [
      ['0501', '道路运输', '运输:ys 汽车运输:transport'],
      ['0502', '仓储物流', '物流:wl 供应链:supply 仓储:storage'],
      ['0503', '快递服务', '快递:express 速运:suyun'],
    ],
  ],
  [
    '06',
    '医药卫生',
    [
      ['0601', '医药制造', '医药:pharm 制药:zy 生物医药:bio'],
      ['0602', '医疗器械', '医疗器械:medical 医疗科技:medtech'],
      ['0603', '医药流通', '医药:yy 药业:yaoye 大药房:pharmacy'],
    ],
  ],
  [
    '07',
    '食品和农业',
    [
      ['0701', '食品加工', '食品:food 食品科技:foodtech', true],
      ['0702', '饮料制造', '饮品:drinks 饮料:yinliao'],
      ['0703', '农产品', '农业:agri 农业科技:agritech 农产品:ncp', true],
    ],
  ],
  [
    '08',
    '化工和能源',
    [
      ['0801', '化学原料', '化工:chem 化学:hx'],
      ['0802', '新能源', '新能源:newenergy 能源科技:energy 光伏:solar'],
      ['0803', '石油化工', '石化:petro 石油化工:shihua'],
    ],
  ],
]

/** The 行业 leaves with their name words. */
export const industryLeaves: readonly IndustryLeaf[] = INDUSTRY_TREE.flatMap(([, , leaves]) =>
  leaves.map(([code, name, words, solo]) => ({
    code,
    name,
    words: words.split(' ').map((w) => {
      const [word, ascii] = w.split(':') as [string, string]
      return { word, ascii }
    }),
    solo: solo ?? false,
  })),
)

/** 客户类型 codes with their share of generated customers. */
export const TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['V', 10],
  ['N', 30],
  ['P', 15],
  ['RT', 18],
  ['WH', 17],
  ['VIP', 10],
]

/**
 * The demo's four built-in schemes, fresh objects on every call:
 * 客户类型 (flat: V/N/P and RT/WH/VIP), 客户分类 (2-3-4 digits, leaf-only),
 * 地区分类 (2-2 letters: 华北 HB → 北京 HBBJ, all 31 provinces, leaf-only), 行业 (2-2 digits).
 */
export function demoSchemes(): SampleScheme[] {
  return [
    {
      code: 'type',
      name: '客户类型',
      levels: null,
      leafOnly: false,
      nodes: [
        { code: 'V', name: '重要客户' },
        { code: 'N', name: '普通客户' },
        { code: 'P', name: '潜在客户' },
        { code: 'RT', name: '零售' },
        { code: 'WH', name: '批发' },
        { code: 'VIP', name: '贵宾' },
      ],
    },
    { code: 'class', name: '客户分类', levels: [2, 3, 4], leafOnly: true, nodes: parseTree(CLASS_TREE) },
    {
      code: 'region',
      name: '地区分类',
      levels: [2, 2],
      leafOnly: true,
      nodes: regions.map((r) => ({
        code: r.code,
        name: r.name,
        children: r.provinces.map((p) => ({ code: p.regionCode, name: p.name })),
      })),
    },
    {
      code: 'industry',
      name: '行业',
      levels: [2, 2],
      leafOnly: false,
      nodes: INDUSTRY_TREE.map(([code, name, leaves]) => ({
        code,
        name,
        children: leaves.map(([c, n]) => ({ code: c, name: n })),
      })),
    },
  ]
}

/** The demo's map tables: 地区简称 maps every province's name to its two-letter code (北京 → BJ). */
export function demoMaps(): SampleMap[] {
  return [{ name: '地区简称', entries: provinces.map((p) => ({ value: p.name, short: p.short })) }]
}

/** Every leaf of a tree, each with the names on its path from the root (root first). */
export function leavesOf(nodes: readonly SampleNode[]): { node: SampleNode; path: string[] }[] {
  const out: { node: SampleNode; path: string[] }[] = []
  const walk = (list: readonly SampleNode[], path: string[]) => {
    for (const n of list) {
      const p = [...path, n.name]
      if (n.children && n.children.length > 0) walk(n.children, p)
      else out.push({ node: n, path: p })
    }
  }
  walk(nodes, [])
  return out
}
