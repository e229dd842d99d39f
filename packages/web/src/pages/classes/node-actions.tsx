import { suggestNextSibling } from '@kehu/core'
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import {
  createNode,
  deleteNode,
  type MovePreview,
  mergeNode,
  moveNode,
  type Scheme,
  type TreeNode,
  updateNode,
  useClassCall,
  useMergePreview,
} from './classes-api'
import { FormDialog } from './form-dialog'

type Kind = 'add' | 'rename' | 'move' | 'merge' | 'delete' | 'defaults'

interface Props {
  scheme: Scheme
  nodes: TreeNode[]
  /** The selected class; null: only "add a level-1 class". */
  node: TreeNode | null
  onSelect: (code: string | null) => void
}

/** The buttons of one class (or of the tree root) and the dialog each opens. */
export function NodeActions({ scheme, nodes, node, onSelect }: Props) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const can = useCan()
  const [open, setOpen] = useState<Kind | null>(null)
  const toggle = useClassCall(tenant.code, (enabled: boolean) =>
    updateNode(tenant.code, scheme.code, node?.code ?? '', { enabled }),
  )
  const close = () => setOpen(null)
  if (!can('class:edit')) return null
  if (!node)
    return (
      <>
        <Button size="small" onClick={() => setOpen('add')} data-testid="add-root">
          {t('classes.addRoot')}
        </Button>
        {open === 'add' && (
          <AddNodeModal scheme={scheme} nodes={nodes} parent={null} onClose={close} onAdded={onSelect} />
        )}
      </>
    )
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        {/* A class on the last level of the level scheme can have no children. */}
        {scheme.levels && node.level < scheme.levels.split('-').length && (
          <Button onClick={() => setOpen('add')} data-testid="add-child">
            {t('classes.addChild')}
          </Button>
        )}
        <Button onClick={() => setOpen('rename')} data-testid="rename">
          {t('classes.rename')}
        </Button>
        <Button onClick={() => toggle.mutate(!node.enabled)} loading={toggle.isPending} data-testid="toggle">
          {node.enabled ? t('classes.disable') : t('classes.enable')}
        </Button>
        {scheme.levels && (
          <Button onClick={() => setOpen('move')} data-testid="move">
            {t('classes.move')}
          </Button>
        )}
        <Button onClick={() => setOpen('merge')} data-testid="merge">
          {t('classes.merge')}
        </Button>
        <Button onClick={() => setOpen('defaults')} data-testid="defaults">
          {t('classes.defaults')}
        </Button>
        <Button danger onClick={() => setOpen('delete')} data-testid="delete">
          {t('classes.delete')}
        </Button>
      </Space>
      {toggle.isError && <ApiErrorAlert error={toggle.error} />}
      {open === 'add' && (
        <AddNodeModal scheme={scheme} nodes={nodes} parent={node} onClose={close} onAdded={onSelect} />
      )}
      {open === 'rename' && <RenameModal scheme={scheme} node={node} onClose={close} />}
      {open === 'move' && <MoveModal scheme={scheme} nodes={nodes} node={node} onClose={close} onMoved={onSelect} />}
      {open === 'merge' && <MergeModal scheme={scheme} nodes={nodes} node={node} onClose={close} onMerged={onSelect} />}
      {open === 'delete' && (
        <DeleteModal scheme={scheme} nodes={nodes} node={node} onClose={close} onDeleted={() => onSelect(null)} />
      )}
      {open === 'defaults' && <DefaultsModal scheme={scheme} node={node} onClose={close} />}
    </Flex>
  )
}

const nodeOptions = (nodes: TreeNode[], keep: (n: TreeNode) => boolean) =>
  nodes.filter(keep).map((n) => ({ value: n.code, label: `${'\u3000'.repeat(n.level - 1)}${n.displayName}` }))

/** Every code below `code` (itself included). */
const subtreeOf = (nodes: TreeNode[], code: string) => {
  const out = new Set([code])
  for (const n of nodes) if (n.parentCode && out.has(n.parentCode)) out.add(n.code)
  return out
}

function suggest(scheme: Scheme, nodes: TreeNode[], parent: TreeNode | null): string | undefined {
  if (!scheme.levels) return undefined
  try {
    const taken = nodes.flatMap((n) => [n.code, ...n.aliases])
    return suggestNextSibling(scheme.levels.split('-').map(Number), parent?.code ?? null, taken)
  } catch {
    return undefined
  }
}

