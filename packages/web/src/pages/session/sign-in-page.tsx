import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Button, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { restartAfterSignIn, signIn } from '../../api/session'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { SessionCard } from './session-card'

interface Values {
  login: string
  password: string
}

/** Sign-in: shown in place of any page while nobody is signed in, so the page opens once signed in. */
export function SignInPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const submit = useMutation({
    mutationFn: (v: Values) => signIn(v),
    onSuccess: () => restartAfterSignIn(client),
  })
  return (
    <SessionCard title={t('session.signInTitle')} intro={t('session.signInIntro')}>
      <Form<Values> layout="vertical" requiredMark={false} onFinish={(v) => submit.mutate(v)} data-testid="sign-in">
        <Form.Item
          name="login"
          label={t('session.login')}
          rules={[{ required: true, message: t('session.loginRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('session.password')}
          rules={[{ required: true, message: t('session.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {submit.isError && (
          <Form.Item>
            <ApiErrorAlert error={submit.error} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={submit.isPending}>
          {t('session.signIn')}
        </Button>
      </Form>
    </SessionCard>
  )
}
