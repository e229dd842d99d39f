import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Button, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { restartAfterSignIn, setUp } from '../../api/session'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { NewPasswordFields } from '../../components/new-password-fields'
import { SessionCard } from './session-card'

interface Values {
  login: string
  displayName?: string
  password: string
  confirm: string
}

/** The one-time set-up of the first administrator: offered on the server's own machine while nobody has a password. */
export function SetUpPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [form] = Form.useForm<Values>()
  const submit = useMutation({
    mutationFn: ({ confirm: _c, ...v }: Values) => setUp(v),
    onSuccess: () => restartAfterSignIn(client),
    onError: (e) => isApiError(e) && applyIssuesToForm(form, e),
  })
  return (
    <SessionCard title={t('session.setupTitle')} intro={t('session.setupIntro')}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} data-testid="set-up">
        <Form.Item
          name="login"
          label={t('session.login')}
          rules={[{ required: true, message: t('session.loginRequired') }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="displayName" label={t('session.displayName')}>
          <Input autoComplete="name" />
        </Form.Item>
        <NewPasswordFields />
        {submit.isError && (
          <Form.Item>
            <ApiErrorAlert error={submit.error} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={submit.isPending}>
          {t('session.setUp')}
        </Button>
      </Form>
    </SessionCard>
  )
}
