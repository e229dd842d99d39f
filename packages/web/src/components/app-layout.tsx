import { LockOutlined, MenuOutlined, QuestionCircleOutlined } from '@ant-design/icons'
import { Button, Flex, Layout, Menu, Spin, Typography, theme } from 'antd'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router'
import { isApiError } from '../api/client'
import { useMe } from '../api/me'
import { defaultTenant, findTenant, useTenants } from '../api/platform'
import { type Area, areas, areaUrl } from '../areas'
import { AccessDenied } from './access-denied'
import { ApiErrorAlert } from './api-error-alert'
import { HealthFooter } from './health-footer'
import { LanguageSwitch } from './language-switch'
import { Notice } from './notice'
import { SetupBanner } from './setup-banner'
import { TenantContext } from './tenant-context'
import { TenantSwitcher } from './tenant-switcher'
import { UserMenu } from './user-menu'

const { Header, Sider, Content, Footer } = Layout

// antd's md breakpoint: below it the menu hides behind a header button.
const isPhone = () => window.matchMedia('(max-width: 767.98px)').matches

/** The shell of every tenant page: header (name, tenant, language), menu, content, footer. */
export function AppLayout() {
  const { t } = useTranslation()
  const { tenant = '' } = useParams()
  const { pathname } = useLocation()
  const navigate = useNavigate()
  const { token } = theme.useToken()
  // The Sider reports the md breakpoint (768px) on every change; start right to avoid a flash of the menu.
  const [mobile, setMobile] = useState(isPhone)
  const [collapsed, setCollapsed] = useState(isPhone)
  const area = areas.find((a) => a.path === (pathname.split('/')[3] ?? '')) ?? areas[0]!
  // Only the areas the user may open; none that need a permission until the answer is in.
  const held = useMe(tenant).data?.permissions
  const visible = areas.filter((a) => !a.permission || held?.includes(a.permission))

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: mobile ? 8 : 16,
          paddingInline: mobile ? 12 : 24,
          position: 'sticky',
          top: 0,
          zIndex: 20,
        }}
      >
        {mobile && (
          <Button
            type="text"
            aria-label={t('nav.menu')}
            aria-expanded={!collapsed}
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setCollapsed((c) => !c)}
          />
        )}
        <Link
          to={areaUrl(tenant, '')}
          style={{ display: 'flex', alignItems: 'center', gap: 8, marginInlineEnd: 'auto' }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            客户{mobile ? '' : ' kehu'}
          </Typography.Text>
        </Link>
        <TenantSwitcher width={mobile ? 110 : 200} />
        <LanguageSwitch size={mobile ? 'small' : 'middle'} />
        <UserMenu compact={mobile} />
      </Header>
      <SetupBanner />
      <Layout hasSider>
        <Sider
          breakpoint="md"
          collapsible
          collapsed={collapsed}
          collapsedWidth={mobile ? 0 : 64}
          onBreakpoint={setMobile}
          onCollapse={setCollapsed}
          style={
            mobile
              ? { position: 'fixed', top: 64, bottom: 0, insetInlineStart: 0, zIndex: 30 }
              : { position: 'sticky', top: 64, height: 'calc(100vh - 64px)' }
          }
          // On a phone the menu opens from the header's button.
          trigger={mobile ? null : undefined}
        >
          {/* A zero-width Sider would still let the menu's edge show through. */}
          {!(mobile && collapsed) && (
            <Menu
              theme="dark"
              mode="inline"
              aria-label={t('nav.menu')}
              selectedKeys={[area.key]}
              items={visible.map((a) => ({
                key: a.key,
                icon: a.icon,
                label: (
                  <Link to={areaUrl(tenant, a.path)} style={a.soon ? { opacity: 0.55 } : undefined}>
                    <span>{t(`nav.${a.key}`)}</span>
                    {a.soon && (
                      <span style={soonMark} data-testid={`nav-soon-${a.key}`}>
                        {t('nav.soon')}
                      </span>
                    )}
                  </Link>
                ),
              }))}
              onClick={() => mobile && setCollapsed(true)}
            />
          )}
        </Sider>
        {mobile && !collapsed && (
          // Tapping beside the open menu closes it.
          <div
            aria-hidden
            onClick={() => setCollapsed(true)}
            style={{ position: 'fixed', inset: 0, zIndex: 25, background: 'rgba(0,0,0,0.25)' }}
          />
        )}
        <Layout>
          <Content style={{ margin: mobile ? 12 : 24 }}>
            <div
              style={{
                background: token.colorBgContainer,
                borderRadius: token.borderRadiusLG,
                padding: mobile ? 12 : 24,
              }}
            >
              <TenantGate
                tenant={tenant}
                area={area}
                onOpen={(code) => navigate(areaUrl(code, ''), { replace: true })}
              />
            </div>
          </Content>
          <Footer style={{ textAlign: 'center', paddingBlock: 12 }}>
            <HealthFooter />
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  )
}

/**
 * Renders the area's page once the URL's tenant is known to exist and what the user may do there is known;
 * an area the user may not open says so instead.
 */
function TenantGate({ tenant, area, onOpen }: { tenant: string; area: Area; onOpen: (code: string) => void }) {
  const { t } = useTranslation()
  const tenants = useTenants()
  const me = useMe(tenant)
  if (tenants.isPending) return <Loading />
  if (tenants.isError) return <ApiErrorAlert error={tenants.error} onRetry={() => void tenants.refetch()} />
  const current = findTenant(tenants.data, tenant)
  if (current && me.isPending) return <Loading />
  if (current && me.isError) {
    if (isApiError(me.error) && me.error.status === 403)
      return (
        <Notice
          icon={<LockOutlined />}
          title={t('access.notMemberTitle', { tenant: current.name })}
          subTitle={t('access.notMemberDetail')}
        />
      )
    return <ApiErrorAlert error={me.error} onRetry={() => void me.refetch()} />
  }
  if (current && area.permission && !me.data?.permissions.includes(area.permission))
    return <AccessDenied what={t(`nav.${area.key}`)} />
  if (!current) {
    const fallback = defaultTenant(tenants.data)
    return (
      <Notice
        icon={<QuestionCircleOutlined />}
        title={t('tenant.unknownTitle', { code: tenant })}
        subTitle={t('tenant.unknownDetail')}
        extra={
          fallback && (
            <Button type="primary" onClick={() => onOpen(fallback.code)}>
              {t('tenant.goDefault')}
            </Button>
          )
        }
      />
    )
  }
  return (
    <TenantContext value={current}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </TenantContext>
  )
}

export function Loading() {
  const { t } = useTranslation()
  return (
    <Flex justify="center" style={{ padding: 48 }}>
      <Spin tip={t('app.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </Flex>
  )
}

/** The muted 即将推出 mark beside an area that is not built yet. */
const soonMark = {
  marginInlineStart: 8,
  padding: '0 4px',
  fontSize: 11,
  lineHeight: '16px',
  border: '1px solid currentColor',
  borderRadius: 4,
} as const
