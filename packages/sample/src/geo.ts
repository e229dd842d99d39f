/**
 * China's 31 provincial-level divisions (GB/T 2260), grouped into the seven regions of the demo's
 * 地区分类, with a few cities each: the real phone area codes, postcode prefixes and the 4-digit
 * GB/T 2260 prefixes of their districts. Enough for customers to look and validate like real ones.
 */

export interface District {
  /** e.g. 海淀区 */
  name: string
  /** 6-digit GB/T 2260 code, e.g. 110108 */
  code: string
}

export interface City {
  /** Without 市: 北京, 杭州 */
  name: string
  /** Phone area code with the leading 0: 010, 0571 */
  areaCode: string
  /** First three digits of the city's postcodes */
  postPrefix: string
  /** 6-digit GB/T 2260 code of the city itself (xxxx00) */
  code: string
  districts: District[]
  province: Province
}

export interface Province {
  /** Short name: 北京, 内蒙古, 广西 */
  name: string
  /** Full name used in addresses: 北京市, 内蒙古自治区, 浙江省 */
  fullName: string
  /** Two-letter short code (GB/T 2260 alpha), the value of the 地区简称 map: BJ */
  short: string
  /** The leaf code in the demo's 地区分类: HBBJ */
  regionCode: string
  /** A municipality directly under the central government (北京, 天津, 上海, 重庆) */
  municipality: boolean
  /** Relative share of generated customers (roughly economic size) */
  weight: number
  cities: City[]
}

export interface Region {
  code: string
  name: string
  provinces: Province[]
}

// [name, fullName, short, provinceLetters, weight, cities]; a city is
// 'name areaCode postPrefix cityCode4 district:nn district:nn …'.
type ProvinceRow = [string, string, string, string, number, string[]]

