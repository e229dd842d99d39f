import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { AttributeEditor } from './attribute-editor'
import {
  type Attribute,
  type ClassTreeNode,
  classCodesOf,
  classFilter,
  type Dimension,
  type DimensionPatch,
  useClassTree,
  useDimensionMutations,
  useDimensions,
} from './dimensions-api'
import { IncompleteCount } from './incomplete-dialog'

/** 管理维度: the tenant's dimensions, each with its attributes and their editor. */
export function DimensionsPage() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const can = useCan()
  const list = useDimensions(tenant.code)
  const [editing, setEditing] = useState<Dimension | 'new' | null>(null)
  const [attr, setAttr] = useState<{ dimension: string; attribute: Attribute | null } | null>(null)

  return (
    <Flex vertical gap={16} data-testid="dimensions-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dimensions.title')}
        </Typography.Title>
        {can('dimension:edit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="dimension-add">
            {t('dimensions.add')}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary">{t('dimensions.intro')}</Typography.Text>
      {list.isError ? (
        <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : list.data.length === 0 ? (
        <Empty description={t('dimensions.empty')} />
      ) : (
        list.data.map((d) => (
          <DimensionCard
            key={d.id}
            dimension={d}
            onEdit={() => setEditing(d)}
            onEditAttribute={(a) => setAttr({ dimension: d.code, attribute: a })}
          />
        ))
      )}
      {editing !== null && (
        <DimensionEditor dimension={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {attr && (
        <AttributeEditor
          tenant={tenant.code}
          dimension={attr.dimension}
          attribute={attr.attribute}
          onClose={() => setAttr(null)}
        />
      )}
    </Flex>
  )
}

function AppliesTo({ dimension }: { dimension: Dimension }) {
  const { t } = useTranslation()
  const codes = classCodesOf(dimension.appliesTo)
  if (codes === null) return <Tag>{t('dimensions.appliesOther')}</Tag>
  if (codes.length === 0) return <Tag color="blue">{t('dimensions.appliesAll')}</Tag>
  return <Tag color="purple">{t('dimensions.appliesClassesList', { codes: codes.join('、') })}</Tag>
}

function DimensionCard({
  dimension: d,
  onEdit,
  onEditAttribute,
}: {
  dimension: Dimension
  onEdit: () => void
  onEditAttribute: (a: Attribute | null) => void
}) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const editable = useCan()('dimension:edit')
  const m = useDimensionMutations(tenant.code)
  const { modal, message } = App.useApp()

  const removeDimension = () =>
    modal.confirm({
      title: t('dimensions.confirmDelete', { name: d.name }),
      onOk: () =>
        m.deleteDimension.mutateAsync(d.code).catch((e: unknown) => {
          message.error(isApiError(e) ? e.detail : String(e))
        }),
    })
  const removeAttribute = (a: Attribute) => {
    const held = a.held ?? 0
    modal.confirm({
      title:
        held > 0
          ? t('dimensions.forceDeleteAttr', { count: held, name: a.name })
          : t('dimensions.confirmDeleteAttr', { name: a.name }),
      okButtonProps: { danger: held > 0 },
      onOk: () =>
        m.deleteAttribute.mutateAsync({ code: a.code, force: held > 0 }).catch((e: unknown) => {
          message.error(isApiError(e) ? e.detail : String(e))
        }),
    })
  }

  return (
    <Card
      data-testid={`dimension-${d.code}`}
      title={
        <Space wrap>
          <span>{d.name}</span>
          <Typography.Text type="secondary" code>
            {d.code}
          </Typography.Text>
          <AppliesTo dimension={d} />
          {!d.enabled && <Tag>{t('dimensions.disabled')}</Tag>}
        </Space>
      }
      extra={
        editable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={onEdit}>
              {t('dimensions.edit')}
            </Button>
            <Button icon={<DeleteOutlined />} danger onClick={removeDimension}>
              {t('dimensions.delete')}
            </Button>
          </Space>
        )
      }
    >
      {d.description && <Typography.Paragraph type="secondary">{d.description}</Typography.Paragraph>}
      <Table<Attribute>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={d.attributes}
        locale={{ emptyText: t('dimensions.noAttributes') }}
        columns={[
          {
            title: t('dimensions.code'),
            dataIndex: 'code',
            render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
          },
          { title: t('dimensions.name'), dataIndex: 'name' },
          {
            title: t('dimensions.type'),
            dataIndex: 'type',
            render: (v: Attribute['type'], a) =>
              `${t(`dimensions.types.${v}`)}${v === 'number' && a.precision ? ` (${a.precision})` : ''}${
                v === 'reference' && a.referenceScheme ? ` → ${a.referenceScheme}` : ''
              }`,
          },
          {
            title: t('dimensions.options'),
            render: (_, a) =>
              a.options.length ? a.options.map((o) => <Tag key={o.code}>{`${o.code} ${o.label}`}</Tag>) : null,
          },
          {
            title: t('dimensions.default'),
            render: (_, a) => (a.defaultValue === null || a.defaultValue === undefined ? '' : String(a.defaultValue)),
          },
          {
            title: '',
            render: (_, a) => (
              <Space size={2} wrap>
                {a.required && <Tag color="red">{t('dimensions.required')}</Tag>}
                {a.unique && <Tag color="gold">{t('dimensions.unique')}</Tag>}
                {a.indexed && <Tag color="green">{t('dimensions.indexed')}</Tag>}
                {!a.enabled && <Tag>{t('dimensions.disabled')}</Tag>}
              </Space>
            ),
          },
          { title: t('dimensions.held'), dataIndex: 'held', align: 'right' },
          {
            title: t('dimensions.incomplete'),
            render: (_, a) => <IncompleteCount tenant={tenant.code} attribute={a} />,
          },
          {
            title: '',
            render: (_, a) =>
              editable && (
                <Space>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => onEditAttribute(a)}
                    aria-label={t('dimensions.edit')}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => removeAttribute(a)}
                    aria-label={t('dimensions.delete')}
                  />
                </Space>
              ),
          },
        ]}
      />
      {editable && (
        <Button
          style={{ marginTop: 12 }}
          icon={<PlusOutlined />}
          onClick={() => onEditAttribute(null)}
          data-testid={`attribute-add-${d.code}`}
        >
          {t('dimensions.addAttribute')}
        </Button>
      )}
    </Card>
  )
}

interface DimensionValues {
  code: string
  name: string
  description?: string
  enabled: boolean
  scope: 'all' | 'classes' | 'other'
  classes?: string[]
}

interface TreeOption {
  value: string
  title: string
  children: TreeOption[]
}

function treeOf(nodes: ClassTreeNode[]): TreeOption[] {
  const byParent = new Map<string | null, ClassTreeNode[]>()
  for (const n of nodes) byParent.set(n.parentCode, [...(byParent.get(n.parentCode) ?? []), n])
  const build = (parent: string | null): TreeOption[] =>
    (byParent.get(parent) ?? []).map((n) => ({ value: n.code, title: `${n.code} ${n.name}`, children: build(n.code) }))
  return build(null)
}

function DimensionEditor({ dimension, onClose }: { dimension: Dimension | null; onClose: () => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const m = useDimensionMutations(tenant.code)
  const tree = useClassTree(tenant.code)
  const [form] = Form.useForm<DimensionValues>()
  const [error, setError] = useState<unknown>(null)
  const [pickerOpen, setPickerOpen] = useState(false)
  const scope = Form.useWatch('scope', form)
  const codes = dimension ? classCodesOf(dimension.appliesTo) : []
  const treeData = useMemo(() => (tree.data ? treeOf(tree.data) : null), [tree.data])

  const save = async () => {
    setError(null)
    let v: DimensionValues
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    const body: DimensionPatch = {
      code: v.code?.trim(),
      name: v.name?.trim(),
      description: v.description ?? '',
      enabled: v.enabled,
    }
    if (v.scope === 'all') body.appliesTo = null
    if (v.scope === 'classes') body.appliesTo = classFilter((v.classes ?? []).map((c) => c.trim()).filter(Boolean))
    try {
      if (dimension) await m.updateDimension.mutateAsync({ code: dimension.code, body })
      // Code and name are required by the form.
      else await m.createDimension.mutateAsync({ ...body, code: body.code ?? '', name: body.name ?? '' })
      onClose()
    } catch (e) {
      setError(e)
      if (isApiError(e)) applyIssuesToForm(form, e)
    }
  }

  return (
    <Modal
      open
      title={dimension ? `${t('dimensions.edit')} · ${dimension.name}` : t('dimensions.add')}
      onCancel={onClose}
      // Esc closes an open class picker, not the whole dialog.
      keyboard={!pickerOpen}
      onOk={() => void save()}
      okText={t('dimensions.save')}
      cancelText={t('dimensions.cancel')}
      okButtonProps={
        {
          'data-testid': 'dimension-save',
          loading: m.createDimension.isPending || m.updateDimension.isPending,
        } as never
      }
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="dimension-editor"
        initialValues={{
          code: dimension?.code,
          name: dimension?.name,
          description: dimension?.description,
          enabled: dimension?.enabled ?? true,
          scope: codes === null ? 'other' : codes.length === 0 ? 'all' : 'classes',
          classes: codes ?? [],
        }}
      >
        <Form.Item name="code" label={t('dimensions.code')} rules={[{ required: true }]}>
          <Input maxLength={40} data-testid="dimension-code" />
        </Form.Item>
        <Form.Item name="name" label={t('dimensions.name')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="dimension-name" />
        </Form.Item>
        <Form.Item name="description" label={t('dimensions.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="scope" label={t('dimensions.appliesTo')}>
          <Radio.Group>
            <Radio value="all">{t('dimensions.appliesAll')}</Radio>
            <Radio value="classes" data-testid="scope-classes">
              {t('dimensions.appliesClasses')}
            </Radio>
            {codes === null && <Radio value="other">{t('dimensions.appliesOther')}</Radio>}
          </Radio.Group>
        </Form.Item>
        {scope === 'classes' && (
          <Form.Item
            name="classes"
            label={treeData ? t('dimensions.classesPick') : t('dimensions.classesCodes')}
            rules={[{ required: true }]}
          >
            {treeData ? (
              <TreeSelect
                multiple
                treeData={treeData}
                treeDefaultExpandAll
                showSearch
                // Found by name as well as code, and shown by both in the tags.
                treeNodeFilterProp="title"
                treeNodeLabelProp="title"
                onOpenChange={setPickerOpen}
                data-testid="classes-pick"
              />
            ) : (
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} data-testid="classes-codes" />
            )}
          </Form.Item>
        )}
        <Form.Item name="enabled" valuePropName="checked">
          <Checkbox>{t('dimensions.enabled')}</Checkbox>
        </Form.Item>
      </Form>
      {error !== null && <ApiErrorAlert error={error} />}
    </Modal>
  )
}
