import { DeleteOutlined, EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { JobProgress } from '../../components/job-progress'
import { useTenant } from '../../components/tenant-context'
import { isOpenJob, useJob } from '../../components/use-job'
import {
  auditCodes,
  type CodeAudit,
  type CodeMap,
  type CodeMapInput,
  type CodeRule,
  type CounterCapacity,
  createCodeMap,
  deleteCodeRule,
  replaceCodeMap,
  startCodeAuditFix,
  useCapacity,
  useCodeCall,
  useCodeMaps,
  useCodeRules,
} from './code-rules-api'
import { RuleEditor } from './rule-editor'

/** 编码规则: the rules with a live-checked editor, counter capacity, map tables and the code audit. */
export function CodeRulesPage() {
  const { t } = useTranslation()
  const can = useCan()
  return (
    <Flex vertical gap={16} data-testid="code-rules-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('codeRules.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('codeRules.intro')}</Typography.Text>
      <Tabs
        items={[
          { key: 'rules', label: t('codeRules.tabRules'), children: <RulesTab /> },
          {
            key: 'capacity',
            label: <span data-testid="tab-capacity">{t('codeRules.tabCapacity')}</span>,
            children: <CapacityTab />,
          },
          { key: 'maps', label: <span data-testid="tab-maps">{t('codeRules.tabMaps')}</span>, children: <MapsTab /> },
          ...(can('code:audit')
            ? [
                {
                  key: 'audit',
                  label: <span data-testid="tab-audit">{t('codeRules.tabAudit')}</span>,
                  children: <AuditTab />,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  )
}

function RulesTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const editable = useCan()('code-rule:edit')
  const rules = useCodeRules(tenant.code)
  const [editing, setEditing] = useState<CodeRule | 'new' | null>(null)
  const remove = useCodeCall(tenant.code, (name: string) => deleteCodeRule(tenant.code, name))
  return (
    <Flex vertical gap={12}>
      {editable && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-add">
            {t('codeRules.add')}
          </Button>
        </Flex>
      )}
      {remove.isError && <ApiErrorAlert error={remove.error} />}
      {rules.isError ? (
        <ApiErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.isPending ? (
        <Skeleton active />
      ) : (
        <Table<CodeRule>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={rules.data}
          locale={{ emptyText: <Empty description={t('codeRules.empty')} /> }}
          data-testid="rule-list"
          columns={[
            { title: t('codeRules.position'), dataIndex: 'position', width: 70 },
            { title: t('codeRules.name'), dataIndex: 'name' },
            { title: t('codeRules.pattern'), dataIndex: 'pattern', render: (p: string) => <code>{p}</code> },
            {
              title: t('codeRules.mode'),
              dataIndex: 'mode',
              render: (m: CodeRule['mode']) => t(`codeRules.modes.${m}`),
            },
            {
              title: t('codeRules.condition'),
              dataIndex: 'condition',
              render: (c: CodeRule['condition']) =>
                c ? <Typography.Text code>{JSON.stringify(c)}</Typography.Text> : null,
            },
            {
              title: t('codeRules.isDefault'),
              dataIndex: 'isDefault',
              render: (d: boolean) => (d ? <Tag color="blue">{t('codeRules.isDefault')}</Tag> : null),
            },
            {
              title: t('codeRules.enabled'),
              dataIndex: 'enabled',
              render: (e: boolean) => (e ? t('codeRules.yes') : <Tag>{t('codeRules.no')}</Tag>),
            },
            {
              key: 'actions',
              width: 120,
              render: (_: unknown, r: CodeRule) =>
                editable && (
                  <Space>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(r)}
                      title={t('codeRules.edit')}
                    />
                    <Popconfirm
                      title={t('codeRules.deleteConfirm', { name: r.name })}
                      onConfirm={() =>
                        remove.mutate(r.name, {
                          onSuccess: () => message.success(t('codeRules.deleted', { name: r.name })),
                        })
                      }
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        title={t('codeRules.delete')}
                        disabled={r.isDefault}
                      />
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      )}
      {editing !== null && (
        <RuleEditor tenant={tenant.code} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Flex>
  )
}

const LEVEL_RANK = { full: 0, warn: 1, ok: 2 } as const
const LEVEL_COLOR = { full: 'red', warn: 'orange', ok: 'green' } as const

interface RuleCapacity {
  rule: string
  counters: CounterCapacity[]
  /** The counter with the least share left (an unbounded one only when all are). */
  fullest: CounterCapacity
  /** The soonest a counter runs out, in days; null: none will at the current rate. */
  firstOut: number | null
  level: CounterCapacity['level']
}

/** One row per rule, riskiest first: full, then running out, then by the fullest counter and the soonest end. */
function byRule(items: CounterCapacity[]): RuleCapacity[] {
  const groups = new Map<string, CounterCapacity[]>()
  for (const c of items) groups.set(c.rule, [...(groups.get(c.rule) ?? []), c])
  const share = (c: CounterCapacity) => c.remainingShare ?? Number.POSITIVE_INFINITY
  const rows = [...groups].map(([rule, counters]): RuleCapacity => {
    const sorted = [...counters].sort(
      (a, b) =>
        LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || share(a) - share(b) || (a.daysLeft ?? 1e12) - (b.daysLeft ?? 1e12),
    )
    const days = counters.flatMap((c) => (c.daysLeft === null ? [] : [c.daysLeft]))
    const fullest = sorted[0] as CounterCapacity
    return { rule, counters: sorted, fullest, firstOut: days.length ? Math.min(...days) : null, level: fullest.level }
  })
  return rows.sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      share(a.fullest) - share(b.fullest) ||
      (a.firstOut ?? 1e12) - (b.firstOut ?? 1e12),
  )
}

function CapacityTab() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const cap = useCapacity(tenant.code)
  if (cap.isError) return <ApiErrorAlert error={cap.error} onRetry={() => void cap.refetch()} />
  if (cap.isPending) return <Skeleton active />
  const days = (d: number | null) =>
    d === null
      ? t('codeRules.never')
      : d > 3650
        ? t('codeRules.daysOver')
        : t('codeRules.days', { n: d.toLocaleString() })
  const use = (c: CounterCapacity) =>
    c.remaining === null ? (
      '∞'
    ) : (
      <Progress
        percent={Math.round((1 - (c.remainingShare ?? 0)) * 1000) / 10}
        size="small"
        status={c.level === 'ok' ? 'normal' : 'exception'}
        format={(p) => t('codeRules.usedShare', { share: p })}
      />
    )
  const level = (l: CounterCapacity['level']) => <Tag color={LEVEL_COLOR[l]}>{t(`codeRules.level.${l}`)}</Tag>
  return (
    <Flex vertical gap={12} data-testid="capacity">
      <Typography.Text type="secondary">{t('codeRules.capacityIntro')}</Typography.Text>
      {cap.data.some((c) => c.level !== 'ok') && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          message={cap.data
            .filter((c) => c.level !== 'ok')
            .map((c) => `${c.rule}（${c.scope}）: ${t(`codeRules.level.${c.level}`)}`)
            .join('；')}
        />
      )}
      <Table<RuleCapacity>
        rowKey="rule"
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={byRule(cap.data)}
        locale={{ emptyText: <Empty description={t('codeRules.capacityEmpty')} /> }}
        data-testid="capacity-rules"
        expandable={{
          expandedRowRender: (r) => (
            <Table<CounterCapacity>
              rowKey="scopeKey"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={r.counters}
              data-testid={`capacity-counters-${r.rule}`}
              columns={[
                { title: t('codeRules.scopeKey'), dataIndex: 'scope' },
                { title: t('codeRules.used'), dataIndex: 'used', align: 'right' },
                { title: t('codeRules.next'), dataIndex: 'next', align: 'right' },
                { title: t('codeRules.remaining'), key: 'use', width: 200, render: (_, c) => use(c) },
                { title: t('codeRules.perDay'), dataIndex: 'ratePerDay', align: 'right' },
                { title: t('codeRules.daysLeft'), dataIndex: 'daysLeft', align: 'right', render: days },
                { title: '', dataIndex: 'level', render: level },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('codeRules.rule'), dataIndex: 'rule' },
          { title: t('codeRules.counters'), key: 'n', align: 'right', render: (_, r) => r.counters.length },
          { title: t('codeRules.fullest'), key: 'fullest', width: 220, render: (_, r) => use(r.fullest) },
          { title: t('codeRules.firstOut'), dataIndex: 'firstOut', align: 'right', render: days },
          { title: '', dataIndex: 'level', render: level },
        ]}
      />
    </Flex>
  )
}

const entriesText = (m: CodeMap | null) => (m ? m.entries.map((e) => `${e.value}=${e.short}`).join('\n') : '')
const parseEntries = (s: string) =>
  s
    .split(/\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const i = l.indexOf('=')
      return i < 0 ? { value: l, short: '' } : { value: l.slice(0, i).trim(), short: l.slice(i + 1).trim() }
    })

function MapsTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const editable = useCan()('code-rule:edit')
  const maps = useCodeMaps(tenant.code)
  const [editing, setEditing] = useState<CodeMap | 'new' | null>(null)
  const [form] = Form.useForm<{ name: string; entries: string }>()
  const save = useCodeCall(tenant.code, (input: CodeMapInput) =>
    editing && editing !== 'new' ? replaceCodeMap(tenant.code, editing.name, input) : createCodeMap(tenant.code, input),
  )
  const open = (m: CodeMap | 'new') => {
    setEditing(m)
    save.reset()
    form.setFieldsValue({ name: m === 'new' ? '' : m.name, entries: entriesText(m === 'new' ? null : m) })
  }
  const submit = async () => {
    const v = await form.validateFields()
    const r = await save.mutateAsync({ name: v.name, entries: parseEntries(v.entries) }).catch(() => null)
    if (r) {
      message.success(t('codeRules.mapSaved', { name: r.name }))
      setEditing(null)
    }
  }
  if (maps.isError) return <ApiErrorAlert error={maps.error} onRetry={() => void maps.refetch()} />
  if (maps.isPending) return <Skeleton active />
  return (
    <Flex vertical gap={12} data-testid="maps">
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('codeRules.mapsIntro')}</Typography.Text>
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('codeRules.mapAdd')}
          </Button>
        )}
      </Flex>
      <Table<CodeMap>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={maps.data}
        locale={{ emptyText: <Empty description={t('codeRules.mapsEmpty')} /> }}
        columns={[
          { title: t('codeRules.mapName'), dataIndex: 'name', width: 160 },
          {
            title: t('codeRules.mapEntries'),
            key: 'entries',
            render: (_: unknown, m) => (
              <Typography.Text ellipsis style={{ maxWidth: 600 }}>
                {t('codeRules.mapCount', { n: m.entries.length })}：
                {m.entries
                  .slice(0, 12)
                  .map((e) => `${e.value}→${e.short}`)
                  .join('，')}
                {m.entries.length > 12 ? '…' : ''}
              </Typography.Text>
            ),
          },
          {
            key: 'edit',
            width: 60,
            render: (_: unknown, m) =>
              editable && <Button size="small" icon={<EditOutlined />} onClick={() => open(m)} />,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('codeRules.mapAdd') : editing ? editing.name : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        okText={t('codeRules.save')}
        cancelText={t('codeRules.cancel')}
        confirmLoading={save.isPending}
        width={560}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('codeRules.mapName')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="entries" label={t('codeRules.mapEntries')}>
            <Input.TextArea rows={10} style={{ fontFamily: 'monospace' }} placeholder={'北京=BJ\n上海=SH'} />
          </Form.Item>
        </Form>
        {save.isError && <ApiErrorAlert error={save.error} />}
      </Modal>
    </Flex>
  )
}

function AuditTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const tenant = useTenant()
  const run = useCodeCall(tenant.code, () => auditCodes(tenant.code))
  const fix = useCodeCall(tenant.code, () => startCodeAuditFix(tenant.code))
  const started = fix.data?.job
  const r = run.data
  // The fix runs as a job: once it is done, say what it moved and audit again to show what is left.
  const { job, cancel } = useJob(tenant.code, started?.id, started, (ended) => {
    if (ended.status !== 'done') return
    message.success(t('codeRules.auditFixed', { n: (ended.result as { fixed?: number } | null)?.fixed ?? 0 }))
    run.mutate(undefined)
  })
  return (
    <Flex vertical gap={12} data-testid="audit">
      <Typography.Text type="secondary">{t('codeRules.auditIntro')}</Typography.Text>
      <Space wrap>
        <Button type="primary" onClick={() => run.mutate(undefined)} loading={run.isPending} data-testid="audit-run">
          {t('codeRules.auditRun')}
        </Button>
        {r && r.counts['counter-behind'] > 0 && (
          <Button
            onClick={() => fix.mutate(undefined)}
            loading={fix.isPending || isOpenJob(job)}
            data-testid="audit-fix"
          >
            {t('codeRules.auditFix')}
          </Button>
        )}
      </Space>
      {job && (job.status !== 'done' || job.error) && (
        <JobProgress job={job} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} />
      )}
      {fix.isError && <ApiErrorAlert error={fix.error} />}
      {run.isError && <ApiErrorAlert error={run.error} />}
      {r &&
        (r.findings.length === 0 ? (
          <Alert type="success" showIcon message={t('codeRules.auditNone', { n: r.checked })} />
        ) : (
          <>
            <Typography.Text>
              {t('codeRules.auditSummary', { n: r.checked })}：
              {(Object.keys(r.counts) as (keyof CodeAudit['counts'])[])
                .map((k) => `${t(`codeRules.kinds.${k}`)} ${r.counts[k]}`)
                .join('，')}
            </Typography.Text>
            <Table
              rowKey={(f) => `${f.kind}|${f.code}|${f.rule ?? ''}`}
              size="small"
              dataSource={r.findings}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: '',
                  dataIndex: 'kind',
                  width: 110,
                  render: (k: keyof CodeAudit['counts']) => <Tag color="orange">{t(`codeRules.kinds.${k}`)}</Tag>,
                },
                { title: t('codeRules.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
                { title: t('codeRules.customer'), dataIndex: 'customerName' },
                { title: t('codeRules.reason'), dataIndex: 'reason' },
                { title: t('codeRules.fix'), dataIndex: 'fix' },
              ]}
            />
          </>
        ))}
    </Flex>
  )
}
