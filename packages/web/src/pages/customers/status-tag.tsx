import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CustomerStatus } from './customers-api'

const COLORS: Record<CustomerStatus, string> = { active: 'green', disabled: 'orange', archived: 'default' }

export function StatusTag({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={COLORS[status]} data-testid="customer-status">
      {t(`customers.status.${status}`)}
    </Tag>
  )
}
