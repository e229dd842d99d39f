import { UserOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Dropdown, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/client'
import { applyIssuesToForm } from '../api/form-issues'
import { changePassword, restartAfterSignIn, signOut, useSession } from '../api/session'
import { NewPasswordFields } from './new-password-fields'

/** The signed-in user's name, with change password and sign out; nothing for the loopback administrator. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const session = useSession()
  const [changing, setChanging] = useState(false)
  const out = useMutation({ mutationFn: signOut, onSuccess: () => restartAfterSignIn(client) })
  const user = session.data?.user
  if (!user) return null
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', label: t('session.changePassword'), onClick: () => setChanging(true) },
            { key: 'out', label: t('session.signOut'), onClick: () => out.mutate() },
          ],
        }}
      >
        <Button
          type="text"
          aria-label={t('session.userMenu')}
          data-testid="user-menu"
          icon={<UserOutlined style={{ color: '#fff' }} />}
          style={{ color: '#fff', paddingInline: compact ? 4 : undefined }}
        >
          {compact ? null : user.displayName}
        </Button>
      </Dropdown>
      {changing && <ChangePasswordModal onClose={() => setChanging(false)} />}
    </>
  )
}

interface Values {
  current: string
  next: string
  confirm: string
}

function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const save = useMutation({
    mutationFn: ({ confirm: _c, ...v }: Values) => changePassword(v),
    onSuccess: () => {
      void message.success(t('session.changed'))
      onClose()
    },
    onError: (e) => isApiError(e) && applyIssuesToForm(form, e),
  })
  return (
    <Modal
      open
      title={t('session.changePassword')}
      okText={t('session.save')}
      cancelText={t('session.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="current"
          label={t('session.currentPassword')}
          rules={[{ required: true, message: t('session.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="next" />
      </Form>
    </Modal>
  )
}
