import { InfoCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router'
import { defaultTenant, useTenants } from '../api/platform'
import { ApiErrorAlert } from './api-error-alert'
import { Loading } from './app-layout'
import { Notice } from './notice'

/** A path without a tenant (`/`, `/customers`) opens the same place in the default tenant. */
export function TenantRedirect() {
  const { t } = useTranslation()
  const { pathname, search } = useLocation()
  const tenants = useTenants()
  if (tenants.isPending) return <Loading />
  if (tenants.isError)
    return (
      <div style={{ padding: 24 }}>
        <ApiErrorAlert error={tenants.error} onRetry={() => void tenants.refetch()} />
      </div>
    )
  const tenant = defaultTenant(tenants.data)
  if (!tenant)
    return <Notice icon={<InfoCircleOutlined />} title={t('tenant.noneTitle')} subTitle={t('tenant.noneDetail')} />
  const rest = pathname === '/' ? '' : pathname
  return <Navigate replace to={`/t/${encodeURIComponent(tenant.code)}${rest}${search}`} />
}
