import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useDebounced } from '../../components/use-debounced'
import {
  type CodeRule,
  type CodeRuleInput,
  type CodeSample,
  createCodeRule,
  updateCodeRule,
  useCodeCall,
  usePatternCheck,
  usePreview,
  useSchemeNodes,
} from './code-rules-api'

const TOKENS = [
  ['{serial:5}', 'serial'],
  ['{serial:4|per:date:yyyy}', 'serialPer'],
  ['{type}', 'type'],
  ['{region}', 'region'],
  ['{region|map:地区简称}', 'regionMap'],
  ['{class:1}', 'class1'],
  ['{industry}', 'industry'],
  ['{date:yyyymmdd}', 'date'],
  ['{date:yyyymm}', 'yyyymm'],
  ['{check}', 'check'],
] as const

const today = () => new Date().toISOString().slice(0, 10)

function NodeSelect(props: { tenant: string; scheme: string; value?: string; onChange: (v?: string) => void }) {
  const nodes = useSchemeNodes(props.tenant, props.scheme)
  return (
    <Select
      allowClear
      showSearch
      value={props.value}
      onChange={(v) => props.onChange(v)}
      loading={nodes.isPending}
      optionFilterProp="label"
      data-testid={`sample-${props.scheme}`}
      options={(nodes.data ?? []).map((n) => ({ value: n.code, label: `${n.code} ${n.name}` }))}
      style={{ width: '100%' }}
    />
  )
}

