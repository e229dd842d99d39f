import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { type Permission, useCan } from '../../api/me'
import { useSession } from '../../api/session'
import { ApiErrorAlert } from '../../components/api-error-alert'
import {
  type ApiToken,
  type CreatedToken,
  createToken,
  revokeToken,
  useAdminCall,
  usePermissions,
  useTokens,
  useUsers,
} from './admin-api'
import { AdminList } from './admin-list'
import { usePermissionLabel } from './roles-tab'
import { when } from './users-tab'

/** API tokens: every user's for a system administrator, one's own otherwise; created, listed, revoked. */
export function TokensTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const all = useCan()('admin')
  const self = useSession().data?.user?.login
  const tokens = useTokens(all ? undefined : self)
  const label = usePermissionLabel()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<CreatedToken | null>(null)
  const revoke = useAdminCall((tk: ApiToken) => revokeToken(tk.id))
  const state = (tk: ApiToken) =>
    tk.revokedAt ? (
      <Tag>{t('admin.tokenRevoked')}</Tag>
    ) : tk.expiresAt && dayjs(tk.expiresAt).isBefore(dayjs()) ? (
      <Tag color="orange">{t('admin.tokenExpired')}</Tag>
    ) : (
      <Tag color="green">{t('admin.tokenActive')}</Tag>
    )

  return (
    <>
      <AdminList<ApiToken>
        name="token"
        rows={tokens}
        rowKey="id"
        addLabel={t('admin.addToken')}
        onAdd={() => setCreating(true)}
        failed={revoke.error}
        columns={[
          { title: t('admin.tokenName'), render: (_, tk) => <Typography.Text strong>{tk.name}</Typography.Text> },
          { title: t('admin.tokenUser'), dataIndex: 'login' },
          {
            title: t('admin.tokenScopes'),
            render: (_, tk) =>
              tk.scopes.length === 0 ? (
                <Typography.Text type="secondary">{t('admin.tokenScopesAll')}</Typography.Text>
              ) : (
                <Typography.Text ellipsis style={{ maxWidth: 280 }}>
                  {tk.scopes.map((s) => label(s)).join('、')}
                </Typography.Text>
              ),
          },
          { title: t('admin.status'), render: (_, tk) => state(tk) },
          { title: t('admin.createdAt'), render: (_, tk) => when(tk.createdAt) },
          { title: t('admin.expires'), render: (_, tk) => (tk.expiresAt ? when(tk.expiresAt) : t('admin.noExpiry')) },
          { title: t('admin.lastUsed'), render: (_, tk) => (tk.lastUsedAt ? when(tk.lastUsedAt) : t('admin.never')) },
          {
            title: t('admin.actions'),
            render: (_, tk) =>
              !tk.revokedAt && (
                <Popconfirm
                  title={t('admin.revokeTokenConfirm', { name: tk.name })}
                  onConfirm={() =>
                    revoke.mutate(tk, {
                      onSuccess: () => void message.success(t('admin.tokenRevokedDone', { name: tk.name })),
                    })
                  }
                >
                  <Button type="link" size="small" danger data-testid={`token-revoke-${tk.name}`}>
                    {t('admin.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <CreateTokenModal
          self={self ?? ''}
          onClose={() => setCreating(false)}
          onCreated={(tk) => {
            setCreating(false)
            setCreated(tk)
          }}
        />
      )}
      {created && <TokenSecretModal token={created} onClose={() => setCreated(null)} />}
    </>
  )
}

interface NewToken {
  name: string
  login: string
  scopes?: Permission[]
  expires?: Dayjs | null
}

function CreateTokenModal({
  self,
  onClose,
  onCreated,
}: {
  self: string
  onClose: () => void
  onCreated: (t: CreatedToken) => void
}) {
  const { t } = useTranslation()
  const all = useCan()('admin')
  const users = useUsers(all)
  const permissions = usePermissions()
  const label = usePermissionLabel()
  const [form] = Form.useForm<NewToken>()
  const save = useAdminCall(({ expires, scopes, ...v }: NewToken) =>
    createToken({ ...v, scopes: scopes ?? [], ...(expires ? { expiresAt: expires.endOf('day').toISOString() } : {}) }),
  )
  return (
    <Modal
      open
      title={t('admin.addToken')}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'token-save' } as never}
    >
      <Form<NewToken>
        form={form}
        layout="vertical"
        initialValues={{ login: self }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: (tk) => onCreated(tk),
            onError: (e) => isApiError(e) && applyIssuesToForm(form, e),
          })
        }
      >
        <Form.Item
          name="name"
          label={t('admin.tokenName')}
          rules={[{ required: true, whitespace: true, message: t('admin.tokenNameRequired') }]}
        >
          <Input placeholder={t('admin.tokenNameHint')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="login" label={t('admin.tokenUser')}>
          <Select
            disabled={!all}
            showSearch
            optionFilterProp="label"
            options={(all ? (users.data ?? []) : []).map((u) => ({
              value: u.login,
              label: `${u.displayName} (${u.login})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="scopes" label={t('admin.tokenScopes')} extra={t('admin.tokenScopesHint')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            placeholder={t('admin.tokenScopesAll')}
            options={(permissions.data ?? []).map((p) => ({ value: p.key, label: label(p.key) }))}
            data-testid="token-scopes"
          />
        </Form.Item>
        <Form.Item name="expires" label={t('admin.tokenExpires')} extra={t('admin.tokenExpiresHint')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
      {save.isError && !(isApiError(save.error) && save.error.issues.length > 0) && (
        <ApiErrorAlert error={save.error} />
      )}
    </Modal>
  )
}

/** The secret, once: copy it now, it is stored only as a hash. */
function TokenSecretModal({ token, onClose }: { token: CreatedToken; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal
      open
      title={t('admin.tokenCreatedTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-close">
          {t('admin.close')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon message={t('admin.tokenCreatedHint')} />
        <Typography.Paragraph
          code
          copyable={{ text: token.secret, tooltips: [t('admin.copy'), t('admin.copied')] }}
          style={{ wordBreak: 'break-all', margin: 0 }}
          data-testid="token-secret"
        >
          {token.secret}
        </Typography.Paragraph>
      </Space>
    </Modal>
  )
}