function AddNodeModal(props: {
  scheme: Scheme
  nodes: TreeNode[]
  parent: TreeNode | null
  onClose: () => void
  onAdded: (code: string) => void
}) {
  const { scheme, nodes, parent, onClose, onAdded } = props
  const { t } = useTranslation()
  const tenant = useTenant()
  type Values = { code?: string; name: string; moveParentCustomers?: boolean }
  const [form] = Form.useForm<Values>()
  const suggested = suggest(scheme, nodes, parent)
  const add = useClassCall(tenant.code, (v: Values) =>
    createNode(tenant.code, scheme.code, {
      ...(v.code?.trim() ? { code: v.code.trim() } : {}),
      name: v.name,
      parentCode: parent?.code ?? null,
      moveParentCustomers: v.moveParentCustomers ?? false,
    }),
  )
  return (
    <FormDialog
      title={parent ? `${t('classes.addChild')} · ${parent.displayName}` : t('classes.addRoot')}
      form={form}
      initialValues={{ code: suggested ?? '' }}
      pending={add.isPending}
      onClose={onClose}
      testId="add-node-form"
      onFinish={(v, fail) =>
        add.mutate(v, {
          onSuccess: (n) => {
            onAdded(n.code)
            onClose()
          },
          onError: fail,
        })
      }
    >
      <Form.Item name="code" label={t('classes.code')} extra={suggested && t('classes.codeHint', { code: suggested })}>
        <Input data-testid="node-code" placeholder={suggested} />
      </Form.Item>
      <Form.Item name="name" label={t('classes.name')}>
        <Input data-testid="node-name" />
      </Form.Item>
      {parent && scheme.leafOnly && parent.customerCount > 0 && (
        <Form.Item name="moveParentCustomers" valuePropName="checked">
          <Checkbox>{t('classes.moveParentCustomers', { count: parent.customerCount })}</Checkbox>
        </Form.Item>
      )}
    </FormDialog>
  )
}

function RenameModal({ scheme, node, onClose }: { scheme: Scheme; node: TreeNode; onClose: () => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const [form] = Form.useForm<{ name: string }>()
  const call = useClassCall(tenant.code, (v: { name: string }) => updateNode(tenant.code, scheme.code, node.code, v))
  return (
    <FormDialog
      title={`${t('classes.rename')} · ${node.displayName}`}
      form={form}
      initialValues={{ name: node.name }}
      pending={call.isPending}
      onClose={onClose}
      onFinish={(v, fail) => call.mutate(v, { onSuccess: onClose, onError: fail })}
    >
      <Form.Item name="name" label={t('classes.name')}>
        <Input data-testid="rename-input" />
      </Form.Item>
    </FormDialog>
  )
}

function MoveModal(props: {
  scheme: Scheme
  nodes: TreeNode[]
  node: TreeNode
  onClose: () => void
  onMoved: (code: string) => void
}) {
  const { scheme, nodes, node, onClose, onMoved } = props
  const { t } = useTranslation()
  const tenant = useTenant()
  const [parent, setParent] = useState<string>('')
  const [code, setCode] = useState('')
  const [recode, setRecode] = useState(false)
  const [preview, setPreview] = useState<MovePreview | null>(null)
  const inside = subtreeOf(nodes, node.code)
  const body = (p: boolean) => ({
    newParentCode: parent || null,
    ...(code.trim() ? { code: code.trim() } : {}),
    recodeCustomers: recode,
    preview: p,
  })
  const look = useClassCall(tenant.code, () => moveNode(tenant.code, scheme.code, node.code, body(true)))
  const move = useClassCall(tenant.code, () => moveNode(tenant.code, scheme.code, node.code, body(false)))
  const error = look.error ?? move.error
  return (
    <Modal
      open
      width={640}
      title={`${t('classes.move')} · ${node.displayName}`}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('classes.cancel')}</Button>
          <Button
            onClick={() => look.mutate(undefined, { onSuccess: setPreview })}
            loading={look.isPending}
            data-testid="move-preview"
          >
            {t('classes.previewMove')}
          </Button>
          <Button
            type="primary"
            disabled={!preview}
            loading={move.isPending}
            data-testid="move-confirm"
            onClick={() =>
              move.mutate(undefined, {
                onSuccess: (r) => {
                  onMoved(r.moves[0]?.newCode ?? node.code)
                  onClose()
                },
              })
            }
          >
            {t('classes.confirmMove')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('classes.newParent')}>
          <Select
            data-testid="move-parent"
            showSearch
            optionFilterProp="label"
            value={parent}
            onChange={(v) => {
              setParent(v)
              setPreview(null)
            }}
            options={[{ value: '', label: t('classes.toRoot') }, ...nodeOptions(nodes, (n) => !inside.has(n.code))]}
          />
        </Form.Item>
        <Form.Item label={t('classes.newCode')}>
          <Input
            value={code}
            onChange={(e) => {
              setCode(e.target.value)
              setPreview(null)
            }}
          />
        </Form.Item>
        <Form.Item extra={t('classes.recodeCustomersHelp')}>
          <Checkbox
            data-testid="move-recode"
            checked={recode}
            onChange={(e) => {
              setRecode(e.target.checked)
              setPreview(null)
            }}
          >
            {t('classes.recodeCustomers')}
          </Checkbox>
        </Form.Item>
      </Form>
      {error && <ApiErrorAlert error={error} />}
      {preview && (
        <Flex vertical gap={8} data-testid="move-preview-table">
          <Alert
            type="info"
            showIcon
            message={t('classes.moveSummary', { nodes: preview.moves.length, customers: preview.customersAffected })}
          />
          <Table
            size="small"
            rowKey="oldCode"
            pagination={false}
            dataSource={preview.moves}
            columns={[
              { title: t('classes.oldCode'), dataIndex: 'oldCode' },
              {
                title: t('classes.newCodeCol'),
                dataIndex: 'newCode',
                render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
              },
              { title: t('classes.name'), dataIndex: 'name' },
              { title: t('classes.customersCol'), dataIndex: 'customerCount' },
            ]}
          />
          {preview.customersRecoded && (
            <Flex vertical gap={4} data-testid="move-recoded-customers">
              <Typography.Text>
                {preview.customersRecoded.length > 0
                  ? t('classes.recodedCustomers', { count: preview.customersRecoded.length })
                  : t('classes.noRecodedCustomers')}
              </Typography.Text>
              {preview.customersRecoded.length > 0 && (
                <Table
                  size="small"
                  rowKey="from"
                  pagination={preview.customersRecoded.length > 10 ? { pageSize: 10, size: 'small' } : false}
                  dataSource={preview.customersRecoded}
                  columns={[
                    { title: t('classes.customerOldCode'), dataIndex: 'from' },
                    {
                      title: t('classes.customerNewCode'),
                      dataIndex: 'to',
                      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
                    },
                  ]}
                />
              )}
            </Flex>
          )}
        </Flex>
      )}
    </Modal>
  )
}