/** The rule editor: pattern with a token cheat-sheet, live check in the user's language, live preview, save. */
export function RuleEditor(props: { tenant: string; rule: CodeRule | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<CodeRuleInput>()
  const editing = props.rule
  const pattern = Form.useWatch('pattern', form) ?? editing?.pattern ?? ''
  // Legacy codes are typed codes: a rule whose codes are only generated has none.
  const mode = Form.useWatch('mode', form) ?? editing?.mode ?? 'auto'
  const debounced = useDebounced(pattern, 300)
  const check = usePatternCheck(props.tenant, debounced, editing?.name)
  const [sample, setSample] = useState<CodeSample>({ registrationDate: today() })
  const [count, setCount] = useState(5)
  const debouncedSample = useDebounced(sample, 300)
  const canPreview = debounced.trim() !== '' && check.data?.pattern !== '' && check.data !== undefined
  const preview = usePreview(props.tenant, debounced, debouncedSample, count, canPreview)
  const save = useCodeCall(props.tenant, (input: CodeRuleInput) =>
    editing ? updateCodeRule(props.tenant, editing.name, input) : createCodeRule(props.tenant, input),
  )
  const initial = useMemo<CodeRuleInput>(
    () =>
      editing
        ? {
            name: editing.name,
            pattern: editing.pattern,
            mode: editing.mode,
            onClash: editing.onClash,
            legacyCodes: editing.legacyCodes,
            isDefault: editing.isDefault,
            enabled: editing.enabled,
          }
        : { name: '', pattern: '', mode: 'auto', onClash: 'next', legacyCodes: false, isDefault: false, enabled: true },
    [editing],
  )

  const insert = (token: string) => form.setFieldValue('pattern', `${form.getFieldValue('pattern') ?? ''}${token}`)

  const submit = async () => {
    const values = await form.validateFields()
    try {
      const r = await save.mutateAsync(values)
      message.success(t('codeRules.saved', { name: r.name }))
      props.onClose()
    } catch {
      // shown below the form
    }
  }

  return (
    <Drawer
      open
      width={760}
      onClose={props.onClose}
      title={editing ? t('codeRules.editorEdit', { name: editing.name }) : t('codeRules.editorNew')}
      extra={
        <Space>
          <Button onClick={props.onClose} data-testid="rule-cancel">
            {t('codeRules.cancel')}
          </Button>
          <Button type="primary" onClick={() => void submit()} loading={save.isPending} data-testid="rule-save">
            {t('codeRules.save')}
          </Button>
        </Space>
      }
      data-testid="rule-editor"
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="name" label={t('codeRules.name')} rules={[{ required: true }]}>
              <Input data-testid="rule-name" maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="pattern" label={t('codeRules.pattern')} rules={[{ required: true }]}>
              <Input
                data-testid="rule-pattern"
                placeholder="{type}-{region}-{date:yyyymmdd}-{serial:5}"
                style={{ fontFamily: 'monospace' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary">{t('codeRules.cheatSheet')}</Typography.Text>
        <Flex wrap gap={6} style={{ margin: '6px 0 16px' }} data-testid="rule-tokens">
          {TOKENS.map(([token, key]) => (
            <Tag
              key={token}
              style={{ cursor: 'pointer' }}
              onClick={() => insert(token)}
              title={t(`codeRules.tokens.${key}`)}
            >
              <code>{token}</code> <Typography.Text type="secondary">{t(`codeRules.tokens.${key}`)}</Typography.Text>
            </Tag>
          ))}
        </Flex>
        <div data-testid="rule-check" style={{ marginBottom: 16 }}>
          {pattern.trim() === '' ? null : check.isError ? (
            <ApiErrorAlert error={check.error} />
          ) : !check.data || check.isFetching || debounced !== pattern ? (
            <Typography.Text type="secondary">
              <LoadingOutlined /> {t('codeRules.checking')}
            </Typography.Text>
          ) : check.data.accepted ? (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleFilled />}
              message={t('codeRules.accepted')}
              description={
                <Space direction="vertical" size={0}>
                  <span>
                    {t('codeRules.scope', {
                      scope: check.data.scope.length ? check.data.scope.join(' + ') : t('codeRules.scopeNone'),
                    })}
                  </span>
                  <span>
                    {check.data.capacity === null
                      ? t('codeRules.capacityWiden')
                      : t('codeRules.capacityOf', { n: check.data.capacity.toLocaleString() })}
                  </span>
                  {(check.data.counters ?? []).length > 0 && (
                    <div data-testid="rule-counters">
                      <span>{t('codeRules.countersIntro')}</span>
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {(check.data.counters ?? []).map((c) => (
                          <li key={c.scopeKey}>
                            {t('codeRules.counterStarts', {
                              scope: c.scopeKey || t('codeRules.counterWhole'),
                              startsAt: c.startsAt,
                              past: c.past,
                              first: c.firstCode ?? '—',
                            })}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </Space>
              }
            />
          ) : (
            <Alert
              type="error"
              showIcon
              icon={<CloseCircleFilled />}
              message={t('codeRules.refused')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="rule-reasons">
                  {check.data.issues.map((i) => (
                    <li key={`${i.path.join('.')}:${i.code}:${i.message}`}>{i.message}</li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="mode" label={t('codeRules.mode')}>
              <Select
                data-testid="rule-mode"
                options={(['auto', 'auto-editable', 'manual'] as const).map((m) => ({
                  value: m,
                  label: t(`codeRules.modes.${m}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="onClash" label={t('codeRules.onClash')} extra={t('codeRules.onClashHelp')}>
              <Radio.Group>
                <Radio value="next">{t('codeRules.onClashes.next')}</Radio>
                <Radio value="refuse">{t('codeRules.onClashes.refuse')}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isDefault" valuePropName="checked" label=" ">
              <Checkbox>{t('codeRules.isDefault')}</Checkbox>
            </Form.Item>
            <Form.Item name="enabled" valuePropName="checked" noStyle>
              <Checkbox>{t('codeRules.enabled')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        {mode !== 'auto' && (
          <Form.Item name="legacyCodes" valuePropName="checked" extra={t('codeRules.legacyCodesHelp')}>
            <Checkbox data-testid="rule-legacy-codes">{t('codeRules.legacyCodes')}</Checkbox>
          </Form.Item>
        )}
        {save.isError && (
          <div style={{ marginBottom: 16 }} data-testid="rule-save-error">
            <ApiErrorAlert error={save.error} issues={isApiError(save.error) ? save.error.issues : []} />
          </div>
        )}
      </Form>
      <Typography.Title level={5}>{t('codeRules.preview')}</Typography.Title>
      <Typography.Text type="secondary">{t('codeRules.sample')}</Typography.Text>
      <Row gutter={[12, 8]} style={{ margin: '8px 0 12px' }}>
        {(
          [
            ['type', 'sampleType'],
            ['region', 'sampleRegion'],
            ['class', 'sampleClass'],
            ['industry', 'sampleIndustry'],
          ] as const
        ).map(([scheme, label]) => (
          <Col span={12} key={scheme}>
            <Typography.Text>{t(`codeRules.${label}`)}</Typography.Text>
            <NodeSelect
              tenant={props.tenant}
              scheme={scheme}
              value={sample[scheme]}
              onChange={(v) => setSample((s) => ({ ...s, [scheme]: v }))}
            />
          </Col>
        ))}
        <Col span={12}>
          <Typography.Text>{t('codeRules.sampleDate')}</Typography.Text>
          {/* The same date picker as the customer form, in the UI's language. */}
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            value={sample.registrationDate ? dayjs(sample.registrationDate) : null}
            onChange={(d) => d && setSample((s) => ({ ...s, registrationDate: d.format('YYYY-MM-DD') }))}
            data-testid="sample-date"
          />
        </Col>
        <Col span={12}>
          <Typography.Text>{t('codeRules.count')}</Typography.Text>
          <InputNumber min={1} max={20} value={count} onChange={(v) => setCount(v ?? 5)} style={{ width: '100%' }} />
        </Col>
      </Row>
      <div data-testid="rule-preview">
        {!canPreview ? null : preview.isError ? (
          <ApiErrorAlert error={preview.error} />
        ) : (
          <List
            size="small"
            bordered
            loading={preview.isPending}
            header={t('codeRules.previewIntro', { count })}
            dataSource={preview.data?.items ?? []}
            renderItem={(i) => (
              <List.Item>
                <code data-testid="preview-code">{i.code}</code>
                {i.taken && <Tag color="orange">{t('codeRules.taken')}</Tag>}
              </List.Item>
            )}
          />
        )}
      </div>
    </Drawer>
  )
}
