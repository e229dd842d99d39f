import { ApartmentOutlined, NumberOutlined, TeamOutlined } from '@ant-design/icons'
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCan } from '../../api/me'
import { useSummary } from '../../api/platform'
import { areaUrl } from '../../areas'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'

/** 首页: the tenant's counts at a glance, each card a way into its area; a card only for an area the member may see. */
export function DashboardPage() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const summary = useSummary(tenant.code)
  const can = useCan()

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dashboard.title', { tenant: tenant.name })}
      </Typography.Title>
      {summary.isError ? (
        <ApiErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      ) : summary.isPending ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {summary.data.customers !== null && (
              <StatCard
                to={areaUrl(tenant.code, 'customers')}
                icon={<TeamOutlined />}
                title={t('dashboard.customers')}
                value={summary.data.customers}
                suffix={t('dashboard.customersUnit')}
                testId="stat-customers"
              />
            )}
            {summary.data.codeRules !== null && (
              <StatCard
                to={areaUrl(tenant.code, 'code-rules')}
                icon={<NumberOutlined />}
                title={t('dashboard.codeRules')}
                value={summary.data.codeRules}
                suffix={t('dashboard.rulesUnit')}
                testId="stat-code-rules"
              />
            )}
          </Row>
          {!can('class:read') ? null : summary.data.schemes.length === 0 ? (
            <Empty description={t('dashboard.noSchemes')} />
          ) : (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('dashboard.schemes')}
              </Typography.Title>
              <Row gutter={[16, 16]}>
                {summary.data.schemes.map((s) => (
                  <StatCard
                    key={s.code}
                    to={`${areaUrl(tenant.code, 'classes')}?scheme=${encodeURIComponent(s.code)}`}
                    icon={<ApartmentOutlined />}
                    title={s.name}
                    value={s.nodes}
                    suffix={t('dashboard.nodesUnit')}
                    testId={`stat-scheme-${s.code}`}
                  />
                ))}
              </Row>
            </>
          )}
        </>
      )}
    </Flex>
  )
}

interface StatCardProps {
  to: string
  icon: ReactNode
  title: string
  value: number
  suffix: string
  testId: string
}

function StatCard({ to, icon, title, value, suffix, testId }: StatCardProps) {
  return (
    <Col xs={12} md={8} xl={6}>
      <Link to={to}>
        <Card hoverable size="small" data-testid={testId}>
          <Statistic
            title={
              <span>
                {icon} {title}
              </span>
            }
            value={value}
            suffix={suffix || undefined}
          />
        </Card>
      </Link>
    </Col>
  )
}
