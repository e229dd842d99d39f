import { Alert, Button, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { type ApiIssue, isApiError } from '../api/client'

interface Props {
  error: unknown
  /** Issues to list; defaults to all of the error's issues (pass the ones no form field showed). */
  issues?: ApiIssue[]
  onRetry?: () => void
}

/** Shows a failed call as the server explained it: its detail and every issue, in the user's language. */
export function ApiErrorAlert({ error, issues, onRetry }: Props) {
  const { t } = useTranslation()
  const message = isApiError(error) ? error.detail : error instanceof Error ? error.message : String(error)
  const list = issues ?? (isApiError(error) ? error.issues : [])
  return (
    <Alert
      type="error"
      showIcon
      message={message}
      description={
        list.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {list.map((i) => (
              <li key={`${i.path.join('.')}:${i.code}:${i.message}`}>
                {i.label && !i.message.includes(i.label) && (
                  <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                    {i.label}
                  </Typography.Text>
                )}
                {i.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('error.retry')}
          </Button>
        )
      }
    />
  )
}
