import { LockOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { Notice } from './notice'

/** What a page the user may not open says instead (a link or an old bookmark can still lead there). */
export function AccessDenied({ what }: { what: string }) {
  const { t } = useTranslation()
  return (
    <Notice
      icon={<LockOutlined />}
      title={t('access.deniedTitle', { area: what })}
      subTitle={t('access.deniedDetail')}
    />
  )
}
