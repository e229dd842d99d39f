import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { useSession } from '../../api/session'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { NewPasswordFields } from '../../components/new-password-fields'
import { useTenant } from '../../components/tenant-context'
import {
  createUser,
  putMember,
  revokeSession,
  type User,
  updateUser,
  useAdminCall,
  useRoles,
  useSessions,
  useUsers,
} from './admin-api'
import { AdminList } from './admin-list'

export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '')

/** 用户: every user of the installation; create, disable or enable, reset a password, end sessions. */
export function UsersTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const users = useUsers()
  const roles = useRoles(tenant.code)
  const me = useSession().data?.user?.login
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<User | null>(null)
  const [sessionsOf, setSessionsOf] = useState<User | null>(null)
  const toggle = useAdminCall((u: User) => updateUser(u.login, { enabled: !u.enabled }))
  const roleName = (code: string) => roles.data?.find((r) => r.code === code)?.name ?? code
  const setEnabled = (u: User) =>
    toggle.mutate(u, {
      onSuccess: () =>
        void message.success(t(u.enabled ? 'admin.disabledDone' : 'admin.enabledDone', { login: u.login })),
    })

  return (
    <>
      <AdminList<User>
        name="user"
        rows={users}
        rowKey="id"
        addLabel={t('admin.addUser')}
        onAdd={() => setCreating(true)}
        failed={toggle.error}
        columns={[
          {
            title: t('admin.login'),
            render: (_, u) => (
              <Space size={4} wrap>
                <Typography.Text strong>{u.login}</Typography.Text>
                {u.isAdmin && <Tag color="gold">{t('admin.admin')}</Tag>}
              </Space>
            ),
          },
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.status'),
            render: (_, u) => (
              <Space size={4} wrap>
                {u.enabled ? <Tag color="green">{t('admin.enabled')}</Tag> : <Tag>{t('admin.disabled')}</Tag>}
                {!u.hasPassword && <Tag color="orange">{t('admin.noPassword')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('admin.roles'),
            render: (_, u) =>
              u.roles.filter((r) => r.tenant === tenant.code).map((r) => <Tag key={r.role}>{roleName(r.role)}</Tag>),
          },
          { title: t('admin.createdAt'), render: (_, u) => when(u.createdAt) },
          {
            title: t('admin.actions'),
            render: (_, u) => (
              <Space size={0} wrap data-testid={`user-actions-${u.login}`}>
                {u.enabled ? (
                  <Popconfirm title={t('admin.disableConfirm', { login: u.login })} onConfirm={() => setEnabled(u)}>
                    <Button type="link" size="small" disabled={u.login === me}>
                      {t('admin.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => setEnabled(u)}>
                    {t('admin.enable')}
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setResetting(u)}>
                  {t('admin.resetPassword')}
                </Button>
                <Button type="link" size="small" onClick={() => setSessionsOf(u)}>
                  {t('admin.sessions')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
      {sessionsOf && <SessionsModal user={sessionsOf} onClose={() => setSessionsOf(null)} />}
    </>
  )
}

interface NewUser {
  login: string
  displayName?: string
  password: string
  confirm: string
  admin?: boolean
  role?: string
}

/** A new user with an initial password, and optionally their role in this tenant straight away. */
function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const roles = useRoles(tenant.code)
  const [form] = Form.useForm<NewUser>()
  const save = useAdminCall(async ({ confirm: _c, role, ...v }: NewUser) => {
    const user = await createUser({ ...v, admin: v.admin ?? false })
    if (role) await putMember(tenant.code, user.login, { roles: [role], scopes: [] })
    return user
  })
  return (
    <Modal
      open
      title={t('admin.addUser')}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'user-save' } as never}
    >
      <Form<NewUser>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: (u) => {
              void message.success(t('admin.userCreated', { login: u.login }))
              onClose()
            },
            onError: (e) => isApiError(e) && applyIssuesToForm(form, e),
          })
        }
      >
        <Form.Item
          name="login"
          label={t('admin.login')}
          rules={[{ required: true, message: t('admin.loginRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.displayName')}>
          <Input autoComplete="off" />
        </Form.Item>
        <NewPasswordFields label={t('admin.password')} />
        <Form.Item name="role" label={`${t('admin.roles')} · ${tenant.name}`}>
          <Select
            allowClear
            options={(roles.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            data-testid="user-role"
          />
        </Form.Item>
        <Form.Item name="admin" valuePropName="checked" extra={t('admin.adminHint')}>
          <Checkbox>{t('admin.admin')}</Checkbox>
        </Form.Item>
      </Form>
      {save.isError && !(isApiError(save.error) && save.error.issues.length > 0) && (
        <ApiErrorAlert error={save.error} />
      )}
    </Modal>
  )
}

function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ password: string; confirm: string }>()
  const save = useAdminCall((password: string) => updateUser(user.login, { password }))
  return (
    <Modal
      open
      title={t('admin.resetTitle', { login: user.login })}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('admin.resetHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(v.password, {
            onSuccess: () => {
              void message.success(t('admin.resetDone', { login: user.login }))
              onClose()
            },
            onError: (e) => isApiError(e) && applyIssuesToForm(form, e),
          })
        }
      >
        <NewPasswordFields label={t('admin.newPassword')} />
      </Form>
      {save.isError && <ApiErrorAlert error={save.error} />}
    </Modal>
  )
}

function SessionsModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const sessions = useSessions(user.login)
  const revoke = useAdminCall(revokeSession)
  return (
    <Modal
      open
      width={820}
      title={t('admin.sessionsTitle', { login: user.login })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('admin.close')}</Button>}
    >
      {(sessions.error ?? revoke.error) && <ApiErrorAlert error={sessions.error ?? revoke.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('admin.sessionsNone') }}
        data-testid="sessions"
        columns={[
          { title: t('admin.signedInAt'), render: (_, s) => when(s.createdAt) },
          { title: t('admin.lastSeen'), render: (_, s) => when(s.lastSeenAt) },
          { title: t('admin.expires'), render: (_, s) => when(s.expiresAt) },
          { title: t('admin.address'), render: (_, s) => s.address ?? '' },
          {
            title: t('admin.browser'),
            render: (_, s) => (
              <Typography.Text ellipsis style={{ maxWidth: 200 }} title={s.userAgent ?? ''}>
                {s.userAgent ?? ''}
              </Typography.Text>
            ),
          },
          {
            title: '',
            render: (_, s) =>
              s.current ? (
                <Tag color="blue">{t('admin.thisSession')}</Tag>
              ) : (
                <Popconfirm
                  title={t('admin.revokeSessionConfirm')}
                  onConfirm={() =>
                    revoke.mutate(s.id, { onSuccess: () => void message.success(t('admin.sessionRevoked')) })
                  }
                >
                  <Button type="link" size="small" danger>
                    {t('admin.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Modal>
  )
}
