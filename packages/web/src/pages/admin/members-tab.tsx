import {
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { useSchemes, useTree } from '../classes/classes-api'
import { treeOf } from '../customers/node-picker'
import { type Member, putMember, type Scope, useAdminCall, useMembers, useRoles, useUsers } from './admin-api'
import { AdminList } from './admin-list'

type NodeScope = Extract<Scope, { kind: 'node' }>

/** `客户分类 (01) 华东 及下级`: a scope as the lists show it. */
function ScopeTag({ scope }: { scope: Scope }) {
  const { t } = useTranslation()
  if (scope.kind === 'own') return <Tag color="purple">{t('admin.own')}</Tag>
  return (
    <Tag color="blue">
      {scope.schemeName} ({scope.nodeCode}) {scope.nodeName} ·{' '}
      {scope.subtree ? t('admin.subtree') : t('admin.thisLevel')}
    </Tag>
  )
}

/** 成员与数据权限: who works in this tenant, with which roles, seeing which customers. */
export function MembersTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const members = useMembers(tenant.code)
  const roles = useRoles(tenant.code)
  const [editing, setEditing] = useState<Member | 'new' | null>(null)
  const remove = useAdminCall((m: Member) => putMember(tenant.code, m.login, { roles: [], scopes: [] }))
  const roleName = (code: string) => roles.data?.find((r) => r.code === code)?.name ?? code

  return (
    <>
      <AdminList<Member>
        name="member"
        rows={members}
        rowKey="login"
        addLabel={t('admin.addMember')}
        onAdd={() => setEditing('new')}
        failed={remove.error}
        intro={<Typography.Text type="secondary">{t('admin.scopesHint')}</Typography.Text>}
        empty={t('admin.noMembers')}
        columns={[
          {
            title: t('admin.member'),
            render: (_, m) => (
              <Space size={4} wrap>
                <Typography.Text strong>{m.displayName}</Typography.Text>
                <Typography.Text type="secondary">{m.login}</Typography.Text>
                {!m.enabled && <Tag>{t('admin.disabled')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('admin.memberRoles'),
            render: (_, m) => m.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>),
          },
          {
            title: t('admin.scopes'),
            render: (_, m) =>
              m.scopes.length === 0 ? (
                <Typography.Text type="secondary">{t('admin.scopesAll')}</Typography.Text>
              ) : (
                <Space size={[0, 4]} wrap>
                  {m.scopes.map((s) => (
                    <ScopeTag key={s.kind === 'own' ? 'own' : s.nodeId} scope={s} />
                  ))}
                </Space>
              ),
          },
          {
            title: t('admin.actions'),
            render: (_, m) => (
              <Space size={0} data-testid={`member-actions-${m.login}`}>
                <Button type="link" size="small" onClick={() => setEditing(m)}>
                  {t('admin.edit')}
                </Button>
                <Popconfirm
                  title={t('admin.removeMemberConfirm', { name: m.displayName })}
                  onConfirm={() =>
                    remove.mutate(m, {
                      onSuccess: () => void message.success(t('admin.memberRemoved', { name: m.displayName })),
                    })
                  }
                >
                  <Button type="link" size="small" danger>
                    {t('admin.removeMember')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <MemberDrawer
          member={editing === 'new' ? null : editing}
          taken={new Set(members.data?.map((m) => m.login))}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  )
}

/** The user to add: picked from the users for a system administrator, typed for a tenant's administrator. */
function UserPicker({ value, onChange, taken }: { value: string; onChange: (v: string) => void; taken: Set<string> }) {
  const { t } = useTranslation()
  const listable = useCan()('admin')
  const users = useUsers(listable)
  if (!listable)
    return <Input value={value} onChange={(e) => onChange(e.target.value.trim())} placeholder={t('admin.login')} />
  return (
    <Select
      showSearch
      value={value || undefined}
      onChange={onChange}
      optionFilterProp="label"
      loading={users.isPending}
      options={(users.data ?? [])
        .filter((u) => !taken.has(u.login))
        .map((u) => ({ value: u.login, label: `${u.displayName} (${u.login})` }))}
      data-testid="member-user"
    />
  )
}

/** One member's roles and data scopes, saved together (`PUT …/members/{login}`). */
function MemberDrawer({ member, taken, onClose }: { member: Member | null; taken: Set<string>; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const roles = useRoles(tenant.code)
  const narrow = !Grid.useBreakpoint().md
  const [login, setLogin] = useState(member?.login ?? '')
  const [chosen, setChosen] = useState<string[]>(member?.roles ?? [])
  const [nodes, setNodes] = useState<NodeScope[]>(member?.scopes.filter((s): s is NodeScope => s.kind === 'node') ?? [])
  const [own, setOwn] = useState(member?.scopes.some((s) => s.kind === 'own') ?? false)
  const [tried, setTried] = useState(false)
  const save = useAdminCall(() =>
    putMember(tenant.code, login, {
      roles: chosen,
      scopes: [
        ...nodes.map((n) => ({ kind: 'node' as const, nodeId: n.nodeId, subtree: n.subtree })),
        ...(own ? [{ kind: 'own' as const }] : []),
      ],
    }),
  )
  const name = member?.displayName ?? login
  const submit = () => {
    setTried(true)
    if (!login || chosen.length === 0) return
    save.mutate(undefined, {
      onSuccess: () => {
        void message.success(t('admin.memberSaved', { name }))
        onClose()
      },
    })
  }
  return (
    <Drawer
      open
      width={narrow ? '100%' : 600}
      title={member ? t('admin.editMember', { name }) : t('admin.addMember')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="member-save">
            {t('admin.save')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        {!member && (
          <Form.Item
            label={t('admin.member')}
            required
            validateStatus={tried && !login ? 'error' : undefined}
            help={tried && !login ? t('admin.memberRequired') : undefined}
          >
            <UserPicker value={login} onChange={setLogin} taken={taken} />
          </Form.Item>
        )}
        <Form.Item
          label={t('admin.memberRoles')}
          required
          validateStatus={tried && chosen.length === 0 ? 'error' : undefined}
          help={tried && chosen.length === 0 ? t('admin.memberRolesRequired') : undefined}
        >
          <Checkbox.Group
            value={chosen}
            onChange={(v) => setChosen(v as string[])}
            options={(roles.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            data-testid="member-roles"
          />
        </Form.Item>
        <Form.Item label={t('admin.scopes')} extra={t('admin.scopesHint')}>
          <Flex vertical gap={8} data-testid="member-scopes">
            {nodes.length === 0 && !own && <Typography.Text type="secondary">{t('admin.scopesAll')}</Typography.Text>}
            {nodes.map((n) => (
              <Flex key={n.nodeId} gap={8} align="center" wrap>
                <Typography.Text style={{ flex: '1 1 160px' }}>
                  {n.schemeName} ({n.nodeCode}) {n.nodeName}
                </Typography.Text>
                <Radio.Group
                  size="small"
                  optionType="button"
                  value={n.subtree}
                  onChange={(e) =>
                    setNodes((all) => all.map((x) => (x.nodeId === n.nodeId ? { ...x, subtree: e.target.value } : x)))
                  }
                  options={[
                    { value: false, label: t('admin.thisLevel') },
                    { value: true, label: t('admin.subtree') },
                  ]}
                />
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => setNodes((all) => all.filter((x) => x.nodeId !== n.nodeId))}
                >
                  {t('admin.removeScope')}
                </Button>
              </Flex>
            ))}
            <AddNodeScope taken={new Set(nodes.map((n) => n.nodeId))} onAdd={(n) => setNodes((all) => [...all, n])} />
            <Checkbox checked={own} onChange={(e) => setOwn(e.target.checked)} data-testid="member-own">
              {t('admin.own')}
            </Checkbox>
            <Typography.Text type="secondary">{t('admin.ownHint')}</Typography.Text>
          </Flex>
        </Form.Item>
      </Form>
      {save.isError && <ApiErrorAlert error={save.error} />}
    </Drawer>
  )
}

/** Picks a scheme, then a node of its tree: added as 本级及下级 (the usual case), switchable to 本级. */
function AddNodeScope({ taken, onAdd }: { taken: Set<string>; onAdd: (n: NodeScope) => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const schemes = useSchemes(tenant.code)
  const [scheme, setScheme] = useState<string | undefined>()
  const picked = schemes.data?.find((s) => s.code === scheme) ?? schemes.data?.[0]
  const tree = useTree(tenant.code, picked?.code ?? 'class')
  const options = useMemo(() => (tree.data ? treeOf(tree.data.nodes, false, 'id') : []), [tree.data])
  return (
    <Flex gap={8} wrap data-testid="scope-add">
      <Select
        value={picked?.code}
        onChange={setScheme}
        options={(schemes.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
        style={{ width: 140 }}
        aria-label={t('admin.scheme')}
        data-testid="scope-scheme"
      />
      <TreeSelect
        value={null}
        placeholder={t('admin.addScope')}
        treeData={options}
        showSearch
        treeNodeFilterProp="title"
        treeDefaultExpandAll
        popupMatchSelectWidth={false}
        style={{ flex: '1 1 200px', minWidth: 180 }}
        aria-label={t('admin.node')}
        data-testid="scope-node"
        onChange={(id: string | null) => {
          const node = tree.data?.nodes.find((n) => n.id === id)
          if (!node || !picked || taken.has(node.id)) return
          onAdd({
            kind: 'node',
            nodeId: node.id,
            subtree: true,
            schemeCode: picked.code,
            schemeName: picked.name,
            nodeCode: node.code,
            nodeName: node.name,
          })
        }}
      />
    </Flex>
  )
}
