import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { useSummary } from '../../api/platform'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { currentLanguage } from '../../i18n/i18n'
import {
  ATTRIBUTE_TYPES,
  type Attribute,
  type AttributeBody,
  type AttributeType,
  type ChangePreview,
  useDimensionMutations,
} from './dimensions-api'

interface Props {
  tenant: string
  /** The dimension a new attribute goes into. */
  dimension: string
  /** Null: a new attribute. */
  attribute: Attribute | null
  onClose: () => void
}

interface Values {
  code: string
  name: string
  type: AttributeType
  precision?: number
  required: boolean
  defaultValue?: string
  options?: { code: string; label: string; enabled?: boolean }[]
  referenceScheme?: string
  min?: string
  max?: string
  minLength?: number
  maxLength?: number
  pattern?: string
  unique: boolean
  indexed: boolean
  enabled: boolean
}

const blank = (v: unknown) => v === undefined || v === null || v === ''

/** The request body from the form: fields a type cannot carry are left out. */
function bodyOf(v: Values): AttributeBody {
  const c: NonNullable<AttributeBody['constraints']> = {}
  if ((v.type === 'number' || v.type === 'date') && !blank(v.min)) c.min = String(v.min).trim()
  if ((v.type === 'number' || v.type === 'date') && !blank(v.max)) c.max = String(v.max).trim()
  if ((v.type === 'text' || v.type === 'multi-choice') && !blank(v.minLength)) c.minLength = v.minLength
  if ((v.type === 'text' || v.type === 'multi-choice') && !blank(v.maxLength)) c.maxLength = v.maxLength
  if (v.type === 'text' && !blank(v.pattern)) c.pattern = v.pattern
  const choice = v.type === 'single-choice' || v.type === 'multi-choice'
  return {
    // Both are required by the form.
    code: v.code?.trim() ?? '',
    name: v.name?.trim() ?? '',
    type: v.type,
    precision: v.type === 'number' ? (v.precision ?? 0) : 0,
    required: v.required,
    defaultValue: blank(v.defaultValue) ? null : v.defaultValue,
    constraints: c,
    options: choice
      ? (v.options ?? []).map((o) => ({
          code: o.code?.trim() ?? '',
          label: o.label?.trim() ?? '',
          enabled: o.enabled ?? true,
        }))
      : [],
    ...(v.type === 'reference' ? { referenceScheme: v.referenceScheme ?? '' } : {}),
    unique: v.unique,
    indexed: v.indexed,
    enabled: v.enabled,
  }
}

const initialOf = (a: Attribute | null): Partial<Values> =>
  a
    ? {
        code: a.code,
        name: a.name,
        type: a.type,
        precision: a.precision,
        required: a.required,
        defaultValue: blank(a.defaultValue) ? undefined : String(a.defaultValue),
        options: a.options,
        ...(a.referenceScheme ? { referenceScheme: a.referenceScheme } : {}),
        ...a.constraints,
        unique: a.unique,
        indexed: a.indexed,
        enabled: a.enabled,
      }
    : { type: 'text', precision: 0, required: false, unique: false, indexed: false, enabled: true, options: [] }

