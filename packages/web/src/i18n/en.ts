import { adminEn } from './admin'
import { auditEn } from './audit'
import { classesEn } from './classes'
import { codeRulesEn } from './code-rules'
import { customersEn } from './customers'
import { dimensionsEn } from './dimensions'
import { jobsEn } from './jobs'
import { sessionEn } from './session'
import { transferEn } from './transfer'
import type { Messages } from './zh-CN'

export const en: Messages = {
  admin: adminEn,
  audit: auditEn,
  classes: classesEn,
  customers: customersEn,
  codeRules: codeRulesEn,
  dimensions: dimensionsEn,
  jobs: jobsEn,
  session: sessionEn,
  transfer: transferEn,
  app: {
    name: 'kehu',
    tagline: 'Customer master data',
    loading: 'Loading…',
  },
  nav: {
    soon: 'Soon',
    menu: 'Navigation',
    dashboard: 'Home',
    customers: 'Customers',
    classes: 'Classes',
    dimensions: 'Dimensions',
    codeRules: 'Code rules',
    transfer: 'Import & export',
    cleaning: 'Data cleaning',
    reports: 'Reports',
    audit: 'Audit log',
    admin: 'Administration',
  },
  header: {
    tenant: 'Tenant',
    tenantPlaceholder: 'Choose a tenant',
    language: 'Language',
  },
  language: {
    'zh-CN': '中文',
    en: 'English',
  },
  footer: {
    server: 'server {{version}}',
    database: 'database {{database}}',
    unreachable: 'server unreachable',
    checking: 'checking server…',
  },
  dashboard: {
    title: '{{tenant}} · overview',
    customers: 'Customers',
    codeRules: 'Code rules',
    schemes: 'Classes per scheme',
    nodesUnit: '',
    customersUnit: '',
    rulesUnit: '',
    noSchemes: 'No classification scheme yet',
  },
  tenant: {
    noneTitle: 'No tenant yet',
    noneDetail: 'The server has no tenant yet; an administrator has to create one first.',
    unknownTitle: 'Tenant {{code}} does not exist',
    unknownDetail: 'It may have been removed, or the link is wrong.',
    goDefault: 'Open the default tenant',
  },
  access: {
    deniedTitle: 'You may not open {{area}}',
    deniedDetail: 'Ask an administrator for a role that allows it.',
    notMemberTitle: 'You are not a member of tenant {{tenant}}',
    notMemberDetail: 'Switch to a tenant you belong to, or ask an administrator to add you to this one.',
  },
  later: {
    title: '{{area}} arrives in a later release',
    detail: 'This part is not built yet.',
  },
  notFound: {
    title: 'Page not found',
    detail: 'Check the link, or pick an area from the menu.',
    home: 'Back to home',
  },
  error: {
    title: 'That did not work',
    network: 'Cannot reach the server. Check the connection and try again.',
    unexpected: 'The server sent an unexpected response (HTTP {{status}}).',
    retry: 'Retry',
    fields: 'These fields have problems:',
  },
}
