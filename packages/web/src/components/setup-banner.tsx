import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { SETUP_PATH, useSession } from '../api/session'

/** On the server's own machine, while nobody has a password: everyone here is the administrator; say so. */
export function SetupBanner() {
  const { t } = useTranslation()
  const session = useSession()
  if (!session.data?.setupRequired) return null
  return (
    <Alert
      type="info"
      showIcon
      banner
      data-testid="setup-banner"
      message={
        <>
          {t('session.setupBanner')} <Link to={SETUP_PATH}>{t('session.setupTitle')}</Link>
        </>
      }
    />
  )
}