const REGIONS: [string, string, ProvinceRow[]][] = [
  [
    'HB',
    '华北',
    [
      [
        '北京',
        '北京市',
        'BJ',
        'BJ',
        8,
        ['北京 010 100 1101 东城区:01 西城区:02 朝阳区:05 丰台区:06 海淀区:08 通州区:12 昌平区:14 大兴区:15'],
      ],
      ['天津', '天津市', 'TJ', 'TJ', 4, ['天津 022 300 1201 和平区:01 河西区:03 南开区:04 武清区:14 滨海新区:16']],
      [
        '河北',
        '河北省',
        'HE',
        'HE',
        4,
        [
          '石家庄 0311 050 1301 长安区:02 桥西区:04 裕华区:08',
          '唐山 0315 063 1302 路南区:02 路北区:03',
          '保定 0312 071 1306 竞秀区:02 莲池区:06',
        ],
      ],
      [
        '山西',
        '山西省',
        'SX',
        'SX',
        2,
        ['太原 0351 030 1401 小店区:05 迎泽区:06 杏花岭区:07', '大同 0352 037 1402 平城区:13 云冈区:14'],
      ],
      [
        '内蒙古',
        '内蒙古自治区',
        'NM',
        'NM',
        1.5,
        ['呼和浩特 0471 010 1501 新城区:02 赛罕区:05', '包头 0472 014 1502 昆都仑区:03 青山区:04'],
      ],
    ],
  ],
  [
    'DB',
    '东北',
    [
      [
        '辽宁',
        '辽宁省',
        'LN',
        'LN',
        3,
        ['沈阳 024 110 2101 和平区:02 沈河区:03 浑南区:12', '大连 0411 116 2102 中山区:02 沙河口区:04 甘井子区:11'],
      ],
      [
        '吉林',
        '吉林省',
        'JL',
        'JL',
        1.5,
        ['长春 0431 130 2201 南关区:02 朝阳区:04 绿园区:06', '吉林 0432 132 2202 船营区:04'],
      ],
      [
        '黑龙江',
        '黑龙江省',
        'HL',
        'HL',
        1.5,
        ['哈尔滨 0451 150 2301 道里区:02 南岗区:03 香坊区:10', '大庆 0459 163 2306 萨尔图区:02'],
      ],
    ],
  ],
  [
    'HD',
    '华东',
    [
      [
        '上海',
        '上海市',
        'SH',
        'SH',
        8,
        [
          '上海 021 200 3101 黄浦区:01 徐汇区:04 长宁区:05 静安区:06 普陀区:07 闵行区:12 嘉定区:14 浦东新区:15 松江区:17',
        ],
      ],
      [
        '江苏',
        '江苏省',
        'JS',
        'JS',
        8,
        [
          '南京 025 210 3201 玄武区:02 秦淮区:04 鼓楼区:06 江宁区:15',
          '苏州 0512 215 3205 虎丘区:05 吴中区:06 姑苏区:08',
          '无锡 0510 214 3202 滨湖区:11 梁溪区:13',
          '常州 0519 213 3204 天宁区:02 武进区:12',
        ],
      ],
      [
        '浙江',
        '浙江省',
        'ZJ',
        'ZJ',
        7,
        [
          '杭州 0571 310 3301 上城区:02 拱墅区:05 西湖区:06 滨江区:08 余杭区:10',
          '宁波 0574 315 3302 海曙区:03 鄞州区:12',
          '温州 0577 325 3303 鹿城区:02 瓯海区:04',
          '嘉兴 0573 314 3304 南湖区:02',
        ],
      ],
      [
        '安徽',
        '安徽省',
        'AH',
        'AH',
        3,
        ['合肥 0551 230 3401 瑶海区:02 庐阳区:03 蜀山区:04 包河区:11', '芜湖 0553 241 3402 镜湖区:02'],
      ],
      [
        '福建',
        '福建省',
        'FJ',
        'FJ',
        4,
        [
          '福州 0591 350 3501 鼓楼区:02 台江区:03 仓山区:04',
          '厦门 0592 361 3502 思明区:03 湖里区:06 集美区:11',
          '泉州 0595 362 3505 丰泽区:03',
        ],
      ],
      [
        '江西',
        '江西省',
        'JX',
        'JX',
        2,
        ['南昌 0791 330 3601 东湖区:02 西湖区:03 青山湖区:11', '赣州 0797 341 3607 章贡区:02'],
      ],
      [
        '山东',
        '山东省',
        'SD',
        'SD',
        6,
        [
          '济南 0531 250 3701 历下区:02 市中区:03 槐荫区:04 历城区:12',
          '青岛 0532 266 3702 市南区:02 市北区:03 黄岛区:11 崂山区:12',
          '烟台 0535 264 3706 芝罘区:02',
          '潍坊 0536 261 3707 奎文区:05',
        ],
      ],
    ],
  ],
  [
    'HZ',
    '华中',
    [
      [
        '河南',
        '河南省',
        'HA',
        'HA',
        4,
        ['郑州 0371 450 4101 中原区:02 二七区:03 金水区:05', '洛阳 0379 471 4103 西工区:03 洛龙区:11'],
      ],
      [
        '湖北',
        '湖北省',
        'HB',
        'HB',
        4,
        [
          '武汉 027 430 4201 江岸区:02 江汉区:03 汉阳区:05 武昌区:06 洪山区:11',
          '宜昌 0717 443 4205 西陵区:02',
          '襄阳 0710 441 4206 樊城区:06',
        ],
      ],
      [
        '湖南',
        '湖南省',
        'HN',
        'HN',
        3,
        ['长沙 0731 410 4301 芙蓉区:02 天心区:03 岳麓区:04 雨花区:11', '株洲 0731 412 4302 天元区:11'],
      ],
    ],
  ],
  [
    'HN',
    '华南',
    [
      [
        '广东',
        '广东省',
        'GD',
        'GD',
        10,
        [
          '广州 020 510 4401 荔湾区:03 越秀区:04 海珠区:05 天河区:06 白云区:11 番禺区:13',
          '深圳 0755 518 4403 罗湖区:03 福田区:04 南山区:05 宝安区:06 龙岗区:07',
          '佛山 0757 528 4406 禅城区:04 南海区:05 顺德区:06',
          '珠海 0756 519 4404 香洲区:02',
        ],
      ],
      [
        '广西',
        '广西壮族自治区',
        'GX',
        'GX',
        2,
        ['南宁 0771 530 4501 青秀区:03 西乡塘区:07', '柳州 0772 545 4502 城中区:02', '桂林 0773 541 4503 秀峰区:02'],
      ],
      ['海南', '海南省', 'HI', 'HI', 1, ['海口 0898 570 4601 龙华区:06 美兰区:08', '三亚 0898 572 4602 吉阳区:03']],
    ],
  ],
  [
    'XN',
    '西南',
    [
      [
        '重庆',
        '重庆市',
        'CQ',
        'CQ',
        4,
        ['重庆 023 400 5001 渝中区:03 江北区:05 沙坪坝区:06 九龙坡区:07 南岸区:08 渝北区:12'],
      ],
      [
        '四川',
        '四川省',
        'SC',
        'SC',
        5,
        ['成都 028 610 5101 锦江区:04 青羊区:05 金牛区:06 武侯区:07 成华区:08', '绵阳 0816 621 5107 涪城区:03'],
      ],
      [
        '贵州',
        '贵州省',
        'GZ',
        'GZ',
        1.5,
        ['贵阳 0851 550 5201 南明区:02 云岩区:03 观山湖区:15', '遵义 0851 563 5203 红花岗区:02'],
      ],
      [
        '云南',
        '云南省',
        'YN',
        'YN',
        2,
        ['昆明 0871 650 5301 五华区:02 盘龙区:03 官渡区:11', '曲靖 0874 655 5303 麒麟区:02'],
      ],
      ['西藏', '西藏自治区', 'XZ', 'XZ', 0.3, ['拉萨 0891 850 5401 城关区:02']],
    ],
  ],
  [
    'XB',
    '西北',
    [
      [
        '陕西',
        '陕西省',
        'SN',
        'SN',
        3,
        ['西安 029 710 6101 新城区:02 碑林区:03 莲湖区:04 未央区:12 雁塔区:13', '宝鸡 0917 721 6103 渭滨区:02'],
      ],
      ['甘肃', '甘肃省', 'GS', 'GS', 1, ['兰州 0931 730 6201 城关区:02 七里河区:03', '天水 0938 741 6205 秦州区:02']],
      ['青海', '青海省', 'QH', 'QH', 0.4, ['西宁 0971 810 6301 城东区:02 城西区:04']],
      ['宁夏', '宁夏回族自治区', 'NX', 'NX', 0.5, ['银川 0951 750 6401 兴庆区:04 金凤区:06']],
      [
        '新疆',
        '新疆维吾尔自治区',
        'XJ',
        'XJ',
        1,
        ['乌鲁木齐 0991 830 6501 天山区:02 沙依巴克区:03 新市区:04', '克拉玛依 0990 834 6502 克拉玛依区:03'],
      ],
    ],
  ],
]

function build(): Region[] {
  return REGIONS.map(([code, name, rows]) => {
    const provinces = rows.map(([pName, fullName, short, letters, weight, cityRows]) => {
      const province: Province = {
        name: pName,
        fullName,
        short,
        regionCode: code + letters,
        municipality: fullName === `${pName}市`,
        weight,
        cities: [],
      }
      for (const row of cityRows) {
        const [cName, areaCode, postPrefix, prefix, ...ds] = row.split(' ') as [
          string,
          string,
          string,
          string,
          ...string[],
        ]
        province.cities.push({
          name: cName,
          areaCode,
          postPrefix,
          code: `${prefix}00`,
          districts: ds.map((d) => {
            const [dName, nn] = d.split(':') as [string, string]
            return { name: dName, code: prefix + nn }
          }),
          province,
        })
      }
      return province
    })
    return { code, name, provinces }
  })
}

/** The seven regions, in the demo's order, each with its provinces. */
export const regions: readonly Region[] = build()

/** All 31 provinces. */
export const provinces: readonly Province[] = regions.flatMap((r) => r.provinces)
