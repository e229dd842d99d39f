import { App, Button, Checkbox, Drawer, Flex, Form, Grid, Input, Popconfirm, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import type { Permission } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { currentLanguage } from '../../i18n/i18n'
import {
  createRole,
  deleteRole,
  type PermissionInfo,
  type Role,
  updateRole,
  useAdminCall,
  usePermissions,
  useRoles,
} from './admin-api'
import { AdminList } from './admin-list'

/** A permission in the user's words, from `GET /api/permissions`; its key while that list loads. */
export function usePermissionLabel(): (key: string) => string {
  const permissions = usePermissions().data
  const zh = currentLanguage() === 'zh-CN'
  return (key) => {
    const p = permissions?.find((x) => x.key === key)
    return p ? (zh ? p.label.zh : p.label.en) : key
  }
}

/** 角色: the built-in roles (read-only) and the tenant's own roles made of permissions. */
export function RolesTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const roles = useRoles(tenant.code)
  const label = usePermissionLabel()
  const [open, setOpen] = useState<Role | 'new' | null>(null)
  const remove = useAdminCall((r: Role) => deleteRole(tenant.code, r.code))

  return (
    <>
      <AdminList<Role>
        name="role"
        rows={roles}
        rowKey="code"
        addLabel={t('admin.addRole')}
        onAdd={() => setOpen('new')}
        failed={remove.error}
        columns={[
          {
            title: t('admin.roleName'),
            render: (_, r) => (
              <Space size={4}>
                <Typography.Text strong>{r.name}</Typography.Text>
                {r.builtIn && <Tag>{t('admin.builtIn')}</Tag>}
              </Space>
            ),
          },
          { title: t('admin.roleCode'), render: (_, r) => <Typography.Text code>{r.code}</Typography.Text> },
          {
            title: t('admin.permissions'),
            render: (_, r) => (
              <Typography.Text
                ellipsis={{ tooltip: r.permissions.map(label).join('、') }}
                style={{ maxWidth: 360 }}
                type="secondary"
              >
                {t('admin.permissionCount', { count: r.permissions.length })}：{r.permissions.map(label).join('、')}
              </Typography.Text>
            ),
          },
          {
            title: t('admin.actions'),
            render: (_, r) => (
              <Space size={0} data-testid={`role-actions-${r.code}`}>
                <Button type="link" size="small" onClick={() => setOpen(r)}>
                  {r.builtIn ? t('admin.view') : t('admin.edit')}
                </Button>
                {!r.builtIn && (
                  <Popconfirm
                    title={t('admin.deleteRoleConfirm', { name: r.name })}
                    onConfirm={() =>
                      remove.mutate(r, {
                        onSuccess: () => void message.success(t('admin.roleDeleted', { name: r.name })),
                      })
                    }
                  >
                    <Button type="link" size="small" danger>
                      {t('admin.deleteRole')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open && <RoleDrawer role={open === 'new' ? null : open} onClose={() => setOpen(null)} />}
    </>
  )
}

interface RoleValues {
  code: string
  name: string
  permissions: Permission[]
}

/** Create or edit a role: its name and a checkbox per permission; a built-in role is shown, not edited. */
function RoleDrawer({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const permissions = usePermissions()
  const narrow = !Grid.useBreakpoint().md
  const [form] = Form.useForm<RoleValues>()
  const readOnly = role?.builtIn ?? false
  const save = useAdminCall((v: RoleValues) =>
    role
      ? updateRole(tenant.code, role.code, { name: v.name, permissions: v.permissions })
      : createRole(tenant.code, v),
  )
  const zh = currentLanguage() === 'zh-CN'
  return (
    <Drawer
      open
      width={narrow ? '100%' : 560}
      title={role ? t(readOnly ? 'admin.viewRole' : 'admin.editRole', { name: role.name }) : t('admin.addRole')}
      onClose={onClose}
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>{t('admin.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="role-save">
              {t('admin.save')}
            </Button>
          </Space>
        )
      }
    >
      {readOnly && <Typography.Paragraph type="secondary">{t('admin.builtInHint')}</Typography.Paragraph>}
      <Form<RoleValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={role ?? { permissions: [] }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              void message.success(t('admin.roleSaved', { name: v.name }))
              onClose()
            },
            onError: (e) => isApiError(e) && applyIssuesToForm(form, e),
          })
        }
      >
        <Form.Item
          name="code"
          label={t('admin.roleCode')}
          extra={role ? undefined : t('admin.roleCodeHint')}
          rules={[{ required: true, message: t('admin.roleCodeRequired') }]}
        >
          <Input disabled={role !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.roleName')}
          rules={[{ required: true, message: t('admin.roleNameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('admin.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('admin.permissionsRequired') }]}
        >
          <Checkbox.Group style={{ display: 'block' }} data-testid="role-permissions">
            <Flex vertical gap={6}>
              {(permissions.data ?? []).map((p: PermissionInfo) => (
                <Checkbox key={p.key} value={p.key}>
                  {zh ? p.label.zh : p.label.en} <Typography.Text type="secondary">{p.key}</Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      </Form>
      {permissions.isError && <ApiErrorAlert error={permissions.error} />}
      {save.isError && !(isApiError(save.error) && save.error.issues.length > 0) && (
        <ApiErrorAlert error={save.error} />
      )}
    </Drawer>
  )
}