function MergeModal(props: {
  scheme: Scheme
  nodes: TreeNode[]
  node: TreeNode
  onClose: () => void
  onMerged: (code: string) => void
}) {
  const { scheme, nodes, node, onClose, onMerged } = props
  const { t } = useTranslation()
  const tenant = useTenant()
  const { modal } = App.useApp()
  const [into, setInto] = useState<string>()
  const call = useClassCall(tenant.code, (target: string) => mergeNode(tenant.code, scheme.code, node.code, target))
  // Only targets the server accepts (core's planMerge): not itself, not above or below it, a leaf in a leaf-only scheme.
  const byCode = new Map(nodes.map((n) => [n.code, n]))
  const ancestors = new Set<string>()
  for (let p = node.parentCode; p; p = byCode.get(p)?.parentCode ?? null) ancestors.add(p)
  const below = (n: TreeNode) => {
    for (let p = n.parentCode; p; p = byCode.get(p)?.parentCode ?? null) if (p === node.code) return true
    return false
  }
  const valid = (n: TreeNode) =>
    n.code !== node.code && !ancestors.has(n.code) && !below(n) && (!scheme.leafOnly || n.leaf)
  const hasChildren = nodes.some((n) => n.parentCode === node.code)
  const target = into ? byCode.get(into) : undefined
  // The counts come from the server's dry run, so they are what the merge will do now.
  const preview = useMergePreview(tenant.code, scheme.code, node.code, hasChildren ? undefined : into)
  const merge = () =>
    into &&
    call.mutate(into, {
      onSuccess: () => {
        onMerged(into)
        onClose()
      },
    })
  return (
    <Modal
      open
      title={`${t('classes.merge')} · ${node.displayName}`}
      okText={t('classes.merge')}
      cancelText={t('classes.cancel')}
      okButtonProps={
        { disabled: !into || hasChildren || !preview.isSuccess, danger: true, 'data-testid': 'merge-ok' } as never
      }
      confirmLoading={call.isPending}
      onCancel={onClose}
      // It deletes this class: asked once more, naming both.
      onOk={() =>
        target &&
        modal.confirm({
          title: t('classes.mergeConfirm', { source: node.displayName, target: target.displayName }),
          okText: t('classes.merge'),
          okButtonProps: { danger: true, 'data-testid': 'merge-confirm' } as never,
          cancelText: t('classes.cancel'),
          onOk: merge,
        })
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary">{t('classes.mergeHint')}</Typography.Paragraph>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('classes.mergeInto')}
          value={into}
          onChange={setInto}
          options={nodeOptions(nodes, valid)}
          data-testid="merge-target"
        />
        {hasChildren && <Alert type="warning" showIcon message={t('classes.mergeHasChildren')} />}
        {target && preview.isError && <ApiErrorAlert error={preview.error} />}
        {target && preview.isSuccess && (
          <Alert
            type="info"
            showIcon
            data-testid="merge-preview"
            message={t('classes.mergePreview', {
              count: preview.data.customersMoved,
              rules: preview.data.rulesRetargeted,
              source: node.displayName,
              target: target.displayName,
            })}
            description={
              preview.data.rulesRewritten.length > 0
                ? t('classes.mergeRewrites', {
                    source: node.displayName,
                    names: preview.data.rulesRewritten.join('、'),
                  })
                : undefined
            }
          />
        )}
        {call.isError && <ApiErrorAlert error={call.error} />}
      </Flex>
    </Modal>
  )
}

function DeleteModal(props: {
  scheme: Scheme
  nodes: TreeNode[]
  node: TreeNode
  onClose: () => void
  onDeleted: () => void
}) {
  const { scheme, nodes, node, onClose, onDeleted } = props
  const { t } = useTranslation()
  const tenant = useTenant()
  const [moveTo, setMoveTo] = useState<string>()
  const call = useClassCall(tenant.code, (target: string | undefined) =>
    deleteNode(tenant.code, scheme.code, node.code, target),
  )
  const done = {
    onSuccess: () => {
      onDeleted()
      onClose()
    },
  }
  const hasCustomers = isApiError(call.error) && call.error.code === 'CLASS_HAS_CUSTOMERS'
  const inside = subtreeOf(nodes, node.code)
  return (
    <Modal
      open
      title={t('classes.deleteConfirm', { node: node.displayName })}
      okText={t('classes.delete')}
      cancelText={t('classes.cancel')}
      okButtonProps={{ danger: true, disabled: hasCustomers }}
      confirmLoading={call.isPending}
      onCancel={onClose}
      onOk={() => call.mutate(undefined, done)}
    >
      <Flex vertical gap={12}>
        {call.isError && <ApiErrorAlert error={call.error} />}
        {(hasCustomers || node.customerCount > 0) && (
          <Space.Compact style={{ width: '100%' }}>
            <Select
              style={{ flex: 1 }}
              showSearch
              optionFilterProp="label"
              placeholder={t('classes.moveCustomersTo')}
              value={moveTo}
              onChange={setMoveTo}
              options={nodeOptions(nodes, (n) => !inside.has(n.code) && n.enabled && (!scheme.leafOnly || n.leaf))}
              data-testid="delete-move-to"
            />
            <Button
              danger
              disabled={!moveTo}
              onClick={() => call.mutate(moveTo, done)}
              data-testid="delete-move-confirm"
            >
              {t('classes.moveThenDelete')}
            </Button>
          </Space.Compact>
        )}
      </Flex>
    </Modal>
  )
}

function DefaultsModal({ scheme, node, onClose }: { scheme: Scheme; node: TreeNode; onClose: () => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const { message } = App.useApp()
  type Values = { defaults?: Record<string, string | undefined> }
  const [form] = Form.useForm<Values>()
  const call = useClassCall(tenant.code, (v: Values) =>
    updateNode(tenant.code, scheme.code, node.code, {
      // An emptied field clears the default; an untouched one leaves it.
      defaults: Object.fromEntries(
        Object.entries(v.defaults ?? {})
          .filter(([, x]) => x !== undefined)
          .map(([k, x]) => [k, x === '' ? null : x]),
      ),
    }),
  )
  return (
    <FormDialog
      title={`${t('classes.defaults')} · ${node.displayName}`}
      form={form}
      initialValues={{ defaults: { serviceLevel: node.defaults.serviceLevel ?? undefined } }}
      pending={call.isPending}
      onClose={onClose}
      onFinish={(v, fail) =>
        call.mutate(v, {
          onSuccess: () => {
            void message.success(t('classes.saved'))
            onClose()
          },
          onError: fail,
        })
      }
    >
      <Form.Item name={['defaults', 'accountManager']} label={t('classes.accountManager')}>
        <Input placeholder={node.defaults.accountManagerId ? '✓' : ''} />
      </Form.Item>
      <Form.Item name={['defaults', 'codeRule']} label={t('classes.codeRule')}>
        <Input placeholder={node.defaults.codeRuleId ? '✓' : ''} />
      </Form.Item>
      <Form.Item name={['defaults', 'serviceLevel']} label={t('classes.serviceLevel')}>
        <Input />
      </Form.Item>
    </FormDialog>
  )
}
