import { ClockCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { AreaKey } from '../areas'
import { Notice } from './notice'

/** The honest placeholder of an area that is not built yet. */
export function ComingLater({ area }: { area: AreaKey }) {
  const { t } = useTranslation()
  return (
    <Notice
      icon={<ClockCircleOutlined />}
      title={t('later.title', { area: t(`nav.${area}`) })}
      subTitle={t('later.detail')}
    />
  )
}
