import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClearOutlined,
  HomeOutlined,
  NumberOutlined,
  SettingOutlined,
  SwapOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react'
import type { Permission } from './api/me'
import { ComingLater } from './components/coming-later'

export type AreaKey =
  | 'dashboard'
  | 'customers'
  | 'classes'
  | 'dimensions'
  | 'codeRules'
  | 'transfer'
  | 'cleaning'
  | 'reports'
  | 'audit'
  | 'admin'

export interface Area {
  key: AreaKey
  /** The URL segment after `/t/:tenant/`; '' for the dashboard. The area owns everything below it. */
  path: string
  icon: ReactNode
  page: LazyExoticComponent<ComponentType> & { preload?: () => void }
  /** Not built yet: the menu marks it 即将推出 until its issue lands. */
  soon?: boolean
  /** The permission that opens the area; without it the menu leaves the area out and its page says so. */
  permission?: Permission
}

/** Loads a page's module only when its area is opened (one chunk per area), or earlier through `preload`. */
function page(load: () => Promise<ComponentType>) {
  let loading: Promise<ComponentType> | undefined
  const start = () => {
    loading ??= load()
    return loading
  }
  return Object.assign(
    lazy(() => start().then((Page) => ({ default: Page }))),
    { preload: () => void start() },
  )
}

/** A placeholder page for an area that is not built yet. */
const later = (area: AreaKey) => lazy(async () => ({ default: () => <ComingLater area={area} /> }))

/**
 * The navigation and the routes, in menu order. To build an area, write its page in
 * `src/pages/<area>/` and point `page` at it; a page may route inside its area with
 * react-router's `<Routes>` (e.g. `customers/:id`), because the area's route is `path/*`.
 */
export const areas: Area[] = [
  {
    key: 'dashboard',
    path: '',
    icon: <HomeOutlined />,
    page: page(() => import('./pages/dashboard/dashboard-page').then((m) => m.DashboardPage)),
  },
  {
    key: 'customers',
    permission: 'customer:read',
    path: 'customers',
    icon: <TeamOutlined />,
    page: page(() => import('./pages/customers/customers-page').then((m) => m.CustomersPage)),
  },
  {
    key: 'classes',
    permission: 'class:read',
    path: 'classes',
    icon: <ApartmentOutlined />,
    page: page(() => import('./pages/classes/classes-page').then((m) => m.ClassesPage)),
  },
  {
    key: 'dimensions',
    permission: 'dimension:read',
    path: 'dimensions',
    icon: <TagsOutlined />,
    page: page(() => import('./pages/dimensions/dimensions-page').then((m) => m.DimensionsPage)),
  },
  {
    key: 'codeRules',
    permission: 'code-rule:read',
    path: 'code-rules',
    icon: <NumberOutlined />,
    page: page(() => import('./pages/code-rules/code-rules-page').then((m) => m.CodeRulesPage)),
  },
  {
    key: 'transfer',
    permission: 'import',
    path: 'transfer',
    icon: <SwapOutlined />,
    page: page(() => import('./pages/transfer/transfer-page').then((m) => m.TransferPage)),
  },
  { key: 'cleaning', path: 'cleaning', icon: <ClearOutlined />, page: later('cleaning'), soon: true },
  { key: 'reports', path: 'reports', icon: <BarChartOutlined />, page: later('reports'), soon: true },
  {
    key: 'audit',
    permission: 'audit:read',
    path: 'audit',
    icon: <AuditOutlined />,
    page: page(() => import('./pages/audit/audit-page').then((m) => m.AuditPage)),
  },
  {
    key: 'admin',
    path: 'admin',
    permission: 'tenant:admin',
    icon: <SettingOutlined />,
    page: page(() => import('./pages/admin/admin-page').then((m) => m.AdminPage)),
  },
]

/** The link to an area of a tenant, e.g. `areaUrl('DEMO', 'code-rules')` → `/t/DEMO/code-rules`. */
export const areaUrl = (tenant: string, path: string) => `/t/${encodeURIComponent(tenant)}${path ? `/${path}` : ''}`

/**
 * Starts loading the page module of the area a URL opens (`/t/DEMO/customers?…`), so it downloads while
 * the shell starts and asks for the tenants, instead of after.
 */
export function preloadArea(pathname: string) {
  const m = /^\/t\/[^/]+\/?([^/]*)/.exec(pathname)
  areas.find((a) => a.path === (m?.[1] ?? ''))?.page.preload?.()
}
