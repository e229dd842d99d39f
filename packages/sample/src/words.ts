/** Word pools for realistic Chinese customer records. */

/** 字号: two-character trade names as Chinese companies register them. */
export const TRADE_NAMES: readonly string[] = `
华信 腾飞 东方 长江 恒通 宏达 金桥 新华 天成 瑞丰 鑫源 中联 海川 远航 博创 盛世 永信 华泰 汇通 锦程
九州 天宇 恒瑞 正泰 安泰 嘉禾 和信 联创 鼎盛 金盛 润泽 华盛 泰和 康达 振华 兴业 百川 宏图 广源 伟业
国泰 天元 永昌 瑞祥 祥和 德信 信达 华宇 东升 旭日 明辉 星辰 启航 创新 卓越 领航 新锐 智达 融通 天和
中天 亚太 环宇 海纳 金鹏 银河 昌盛 富源 丰华 瑞达 恒达 通达 顺达 宏远 长城 黄河 泰山 华山 金达 联合
恒信 华威 精诚 协和 同创 众诚 合力 聚力 凯旋 凯达 凯瑞 力拓 拓普 普华 华阳 阳光 朝阳 晨光 曙光 光明
明珠 东海 南海 北辰 西部 中原 江南 江北 华东 华南 华中 天府 蜀通 巴渝 渝丰 湘江 楚天 荆楚 中南 岭南
粤海 闽江 海峡 齐鲁 燕山 太行 长白 松江 天山 昆仑 高原 丝路 敦煌 秦川 汉唐 大唐 盛唐 华夏 神州 金石
金鼎 金帆 金海 金穗 金源 金泰 金诚 银丰 银海 宝丰 宝信 宝利 利华 利达 利民 惠民 益民 安康 康宁 永盛
永达 永兴 永恒 永安 长盛 长兴 长青 长虹 常青 青松 松柏 翠柏 绿源 绿洲 碧水 蓝天 蓝海 海天 天润 润丰
润达 润华 丰泰 丰源 丰达 丰润 万通 万华 万隆 万嘉 万顺 万盛 隆鑫 隆昌 兴隆 兴盛 兴达 兴华 华兴 华鑫
华茂 华腾 华锐 华讯 华创 华迪 华光 华通 鸿运 鸿达 鸿基 鸿泰 鸿图 鸿鹄 鹏程 鹏飞 飞龙 腾龙 龙腾 龙飞
祥龙 金龙 神龙 青龙 凤凰 飞凤 彩虹 天虹 德胜 德润 德丰 德力 德兴 厚德 弘德 明德 崇德 信诚 诚信 诚达
至诚 中诚 立信 立达 立新 创达 创世 世纪 世嘉 世通 嘉信 嘉诚 嘉华 嘉利 嘉业 佳和 佳美 美华 美嘉 优品
优创 优联 尚品 尚德 尚美 雅居 雅致 智远 智联 智信 智诚 睿智 睿达 睿思 思源 源通 源丰 宇通 宇航 星河
星光 星海 银星 金星 恒星 晶华 晶科 科达 科华 科创 科瑞 天科 迅达 迅捷 捷达 快通 易通 安达 安信 安华
顺和 和顺 和泰 和盛 中盛 `
  .trim()
  .split(/\s+/)

/** Surnames, most frequent first (the generator weights them by rank). */
export const SURNAMES: readonly string[] = `
王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁
潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦
邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 欧阳 上官 诸葛`
  .trim()
  .split(/\s+/)

/** Characters of given names. */
export const GIVEN: readonly string[] = `
伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 玉 兰 建 国 文 红 辉 鹏 飞 斌 宇 浩
凯 健 俊 帆 帅 旭 宁 龙 林 欣 佳 晨 博 婷 雪 慧 颖 琳 晶 倩 鑫 瑞 昊 轩 睿 子 涵 梓 萱 思 雨 怡 嘉 成 志 海
波 峰 亮 东 新 春 立 晓 云 丹 蕾 萍 振 德 永 金 荣 光 宏 达 胜 庆 福 晖 琪 彤`
  .trim()
  .split(/\s+/)

/**
 * Toneless pinyin of every character the pools use for people and trade names (checked by a test),
 * for e-mail addresses and domains; the polyphonic ones as they are read in these words (长江 chang).
 */
