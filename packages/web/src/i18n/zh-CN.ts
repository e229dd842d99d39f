// Chinese (default) UI strings. Its shape is the type every other language must match.

import { adminZh } from './admin'
import { auditZh } from './audit'
import { classesZh } from './classes'
import { codeRulesZh } from './code-rules'
import { customersZh } from './customers'
import { dimensionsZh } from './dimensions'
import { jobsZh } from './jobs'
import { sessionZh } from './session'
import { transferZh } from './transfer'
export const zhCN = {
  admin: adminZh,
  audit: auditZh,
  classes: classesZh,
  customers: customersZh,
  codeRules: codeRulesZh,
  dimensions: dimensionsZh,
  jobs: jobsZh,
  session: sessionZh,
  transfer: transferZh,
  app: {
    name: '客户',
    tagline: '客户主数据',
    loading: '加载中…',
  },
  nav: {
    soon: '即将推出',
    menu: '导航',
    dashboard: '首页',
    customers: '客户档案',
    classes: '分类',
    dimensions: '管理维度',
    codeRules: '编码规则',
    transfer: '导入导出',
    cleaning: '数据清洗',
    reports: '报表',
    audit: '审计日志',
    admin: '系统管理',
  },
  header: {
    tenant: '账套',
    tenantPlaceholder: '选择账套',
    language: '语言',
  },
  language: {
    'zh-CN': '中文',
    en: 'English',
  },
  footer: {
    server: '服务器 {{version}}',
    database: '数据库 {{database}}',
    unreachable: '服务器无法连接',
    checking: '正在检查服务器…',
  },
  dashboard: {
    title: '{{tenant}} · 概览',
    customers: '客户档案',
    codeRules: '编码规则',
    schemes: '分类体系',
    nodesUnit: '个分类',
    customersUnit: '户',
    rulesUnit: '条',
    noSchemes: '尚无分类体系',
  },
  tenant: {
    noneTitle: '尚无账套',
    noneDetail: '服务器上还没有任何账套，请管理员先创建一个。',
    unknownTitle: '账套 {{code}} 不存在',
    unknownDetail: '它可能已被删除，或链接有误。',
    goDefault: '打开默认账套',
  },
  access: {
    deniedTitle: '您没有打开「{{area}}」的权限',
    deniedDetail: '需要时请联系管理员为您分配角色。',
    notMemberTitle: '您不是账套「{{tenant}}」的成员',
    notMemberDetail: '请切换到您所属的账套，或请管理员把您加入这个账套。',
  },
  later: {
    title: '{{area}}将在后续版本中提供',
    detail: '这一部分尚未完成。',
  },
  notFound: {
    title: '页面不存在',
    detail: '请检查链接，或从左侧菜单进入。',
    home: '回到首页',
  },
  error: {
    title: '操作未成功',
    network: '无法连接服务器，请检查网络后重试。',
    unexpected: '服务器返回了意外的响应（HTTP {{status}}）。',
    retry: '重试',
    fields: '以下字段有问题：',
  },
}

/** The shape of every language's strings: the same keys as zh-CN, each a string. */
export type Messages = Widen<typeof zhCN>
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
