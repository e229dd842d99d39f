import { Flex, Grid, Tabs, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { useCan } from '../../api/me'
import { areaUrl } from '../../areas'
import { useTenant } from '../../components/tenant-context'
import { MembersTab } from './members-tab'
import { RolesTab } from './roles-tab'
import { TokensTab } from './tokens-tab'
import { UsersTab } from './users-tab'

type TabKey = 'users' | 'roles' | 'members' | 'tokens'

/**
 * 系统管理: users (system administrators only: users are global), the tenant's roles, its members with their
 * data scopes, and API tokens. Each tab has its own address (`admin/roles`), so a link or a reload keeps it.
 */
export function AdminPage() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const can = useCan()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  // On a phone the four tabs fit in one bar only with the short name of the members' tab and narrower gaps.
  const narrow = !Grid.useBreakpoint().sm
  const tabs: { key: TabKey; label: string; children: ReactNode }[] = [
    ...(can('admin') ? [{ key: 'users' as const, label: t('admin.tabUsers'), children: <UsersTab /> }] : []),
    { key: 'roles', label: t('admin.tabRoles'), children: <RolesTab /> },
    { key: 'members', label: t(narrow ? 'admin.tabMembersShort' : 'admin.tabMembers'), children: <MembersTab /> },
    { key: 'tokens', label: t('admin.tabTokens'), children: <TokensTab /> },
  ]
  const base = areaUrl(tenant.code, 'admin')
  const asked = pathname.split('/')[4]
  const active = tabs.find((tab) => tab.key === asked)
  if (!active) return <Navigate replace to={`${base}/${tabs[0]?.key}`} />
  return (
    <Flex vertical gap={8} data-testid="admin-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('admin.title')}
      </Typography.Title>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${base}/${key}`)}
        items={tabs.map((tab) => ({
          key: tab.key,
          label: <span data-testid={`admin-tab-${tab.key}`}>{tab.label}</span>,
          children: tab.children,
        }))}
        destroyOnHidden
        {...(narrow ? { size: 'small' as const, tabBarGutter: 16 } : {})}
      />
    </Flex>
  )
}