/** 维度属性编辑: type-specific fields, required + default, unique, indexed; an edit previews its conflicts first. */
export function AttributeEditor({ tenant, dimension, attribute, onClose }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const m = useDimensionMutations(tenant)
  const summary = useSummary(tenant)
  const [error, setError] = useState<unknown>(null)
  const [preview, setPreview] = useState<ChangePreview | null>(null)
  const type = Form.useWatch('type', form) ?? attribute?.type ?? 'text'
  const options = Form.useWatch('options', form) ?? []
  const lang = currentLanguage()
  const { message } = App.useApp()

  const fail = (e: unknown) => {
    setError(e)
    if (isApiError(e)) applyIssuesToForm(form, e)
  }

  const runPreview = async (): Promise<ChangePreview | null> => {
    if (!attribute) return null
    const body = bodyOf(await form.validateFields())
    const p = await m.previewAttribute.mutateAsync({ code: attribute.code, body })
    setPreview(p)
    return p
  }

  const save = async () => {
    setError(null)
    try {
      const values = await form.validateFields()
      if (attribute) {
        const p = await runPreview()
        if (p && p.conflicts.length > 0) return
      }
      const r = attribute
        ? await m.updateAttribute.mutateAsync({ code: attribute.code, body: bodyOf(values) })
        : await m.createAttribute.mutateAsync({ dimension, body: bodyOf(values) })
      if (r.incomplete > 0) message.info(t('dimensions.incompleteSaved', { count: r.incomplete }))
      onClose()
    } catch (e) {
      if (isApiError(e) || e instanceof Error) fail(e)
    }
  }

  const choice = type === 'single-choice' || type === 'multi-choice'
  const defaultInput =
    choice || type === 'boolean' ? (
      <Select
        allowClear
        options={
          type === 'boolean'
            ? [
                { value: 'true', label: t('dimensions.yes') },
                { value: 'false', label: t('dimensions.no') },
              ]
            : options.filter((o) => o?.code).map((o) => ({ value: o.code, label: `${o.code} ${o.label ?? ''}` }))
        }
      />
    ) : (
      <Input data-testid="attr-default" placeholder={type === 'date' ? 'YYYY-MM-DD' : undefined} />
    )

  return (
    <Modal
      open
      width={720}
      title={attribute ? `${t('dimensions.edit')} · ${attribute.name}` : t('dimensions.addAttribute')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('dimensions.cancel')}</Button>
          {attribute && (
            <Button data-testid="attr-preview" onClick={() => void runPreview().catch(fail)}>
              {t('dimensions.preview')}
            </Button>
          )}
          <Button
            type="primary"
            data-testid="attr-save"
            loading={m.createAttribute.isPending || m.updateAttribute.isPending}
            onClick={() => void save()}
          >
            {t('dimensions.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initialOf(attribute)} data-testid="attribute-editor">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={t('dimensions.code')} rules={[{ required: true }]}>
              <Input data-testid="attr-code" maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="name" label={t('dimensions.name')} rules={[{ required: true }]}>
              <Input data-testid="attr-name" maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label={t('dimensions.type')} rules={[{ required: true }]}>
              <Select
                data-testid="attr-type"
                // A default rarely survives a type change; the preview would only refuse it.
                onChange={() => form.setFieldValue('defaultValue', undefined)}
                options={ATTRIBUTE_TYPES.map((v) => ({ value: v, label: t(`dimensions.types.${v}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {type === 'number' && (
          <Form.Item name="precision" label={t('dimensions.precision')}>
            <InputNumber min={0} max={6} />
          </Form.Item>
        )}
        {choice && (
          <Form.Item label={t('dimensions.options')} required>
            <Form.List name="options">
              {(fields, { add, remove }) => (
                <Flex vertical gap={4}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'code']} noStyle rules={[{ required: true }]}>
                        <Input
                          placeholder={t('dimensions.optionCode')}
                          style={{ width: 140 }}
                          data-testid="option-code"
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'label']} noStyle rules={[{ required: true }]}>
                        <Input
                          placeholder={t('dimensions.optionLabel')}
                          style={{ width: 220 }}
                          data-testid="option-label"
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'enabled']} noStyle valuePropName="checked" initialValue={true}>
                        <Checkbox>{t('dimensions.enabled')}</Checkbox>
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('dimensions.delete')}
                      />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ enabled: true })} data-testid="option-add">
                    {t('dimensions.addOption')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        )}
        {type === 'reference' && (
          <Form.Item name="referenceScheme" label={t('dimensions.referenceScheme')} rules={[{ required: true }]}>
            <Select
              options={(summary.data?.schemes ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
            />
          </Form.Item>
        )}
        {(type === 'number' || type === 'date') && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="min" label={t('dimensions.min')}>
                <Input placeholder={type === 'date' ? 'YYYY-MM-DD' : undefined} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="max" label={t('dimensions.max')}>
                <Input placeholder={type === 'date' ? 'YYYY-MM-DD' : undefined} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {(type === 'text' || type === 'multi-choice') && (
          <Row gutter={12}>
            <Col span={type === 'text' ? 6 : 12}>
              <Form.Item
                name="minLength"
                label={type === 'text' ? t('dimensions.minLength') : t('dimensions.minOptions')}
              >
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={type === 'text' ? 6 : 12}>
              <Form.Item
                name="maxLength"
                label={type === 'text' ? t('dimensions.maxLength') : t('dimensions.maxOptions')}
              >
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {type === 'text' && (
              <Col span={12}>
                <Form.Item name="pattern" label={t('dimensions.pattern')}>
                  <Input />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="defaultValue" label={t('dimensions.default')} extra={t('dimensions.requiredHint')}>
              {defaultInput}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="required" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox data-testid="attr-required">{t('dimensions.required')}</Checkbox>
            </Form.Item>
            <Form.Item
              name="unique"
              valuePropName="checked"
              style={{ marginBottom: 4 }}
              extra={t('dimensions.uniqueHint')}
            >
              <Checkbox>{t('dimensions.unique')}</Checkbox>
            </Form.Item>
            <Form.Item
              name="indexed"
              valuePropName="checked"
              style={{ marginBottom: 4 }}
              extra={t('dimensions.indexedHint')}
            >
              <Checkbox>{t('dimensions.indexed')}</Checkbox>
            </Form.Item>
            <Form.Item name="enabled" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>{t('dimensions.enabled')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {preview && (
        <Flex vertical gap={8} data-testid="attr-change-preview">
          <Typography.Text strong>{t('dimensions.previewTitle')}</Typography.Text>
          <Typography.Text>
            {t('dimensions.previewSummary', {
              held: preview.held,
              rewrites: preview.rewrites,
              conflicts: preview.conflicts.length,
            })}
            {preview.incomplete > 0 && ` ${t('dimensions.incompleteCount', { count: preview.incomplete })}`}
          </Typography.Text>
          {preview.conflicts.length > 0 && (
            <>
              <Alert type="warning" showIcon message={t('dimensions.conflictsBlock')} />
              <Table
                size="small"
                rowKey="customerId"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={preview.conflicts}
                columns={[
                  { title: t('dimensions.customer'), dataIndex: 'code' },
                  { title: t('dimensions.value'), render: (_, c) => JSON.stringify(c.value) },
                  { title: t('dimensions.reason'), render: (_, c) => (lang === 'en' ? c.reason.en : c.reason.zh) },
                ]}
              />
            </>
          )}
        </Flex>
      )}
      {error !== null && (
        <div style={{ marginTop: 12 }}>
          <ApiErrorAlert error={error} />
        </div>
      )}
    </Modal>
  )
}
