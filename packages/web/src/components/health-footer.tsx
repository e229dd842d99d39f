import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useHealth } from '../api/platform'

const databaseNames = { sqlite: 'SQLite', postgresql: 'PostgreSQL' } as const

/** The server's version and database, small. */
export function HealthFooter() {
  const { t } = useTranslation()
  const health = useHealth()
  const text = health.isPending
    ? t('footer.checking')
    : health.isError
      ? t('footer.unreachable')
      : `kehu · ${t('footer.server', { version: health.data.version })} · ${t('footer.database', {
          database: databaseNames[health.data.database] ?? health.data.database,
        })}`
  return (
    <Typography.Text type={health.isError ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="health">
      {text}
    </Typography.Text>
  )
}