export const PINYIN: Readonly<Record<string, string>> = Object.fromEntries(
  `
华hua 信xin 腾teng 飞fei 东dong 方fang 长chang 江jiang 恒heng 通tong 宏hong 达da 金jin 桥qiao 新xin 天tian
成cheng 瑞rui 丰feng 鑫xin 源yuan 中zhong 联lian 海hai 川chuan 远yuan 航hang 博bo 创chuang 盛sheng 世shi 永yong
泰tai 汇hui 锦jin 程cheng 九jiu 州zhou 宇yu 正zheng 安an 嘉jia 禾he 和he 鼎ding 润run 泽ze 康kang 振zhen 兴xing
业ye 百bai 图tu 广guang 伟wei 国guo 元yuan 昌chang 祥xiang 德de 旭xu 日ri 明ming 辉hui 星xing 辰chen 启qi 卓zhuo
越yue 领ling 锐rui 智zhi 融rong 亚ya 太tai 环huan 纳na 鹏peng 银yin 河he 昌chang 富fu 顺shun 城cheng 黄huang 山shan
威wei 精jing 诚cheng 协xie 同tong 众zhong 合he 力li 聚ju 凯kai 旋xuan 拓tuo 普pu 阳yang 光guang 朝zhao 晨chen
曙shu 珠zhu 南nan 北bei 西xi 部bu 原yuan 府fu 蜀shu 巴ba 渝yu 湘xiang 楚chu 荆jing 岭ling 粤yue 闽min 峡xia
齐qi 鲁lu 燕yan 行hang 白bai 松song 昆kun 仑lun 高gao 丝si 路lu 敦dun 煌huang 秦qin 汉han 唐tang 大da 夏xia
神shen 石shi 帆fan 穗sui 宝bao 利li 惠hui 民min 益yi 宁ning 青qing 虹hong 常chang 柏bai 翠cui 绿lv 洲zhou
碧bi 水shui 蓝lan 万wan 隆long 茂mao 讯xun 迪di 运yun 基ji 鸿hong 鹄hu 龙long 凤feng 凰huang 彩cai 胜sheng
厚hou 弘hong 崇chong 至zhi 立li 纪ji 佳jia 美mei 优you 品pin 尚shang 雅ya 居ju 致zhi 思si 睿rui 晶jing 科ke
迅xun 捷jie 快kuai 易yi 升sheng 上shang
王wang 李li 张zhang 刘liu 陈chen 杨yang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 林lin 罗luo
郑zheng 梁liang 谢xie 宋song 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu
蒋jiang 蔡cai 余yu 杜du 叶ye 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu
汪wang 范fan 廖liao 贾jia 韦wei 付fu 邹zou 孟meng 熊xiong 邱qiu 尹yin 薛xue 闫yan 段duan 雷lei 侯hou 史shi
陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang 欧ou
官guan 诸zhu 葛ge
芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 超chao 秀xiu 霞xia
平ping 刚gang 桂gui 英ying 玉yu 兰lan 建jian 文wen 红hong 斌bin 浩hao 健jian 俊jun 帅shuai 欣xin 婷ting 雪xue
慧hui 颖ying 琳lin 倩qian 昊hao 轩xuan 子zi 涵han 梓zi 萱xuan 雨yu 怡yi 志zhi 波bo 峰feng 亮liang 春chun
晓xiao 云yun 丹dan 蕾lei 萍ping 荣rong 庆qing 福fu 晖hui 琪qi 彤tong`
    .trim()
    .split(/\s+/)
    .map((p) => [p.slice(0, 1), p.slice(1)]),
)

const pinyinCache = new Map<string, string>()

/** Toneless pinyin of a word made of the pools' characters (unknown characters are dropped). */
export const pinyinOf = (s: string): string => {
  let out = pinyinCache.get(s)
  if (out === undefined) {
    out = ''
    for (const ch of s) out += PINYIN[ch] ?? ''
    if (pinyinCache.size < 100_000) pinyinCache.set(s, out)
  }
  return out
}

export const ROADS: readonly string[] = `
人民路 解放路 中山路 建设路 和平路 长江路 黄河路 新华路 文化路 胜利路 工业路 科技路 创业大道 滨江大道 高新一路
高新二路 学府路 光明路 东风路 朝阳路 花园路 青年路 振兴路 幸福路 迎宾大道 金融街 商务大道 环城北路 环城南路
滨河路 湖滨路 友谊路 团结路 民主路 复兴路 延安路 北京路 上海路 南京路 天府大道 世纪大道 望江路 沿江大道`
  .trim()
  .split(/\s+/)

export const BUILDING_SUFFIXES: readonly string[] = ['大厦', '国际中心', '科技园', '广场', '商务楼', '创业园']

export interface Bank {
  name: string
  /** Typical corporate account length (16–19 digits) and leading digits. */
  length: number
  prefix: string
  weight: number
}

export const BANKS: readonly Bank[] = [
  { name: '中国工商银行', length: 19, prefix: '02', weight: 18 },
  { name: '中国建设银行', length: 19, prefix: '5', weight: 16 },
  { name: '中国农业银行', length: 19, prefix: '1', weight: 12 },
  { name: '中国银行', length: 18, prefix: '3', weight: 12 },
  { name: '交通银行', length: 19, prefix: '31', weight: 8 },
  { name: '招商银行', length: 16, prefix: '1', weight: 10 },
  { name: '中信银行', length: 19, prefix: '81', weight: 5 },
  { name: '上海浦东发展银行', length: 17, prefix: '9', weight: 5 },
  { name: '兴业银行', length: 18, prefix: '1', weight: 5 },
  { name: '中国民生银行', length: 16, prefix: '6', weight: 4 },
  { name: '中国光大银行', length: 18, prefix: '7', weight: 3 },
  { name: '平安银行', length: 16, prefix: '1', weight: 3 },
  { name: '华夏银行', length: 17, prefix: '4', weight: 2 },
  { name: '广发银行', length: 18, prefix: '9', weight: 2 },
  { name: '中国邮政储蓄银行', length: 19, prefix: '9', weight: 3 },
]

export const FREE_MAIL: readonly string[] = [
  '163.com',
  '126.com',
  'qq.com',
  'sina.com',
  'aliyun.com',
  'foxmail.com',
  'sohu.com',
]

export const MAILBOXES: readonly string[] = [
  'info',
  'sales',
  'service',
  'contact',
  'admin',
  'finance',
  'kefu',
  'market',
  'hr',
  'office',
]

export const REMARKS: readonly string[] = [
  '年度框架协议客户',
  '需开具增值税专用发票',
  '月结30天',
  '月结60天',
  '款到发货',
  '展会获取的线索，待跟进',
  '老客户转介绍',
  '对价格敏感，注意报价策略',
  '付款及时，信誉良好',
  '曾有逾期付款记录',
  '集团统一采购，需走招投标流程',
  '收货地址与注册地址不同',
  '节假日不收货',
  '重点维护客户，每季度回访',
]
