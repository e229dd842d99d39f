import { LockOutlined } from '@ant-design/icons'
import { BUILTIN_SCHEMES, SENSITIVE_FIELDS } from '@kehu/core'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Skeleton, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { type ApiIssue, isApiError } from '../../api/client'
import { applyIssuesToForm, clearChangedIssues, focusField } from '../../api/form-issues'
import { newIdempotencyKey } from '../../api/idempotency-key'
import { useCan } from '../../api/me'
import { areaUrl } from '../../areas'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { AttributeFields } from '../../components/attribute-fields'
import { useTenant } from '../../components/tenant-context'
import { useDebounced } from '../../components/use-debounced'
import { useSchemes } from '../classes/classes-api'
import {
  type Customer,
  type CustomerDetail,
  type CustomerPatch,
  createCustomer,
  customerKeys,
  updateCustomer,
  useCodePreview,
  useCustomer,
} from './customers-api'
import { NodePicker } from './node-picker'

const PLAIN = [
  'code',
  'name',
  'shortName',
  'mnemonic',
  'registrationDate',
  'lifecycleStage',
  'remarks',
  'legalRepresentative',
  'phone',
  'email',
  'website',
  'address',
  'postcode',
  'uscc',
  'taxNumber',
  'bankName',
  'bankAccount',
  'creditGrade',
  'creditLimit',
  'accountManager',
  'department',
  'headOffice',
] as const

type Values = Record<string, unknown> & {
  classes?: Record<string, string | null>
  attributes?: Record<string, unknown>
}

const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (v: Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null),
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
const norm = (v: unknown) => (blank(v) ? null : typeof v === 'string' ? v.trim() : v)

/** The form's values of a stored customer. */
function valuesOf(c: Customer): Values {
  const v: Values = {}
  for (const k of PLAIN) v[k] = k === 'headOffice' ? (c.headOffice?.code ?? null) : (c[k as keyof Customer] ?? null)
  for (const s of BUILTIN_SCHEMES) v[s] = c[s]
  v.classes = { ...c.classes }
  v.attributes = { ...c.attributes }
  return v
}

/**
 * 新建 / 编辑客户: every field group of the customer archive (docs/decisions/0014-design-brief.md, D); the server's issues
 * land on their fields all at once.
 */
export function CustomerFormPage() {
  const { idOrCode } = useParams()
  const tenant = useTenant()
  if (!idOrCode) return <CustomerForm tenant={tenant.code} />
  return <EditLoader tenant={tenant.code} idOrCode={idOrCode} />
}

function EditLoader({ tenant, idOrCode }: { tenant: string; idOrCode: string }) {
  const current = useCustomer(tenant, idOrCode)
  if (current.isError) return <ApiErrorAlert error={current.error} onRetry={() => void current.refetch()} />
  if (current.isPending) return <Skeleton active />
  return <CustomerForm key={current.data.version} tenant={tenant} current={current.data} />
}

