import { CloseCircleOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'
import { Notice } from '../../components/notice'

/** Shown when a page throws while rendering, instead of a blank screen. */
export function RouteErrorPage() {
  const { t } = useTranslation()
  const error = useRouteError()
  return (
    <Notice
      icon={<CloseCircleOutlined />}
      title={t('error.title')}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.retry')}
        </Button>
      }
    />
  )
}
