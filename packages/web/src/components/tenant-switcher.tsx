import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate, useParams } from 'react-router'
import { findTenant, useTenants } from '../api/platform'

/** Picks the 账套; the choice lives in the URL (`/t/:tenant/…`), so links and reloads keep it. */
export function TenantSwitcher({ width }: { width: number }) {
  const { t } = useTranslation()
  const { tenant } = useParams()
  const { pathname } = useLocation()
  const navigate = useNavigate()
  const tenants = useTenants()
  // Stay in the same area; deeper paths (a record's id) belong to the old tenant.
  const area = pathname.split('/')[3] ?? ''
  return (
    <Select
      aria-label={t('header.tenant')}
      data-testid="tenant-switcher"
      style={{ width }}
      loading={tenants.isPending}
      placeholder={t('header.tenantPlaceholder')}
      value={findTenant(tenants.data ?? [], tenant)?.code}
      options={(tenants.data ?? []).map((x) => ({ value: x.code, label: x.name, title: `${x.name} (${x.code})` }))}
      optionRender={(o) => (
        <span>
          {o.data.label} <span style={{ opacity: 0.55 }}>{o.data.value}</span>
        </span>
      )}
      onChange={(code: string) => navigate(`/t/${encodeURIComponent(code)}${area ? `/${area}` : ''}`)}
      popupMatchSelectWidth={false}
    />
  )
}