function CustomerForm({ tenant, current }: { tenant: string; current?: CustomerDetail }) {
  const { t } = useTranslation()
  const can = useCan()
  const { modal } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<unknown>(null)
  const [unmatched, setUnmatched] = useState<ApiIssue[] | undefined>()
  const [saving, setSaving] = useState(false)
  const [draft, setDraft] = useState<CustomerPatch>({})
  /** The customer holding the USCC the server refused, linked beside the field until the USCC changes. */
  const [usccHolder, setUsccHolder] = useState<string | null>(null)
  // One key per customer to create, kept until the create succeeds: a save retried after a lost reply
  // returns the customer the first one made instead of a second one (issue 15.4).
  const createKey = useRef<string | null>(null)
  const schemes = useSchemes(tenant)
  const initial = current ? valuesOf(current) : { classes: {}, attributes: {} }
  const watched = {
    type: Form.useWatch('type', form) as string | undefined,
    class: Form.useWatch('class', form) as string | undefined,
    region: Form.useWatch('region', form) as string | undefined,
    industry: Form.useWatch('industry', form) as string | undefined,
  }
  const watchedClasses = (Form.useWatch('classes', form) ?? {}) as Record<string, string | null>
  const classesForAttributes: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries({ ...watched, ...watchedClasses })) if (v) classesForAttributes[k] = v
  const userSchemes = (schemes.data ?? []).filter((s) => !s.builtin && s.enabled)
  // The built-in schemes are named in the UI's language; a user's scheme by the name it was given.
  const schemeName = (code: string) =>
    (BUILTIN_SCHEMES as readonly string[]).includes(code)
      ? t(`customers.fields.${code as 'class'}`)
      : (schemes.data?.find((s) => s.code === code)?.name ?? code)

  const bodyOf = (v: Values): CustomerPatch => {
    const body: Record<string, unknown> = {}
    const before = initial as Values
    for (const k of [...PLAIN, ...BUILTIN_SCHEMES]) {
      const now = norm(v[k])
      if (current ? JSON.stringify(now) !== JSON.stringify(norm(before[k])) : now !== null) body[k] = now
    }
    const classes: Record<string, string | null> = {}
    for (const [k, val] of Object.entries(v.classes ?? {})) {
      const now = norm(val) as string | null
      if (current ? now !== (norm(before.classes?.[k]) as string | null) : now !== null) classes[k] = now
    }
    if (Object.keys(classes).length > 0) body.classes = classes
    const attributes: Record<string, unknown> = {}
    for (const [k, val] of Object.entries(v.attributes ?? {})) {
      const now = norm(val)
      // On create a cleared attribute is sent as null, so a required one is refused instead of defaulted.
      if (!current || JSON.stringify(now) !== JSON.stringify(norm(before.attributes?.[k]))) attributes[k] = now
    }
    if (Object.keys(attributes).length > 0) body.attributes = attributes
    // The keys are the API's fields (PLAIN, the schemes, classes, attributes); the server checks the values.
    return body as CustomerPatch
  }

  /** A taken typed code: the clerk may agree to the next free one, which is then asked for explicitly. */
  const askNextCode = (typed: string, suggestion: string) =>
    modal.confirm({
      title: t('customers.codeTaken.title'),
      content: (
        <span data-testid="code-taken-confirm">{t('customers.codeTaken.content', { code: typed, suggestion })}</span>
      ),
      okText: t('customers.codeTaken.ok', { suggestion }),
      cancelText: t('customers.codeTaken.cancel'),
      onOk: () => save(true),
    })

  const save = async (nextCodeIfTaken = false) => {
    setError(null)
    setUnmatched(undefined)
    let v: Values
    try {
      v = await form.validateFields()
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]
      if (first) focusField(form, first.name)
      return
    }
    const body = bodyOf(v)
    setSaving(true)
    try {
      if (current) {
        if (Object.keys(body).length === 0) {
          navigate(`../${encodeURIComponent(current.code)}`)
          return
        }
        const saved = await updateCustomer(tenant, current, body)
        await queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) })
        navigate(`../${encodeURIComponent(saved.code)}`, { state: { saved: true } })
      } else {
        // The form requires a name, so it is in the body; an empty one is refused by the server all the same.
        createKey.current ??= newIdempotencyKey()
        const created = await createCustomer(
          tenant,
          { ...body, name: body.name ?? '', ...(nextCodeIfTaken ? { nextCodeIfTaken: true } : {}) },
          createKey.current,
        )
        createKey.current = null
        await queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) })
        navigate(`../${encodeURIComponent(created.code)}`, {
          state: { created: created.code, codeReplaced: created.codeReplaced, codeWarning: created.codeWarning },
        })
      }
    } catch (e) {
      setError(e)
      if (isApiError(e)) {
        const holder = e.code === 'CUSTOMER_USCC_TAKEN' ? e.problem.customerCode : undefined
        setUsccHolder(typeof holder === 'string' ? holder : null)
        setUnmatched(applyIssuesToForm(form, e))
        // The code field's live check already says it is taken; the clerk decides here.
        const { customerCode, suggestion } = e.problem
        if (e.code === 'CODE_TAKEN' && typeof customerCode === 'string' && typeof suggestion === 'string')
          askNextCode(customerCode, suggestion)
      }
    } finally {
      setSaving(false)
    }
  }

  // A new customer: which rule will code it and the code it would get now, as the clerk fills the form.
  const preview = useCodePreview(tenant, useDebounced(draft, 400), !current)
  const mode = preview.data?.rule.mode
  useEffect(() => {
    if (mode === 'auto' && !blank(form.getFieldValue('code'))) form.setFieldValue('code', null)
  }, [mode, form])
  // A typed code as a create would judge it; a result for an earlier draft (still shown while the next one loads)
  // neither blocks the save nor says more than the rule.
  const judged = preview.isPlaceholderData ? undefined : preview.data
  const typedIssues = judged?.typed ? judged.issues.filter((i) => i.path[0] === 'code') : []
  const codeStatus =
    judged?.typed === 'refused' ? 'error' : judged?.typed === 'taken' || judged?.warnings.length ? 'warning' : undefined
  const codeHelp = (() => {
    const p = preview.data
    if (!p) return t('customers.help.code')
    const rule = p.rule.name
    if (judged?.typed) {
      const said =
        judged.typed === 'free'
          ? [
              t('customers.codePreview.typedFree', { code: judged.code, rule }),
              ...judged.warnings.map((w) => w.message),
            ]
          : typedIssues.map((i) => i.message)
      return (
        <Flex vertical gap={2}>
          {said.map((m) => (
            <span key={m}>{m}</span>
          ))}
          {judged.typed !== 'free' && judged.suggestion && (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, alignSelf: 'flex-start' }}
              data-testid="code-use-suggestion"
              onClick={() => {
                form.setFieldValue('code', judged.suggestion)
                setDraft(bodyOf(form.getFieldsValue(true) as Values))
              }}
            >
              {t('customers.codePreview.useSuggestion', { code: judged.suggestion })}
            </Button>
          )}
        </Flex>
      )
    }
    if (p.missing.length > 0)
      return t('customers.codePreview.missing', { rule, what: p.missing.map((m) => m.message).join('；') })
    if (p.rule.mode === 'manual') return t('customers.codePreview.manual', { rule })
    if (!p.code) return t('customers.codePreview.none', { rule })
    return t(p.rule.mode === 'auto' ? 'customers.codePreview.auto' : 'customers.codePreview.editable', {
      rule,
      code: p.code,
    })
  })()

  const stale = isApiError(error) && error.status === 412
  // What the rule prints or counts by is required for the code: marked so, and asked before the code.
  const needs = new Set(current ? [] : (preview.data?.needs ?? []))
  const ruleSchemes = BUILTIN_SCHEMES.filter((s) => needs.has(s))
  // The live check refuses while the rule lacks a value it prints: no code can be made, a save would fail.
  // So does a typed code the rule refuses (format, check character, off the rule); a taken one is asked about instead.
  const refused =
    !current && preview.data ? [...preview.data.missing, ...(codeStatus === 'error' ? typedIssues : [])] : []
  const field = (name: (typeof PLAIN)[number], input: ReactNode, extra: Record<string, unknown> = {}) => (
    <Col xs={24} md={12} xl={8} key={name}>
      <Form.Item name={name} label={t(`customers.fields.${name}`)} {...extra}>
        {input}
      </Form.Item>
    </Col>
  )
  const schemePicker = (s: (typeof BUILTIN_SCHEMES)[number], span: Record<string, number>) => (
    <Col {...span} key={s}>
      <Form.Item name={s} label={schemeName(s)} required={needs.has(s)}>
        <NodePicker
          tenant={tenant}
          scheme={s}
          mode="assign"
          placeholder={t('customers.pickNode', { scheme: schemeName(s) })}
          testId={`field-${s}`}
        />
      </Form.Item>
    </Col>
  )
  // Sensitive fields the user may not see are shown masked and cannot be changed (the server would refuse).
  const locked = new Set<string>(current ? current.masked : can('customer:sensitive') ? [] : SENSITIVE_FIELDS)
  const text = (name: (typeof PLAIN)[number], extra: Record<string, unknown> = {}) =>
    locked.has(name)
      ? field(
          name,
          <Input
            data-testid={`field-${name}`}
            disabled
            prefix={<LockOutlined />}
            placeholder={name === 'creditLimit' ? t('customers.masked.hidden') : undefined}
          />,
          { extra: t('customers.masked.hint'), ...extra },
        )
      : field(name, <Input data-testid={`field-${name}`} allowClear />, extra)

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {current ? t('customers.editTitle', { code: current.code }) : t('customers.newTitle')}
      </Typography.Title>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="customer-form"
        onValuesChange={(changed: Record<string, unknown>) => {
          clearChangedIssues(form, changed)
          if ('uscc' in changed) setUsccHolder(null)
          if (!current) setDraft(bodyOf(form.getFieldsValue(true) as Values))
        }}
      >
        <Flex vertical gap={16}>
          <Card title={t('customers.sections.basic')} size="small">
            <Row gutter={16}>
              {text('name', { rules: [{ required: true, whitespace: true, message: t('customers.fields.name') }] })}
              {text('shortName')}
              {text('mnemonic', { extra: t('customers.help.mnemonic') })}
              {ruleSchemes.map((s) => schemePicker(s, { xs: 24, md: 12, xl: 8 }))}
              {current
                ? field('code', <Input disabled />)
                : field(
                    'code',
                    <Input
                      data-testid="field-code"
                      allowClear
                      disabled={mode === 'auto'}
                      placeholder={
                        mode === 'auto' ? t('customers.codePreview.placeholder') : (preview.data?.code ?? undefined)
                      }
                    />,
                    {
                      extra: <div data-testid="code-preview">{codeHelp}</div>,
                      ...(codeStatus ? { validateStatus: codeStatus } : {}),
                    },
                  )}
              {field('registrationDate', <DatePicker style={{ width: '100%' }} />, dateProps)}
              {text('lifecycleStage')}
              <Col span={24}>
                <Form.Item name="remarks" label={t('customers.fields.remarks')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('customers.sections.classes')} size="small">
            <Row gutter={16}>
              {BUILTIN_SCHEMES.filter((s) => !needs.has(s)).map((s) => schemePicker(s, { xs: 24, md: 12, xl: 6 }))}
              {userSchemes.map((s) => (
                <Col xs={24} md={12} xl={6} key={s.code}>
                  <Form.Item name={['classes', s.code]} label={s.name}>
                    <NodePicker tenant={tenant} scheme={s.code} mode="assign" testId={`field-classes-${s.code}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
          <Card title={t('customers.sections.contact')} size="small">
            <Row gutter={16}>
              {text('legalRepresentative')}
              {text('phone')}
              {text('email')}
              {text('website')}
              {text('address')}
              {text('postcode')}
            </Row>
          </Card>
          <Card title={t('customers.sections.bank')} size="small">
            <Row gutter={16}>
              {text('uscc', {
                extra: usccHolder && (
                  <Link
                    to={`${areaUrl(tenant, 'customers')}/${encodeURIComponent(usccHolder)}`}
                    data-testid="uscc-holder"
                  >
                    {t('customers.openHolder', { code: usccHolder })}
                  </Link>
                ),
              })}
              {text('taxNumber')}
              {text('bankName')}
              {text('bankAccount')}
            </Row>
          </Card>
          <Card title={t('customers.sections.credit')} size="small">
            <Row gutter={16}>
              {text('creditGrade')}
              {text('creditLimit')}
              {text('accountManager', { extra: t('customers.help.accountManager') })}
              {text('department')}
              {text('headOffice', { extra: t('customers.help.headOffice') })}
            </Row>
          </Card>
          <Card title={t('customers.sections.attributes')} size="small">
            <AttributeFields tenant={tenant} classes={classesForAttributes} form={form} />
          </Card>
        </Flex>
      </Form>
      {stale ? (
        <Alert
          type="warning"
          showIcon
          data-testid="stale-alert"
          message={t('customers.stale')}
          action={
            <Button
              size="small"
              onClick={() => void queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) })}
            >
              {t('customers.reload')}
            </Button>
          }
        />
      ) : (
        error !== null && (
          <div data-testid="save-error">
            <ApiErrorAlert error={error} {...(unmatched ? { issues: unmatched } : {})} />
          </div>
        )
      )}
      <Flex gap={8} align="center" wrap>
        <Button
          type="primary"
          onClick={() => void save()}
          loading={saving}
          disabled={refused.length > 0}
          data-testid="save-customer"
        >
          {t('customers.save')}
        </Button>
        <Button onClick={() => navigate(current ? `../${encodeURIComponent(current.code)}` : '..')}>
          {t('customers.cancel')}
        </Button>
        {refused.length > 0 && (
          <Typography.Text type="warning" data-testid="save-blocked">
            {t('customers.saveBlocked', { what: refused.map((i) => i.message).join('；') })}
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  )
}
