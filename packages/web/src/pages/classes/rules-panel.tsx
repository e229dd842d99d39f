import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Space, Switch, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { currentLanguage } from '../../i18n/i18n'
import {
  type ClassRule,
  type ClassRuleBody,
  createClassRule,
  deleteClassRule,
  type ReclassifyPreview,
  reclassify,
  type Scheme,
  type TreeNode,
  updateClassRule,
  useClassCall,
  useRules,
} from './classes-api'
import { FormDialog } from './form-dialog'

/** 自动分类: the scheme's ordered rules, adding one, and a re-classification run previewed before it applies. */
export function RulesPanel({ scheme, nodes }: { scheme: Scheme; nodes: TreeNode[] }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const can = useCan()
  const editable = can('class:edit')
  const rules = useRules(tenant.code, scheme.code)
  const [adding, setAdding] = useState(false)
  const [run, setRun] = useState(false)
  const toggle = useClassCall(tenant.code, (r: ClassRule) =>
    updateClassRule(tenant.code, scheme.code, r.id, { enabled: !r.enabled }),
  )
  const remove = useClassCall(tenant.code, (r: ClassRule) => deleteClassRule(tenant.code, scheme.code, r.id))
  const zh = currentLanguage() === 'zh-CN'
  return (
    <Card
      size="small"
      title={t('classes.rules')}
      extra={
        <Space>
          {editable && (
            <Button size="small" onClick={() => setAdding(true)} data-testid="add-rule">
              {t('classes.addRule')}
            </Button>
          )}
          {can('customer:edit') && (
            <Button size="small" type="primary" onClick={() => setRun(true)} data-testid="reclassify">
              {t('classes.reclassify')}
            </Button>
          )}
        </Space>
      }
    >
      {rules.isError && <ApiErrorAlert error={rules.error} />}
      {(toggle.error ?? remove.error) && <ApiErrorAlert error={toggle.error ?? remove.error} />}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={rules.isPending}
        dataSource={rules.data ?? []}
        locale={{ emptyText: t('classes.noRules') }}
        columns={[
          { title: '#', dataIndex: 'position', width: 48 },
          { title: t('classes.ruleName'), dataIndex: 'name' },
          { title: t('classes.ruleCondition'), render: (_, r) => (zh ? r.description.zh : r.description.en) },
          { title: t('classes.ruleTarget'), render: (_, r) => `(${r.node}) ${r.nodeName}` },
          {
            title: t('classes.ruleEnabled'),
            render: (_, r) => (
              <Switch size="small" checked={r.enabled} disabled={!editable} onChange={() => toggle.mutate(r)} />
            ),
          },
          {
            title: '',
            render: (_, r) =>
              editable && (
                <Button size="small" danger type="link" onClick={() => remove.mutate(r)}>
                  {t('classes.ruleDelete')}
                </Button>
              ),
          },
        ]}
      />
      {adding && <RuleModal scheme={scheme} nodes={nodes} onClose={() => setAdding(false)} />}
      {run && <ReclassifyModal scheme={scheme} onClose={() => setRun(false)} />}
    </Card>
  )
}

function RuleModal({ scheme, nodes, onClose }: { scheme: Scheme; nodes: TreeNode[]; onClose: () => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const [form] = Form.useForm<{ name: string; node: string; condition: string }>()
  const call = useClassCall(tenant.code, (v: ClassRuleBody) => createClassRule(tenant.code, scheme.code, v))
  return (
    <FormDialog
      width={640}
      title={t('classes.addRule')}
      form={form}
      initialValues={{ condition: '{"all":[{"field":"address","op":"contains","value":"北京"}]}' }}
      pending={call.isPending}
      onClose={onClose}
      onFinish={(v, fail) => {
        // As the clerk typed it; the server checks the whole filter.
        let condition: ClassRuleBody['condition']
        try {
          condition = JSON.parse(v.condition)
        } catch {
          form.setFields([{ name: 'condition', errors: [t('classes.invalidJson')] }])
          return
        }
        call.mutate({ name: v.name, node: v.node, condition }, { onSuccess: onClose, onError: fail })
      }}
    >
      <Form.Item name="name" label={t('classes.ruleName')}>
        <Input />
      </Form.Item>
      <Form.Item name="node" label={t('classes.ruleTarget')}>
        <Select
          showSearch
          optionFilterProp="label"
          options={nodes
            .filter((n) => !scheme.leafOnly || n.leaf)
            .map((n) => ({ value: n.code, label: n.displayName }))}
        />
      </Form.Item>
      <Form.Item name="condition" label={t('classes.ruleCondition')}>
        <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </FormDialog>
  )
}

function ReclassifyModal({ scheme, onClose }: { scheme: Scheme; onClose: () => void }) {
  const { t } = useTranslation()
  const tenant = useTenant()
  const [preview, setPreview] = useState<ReclassifyPreview | null>(null)
  const [applied, setApplied] = useState<number | null>(null)
  const look = useClassCall(tenant.code, () => reclassify(tenant.code, scheme.code, { preview: true }))
  const apply = useClassCall(tenant.code, (expectedCount: number) =>
    reclassify(tenant.code, scheme.code, { expectedCount }),
  )
  // The preview is fetched once, when the dialog opens.
  const [asked, setAsked] = useState(false)
  if (!asked) {
    setAsked(true)
    look.mutate(undefined, { onSuccess: setPreview })
  }
  return (
    <Modal
      open
      width={640}
      title={t('classes.reclassifyTitle')}
      onCancel={onClose}
      okText={t('classes.apply')}
      cancelText={t('classes.cancel')}
      okButtonProps={
        { disabled: !preview || preview.count === 0 || applied !== null, 'data-testid': 'reclassify-apply' } as never
      }
      confirmLoading={apply.isPending}
      onOk={() => preview && apply.mutate(preview.count, { onSuccess: (r) => setApplied(r.moved ?? 0) })}
    >
      <Flex vertical gap={12} data-testid="reclassify-preview">
        {(look.error ?? apply.error) && <ApiErrorAlert error={look.error ?? apply.error} />}
        {applied !== null && <Alert type="success" showIcon message={t('classes.applied', { count: applied })} />}
        {preview &&
          (preview.count === 0 ? (
            <Typography.Text>{t('classes.reclassifyNone')}</Typography.Text>
          ) : (
            <>
              <Typography.Text>{t('classes.reclassifySummary', { count: preview.count })}</Typography.Text>
              <Table
                size="small"
                pagination={false}
                rowKey={(r) => `${r.from}-${r.to}`}
                dataSource={preview.transitions}
                columns={[
                  { title: t('classes.from'), dataIndex: 'from', render: (v: string | null) => v ?? t('classes.none') },
                  { title: t('classes.to'), dataIndex: 'to' },
                  { title: t('classes.count'), dataIndex: 'count' },
                ]}
              />
            </>
          ))}
        {preview && preview.skippedRules.length > 0 && (
          <Alert type="warning" message={preview.skippedRules.join(', ')} />
        )}
      </Flex>
    </Modal>
  )
}
