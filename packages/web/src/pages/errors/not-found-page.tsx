import { QuestionCircleOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { areaUrl } from '../../areas'
import { Notice } from '../../components/notice'

/** A path inside a tenant that no area owns. */
export function NotFoundPage() {
  const { t } = useTranslation()
  const { tenant = '' } = useParams()
  return (
    <Notice
      icon={<QuestionCircleOutlined />}
      title={t('notFound.title')}
      subTitle={t('notFound.detail')}
      extra={
        <Link to={areaUrl(tenant, '')}>
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  )
}
