import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'

/** Shown when a page throws while rendering, instead of a blank screen. */
export function RouteErrorPage() {
  const { t } = useTranslation()
  const error = useRouteError()
  return (
    <Result
      status="error"
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
