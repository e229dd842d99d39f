import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons'
import { BUILTIN_SCHEMES } from '@kehu/core'
import { useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { isApiError } from '../../api/client'
import { useCan } from '../../api/me'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { useSchemes } from '../classes/classes-api'
import { type Attribute, useCustomerForm } from '../dimensions/dimensions-api'
import { EmailLink, PhoneLink } from './contact-links'
import {
  type Customer,
  type CustomerDetail,
  changeCustomerStatus,
  customerKeys,
  type HistoryEntry,
  listSearchKey,
  recodeCustomer,
  type StatusAction,
  useCustomer,
  useHistory,
} from './customers-api'
import { StatusTag } from './status-tag'

const FIELD_KEYS = [
  'shortName',
  'mnemonic',
  'uscc',
  'legalRepresentative',
  'phone',
  'email',
  'website',
  'address',
  'postcode',
  'bankName',
  'bankAccount',
  'taxNumber',
  'accountManager',
  'department',
  'creditGrade',
  'creditLimit',
  'registrationDate',
  'lifecycleStage',
  'remarks',
] as const

interface LocationState {
  created?: string
  codeReplaced?: { requested: string; issued: string }
  /** A typed code kept although it does not fit the rule (the rule takes legacy codes): why, in the user's words. */
  codeWarning?: string
  /** Just re-coded from this code; with the warning of a typed code off the rule. */
  recoded?: { from: string; codeWarning?: string }
  saved?: boolean
}

/** The customer page (画像): header and actions, record, classes, attributes, codes and aliases, history. */
export function CustomerDetailPage() {
  const { idOrCode = '' } = useParams()
  const tenant = useTenant()
  const customer = useCustomer(tenant.code, idOrCode)
  if (customer.isError) return <ApiErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />
  if (customer.isPending) return <Skeleton active />
  return <Detail tenant={tenant.code} c={customer.data} />
}

function display(v: unknown, attr?: Attribute): string {
  if (v === null || v === undefined || v === '') return ''
  if (attr && (attr.type === 'single-choice' || attr.type === 'multi-choice')) {
    const label = (code: unknown) => attr.options.find((o) => o.code === code)?.label ?? String(code)
    return Array.isArray(v) ? v.map(label).join('、') : label(v)
  }
  if (typeof v === 'boolean') return v ? '✓' : '✗'
  if (Array.isArray(v)) return v.join('、')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** Parts of the record that later issues build. */
const LATER = ['contacts', 'visits', 'sales'] as const

function Detail({ tenant, c }: { tenant: string; c: CustomerDetail }) {
  const isMasked = (k: string) => c.masked.includes(k)
  const can = useCan()
  const narrow = !Grid.useBreakpoint().md
  const { t } = useTranslation()
  const navigate = useNavigate()
  const location = useLocation()
  const state = (location.state ?? {}) as LocationState
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [recoding, setRecoding] = useState(false)
  const [newCode, setNewCode] = useState('')
  const history = useHistory(tenant, c.id)
  const schemes = useSchemes(tenant)
  const classCodes: Record<string, string | undefined> = {}
  for (const [s, n] of Object.entries(c.nodes)) classCodes[s] = n.code
  const form = useCustomerForm(tenant, classCodes)
  const attrs = new Map<string, Attribute>()
  for (const s of form.data ?? []) for (const a of s.attributes) attrs.set(a.code, a)
  // The built-in schemes are named in the UI's language; a user's scheme by the name it was given.
  const schemeName = (code: string) =>
    (BUILTIN_SCHEMES as readonly string[]).includes(code)
      ? t(`customers.fields.${code as 'class'}`)
      : (schemes.data?.find((s) => s.code === code)?.name ?? code)

  const recode = async () => {
    setError(null)
    setBusy('recode')
    try {
      const r = await recodeCustomer(tenant, c, newCode.trim() || null)
      setRecoding(false)
      await queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) })
      navigate(`../${encodeURIComponent(r.newCode)}`, {
        state: { recoded: { from: r.oldCode, ...(r.codeWarning ? { codeWarning: r.codeWarning } : {}) } },
      })
    } catch (e) {
      setError(e)
      setRecoding(false)
    } finally {
      setBusy(null)
    }
  }

  const act = async (action: StatusAction) => {
    setError(null)
    setBusy(action)
    try {
      await changeCustomerStatus(tenant, c, action)
      await queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) })
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }

  const fieldLabel = (field: string) => {
    if (field.startsWith('attributes.')) return attrs.get(field.slice(11))?.name ?? field.slice(11)
    if (field.startsWith('classes.')) return schemeName(field.slice(8))
    if ((BUILTIN_SCHEMES as readonly string[]).includes(field)) return schemeName(field)
    const key = `customers.fields.${field}`
    const label = t(key as 'customers.fields.name')
    return label === key ? field : label
  }
  const value = (field: string, v: unknown) =>
    v === null || v === undefined || v === ''
      ? t('customers.empty_value')
      : field === 'status'
        ? t(`customers.status.${v as Customer['status']}`)
        : display(v, field.startsWith('attributes.') ? attrs.get(field.slice(11)) : undefined)
  const actionLabel = (a: string) => {
    const key = `customers.actions.${a.replace('.', '_')}`
    const label = t(key as 'customers.actions.customer_created')
    return label === key ? a : label
  }

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Link to={`..${sessionStorage.getItem(listSearchKey(tenant)) ?? ''}`} data-testid="back-to-list">
        <ArrowLeftOutlined /> {t('customers.backToList')}
      </Link>
      {state.created && (
        <Alert
          type={state.codeWarning ? 'warning' : 'success'}
          showIcon
          data-testid="created-alert"
          message={t('customers.created', { code: state.created })}
          description={
            state.codeReplaced ? t('customers.codeReplaced', state.codeReplaced) : (state.codeWarning ?? undefined)
          }
        />
      )}
      {state.recoded && (
        <Alert
          type={state.recoded.codeWarning ? 'warning' : 'success'}
          showIcon
          data-testid="recoded-alert"
          message={t('customers.recode.done', { from: state.recoded.from, to: c.code })}
          description={state.recoded.codeWarning}
        />
      )}
      {recoding && (
        <Modal
          open
          title={t('customers.recode.title', { code: c.code })}
          okText={t('customers.recode.ok')}
          cancelText={t('customers.cancel')}
          confirmLoading={busy === 'recode'}
          onOk={() => void recode()}
          onCancel={() => setRecoding(false)}
        >
          <Typography.Paragraph type="secondary">{t('customers.recode.hint')}</Typography.Paragraph>
          <Input
            value={newCode}
            onChange={(e) => setNewCode(e.target.value)}
            placeholder={t('customers.recode.placeholder')}
            data-testid="recode-to"
            allowClear
          />
        </Modal>
      )}
      {c.matchedAlias && (
        <Alert type="info" showIcon message={t('customers.foundByAlias', { alias: c.matchedAlias, code: c.code })} />
      )}
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <div>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-code">
              {c.code}
            </Typography.Title>
            <StatusTag status={c.status} />
            <Typography.Text type="secondary">{t('customers.detail.version', { version: c.version })}</Typography.Text>
          </Space>
          <Typography.Title level={4} style={{ margin: '4px 0 0' }} data-testid="customer-name">
            {c.name}
          </Typography.Title>
        </div>
        <Space wrap>
          {c.status !== 'archived' && can('customer:edit') && (
            <Button type="primary" onClick={() => navigate('edit')} data-testid="edit-customer">
              {t('customers.edit')}
            </Button>
          )}
          {c.status !== 'archived' && can('customer:edit') && (
            <Button onClick={() => setRecoding(true)} data-testid="recode-customer">
              {t('customers.recode.button')}
            </Button>
          )}
          {c.status === 'active' && can('customer:edit') && (
            <Button onClick={() => void act('disable')} loading={busy === 'disable'} data-testid="disable-customer">
              {t('customers.disable')}
            </Button>
          )}
          {c.status === 'disabled' && can('customer:edit') && (
            <Button onClick={() => void act('enable')} loading={busy === 'enable'} data-testid="enable-customer">
              {t('customers.enable')}
            </Button>
          )}
          {!can('customer:archive') ? null : c.status !== 'archived' ? (
            <Popconfirm title={t('customers.archiveConfirm')} onConfirm={() => void act('archive')}>
              <Button danger loading={busy === 'archive'} data-testid="archive-customer">
                {t('customers.archive')}
              </Button>
            </Popconfirm>
          ) : (
            <Button onClick={() => void act('restore')} loading={busy === 'restore'} data-testid="restore-customer">
              {t('customers.restore')}
            </Button>
          )}
        </Space>
      </Flex>
      {error !== null &&
        (isApiError(error) && error.status === 412 ? (
          <Alert
            type="warning"
            showIcon
            message={t('customers.stale')}
            action={
              <Button
                size="small"
                onClick={() => {
                  setError(null)
                  void queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) })
                }}
              >
                {t('customers.reload')}
              </Button>
            }
          />
        ) : (
          <ApiErrorAlert error={error} />
        ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={t('customers.detail.fields')} size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="customer-fields">
                {FIELD_KEYS.filter((k) => (c[k] !== null && c[k] !== '') || (k === 'creditLimit' && isMasked(k))).map(
                  (k) => (
                    <Descriptions.Item key={k} label={t(`customers.fields.${k}`)}>
                      {isMasked(k) ? (
                        <Tooltip title={t('customers.masked.hint')}>
                          <span data-testid={`masked-${k}`} style={{ overflowWrap: 'anywhere' }}>
                            <LockOutlined /> {c[k] === null ? t('customers.masked.hidden') : display(c[k])}
                          </span>
                        </Tooltip>
                      ) : k === 'phone' && c.phone ? (
                        <PhoneLink phone={c.phone} />
                      ) : k === 'email' && c.email ? (
                        <EmailLink email={c.email} />
                      ) : (
                        <span style={{ overflowWrap: 'anywhere' }}>{display(c[k])}</span>
                      )}
                    </Descriptions.Item>
                  ),
                )}
                {c.headOffice && (
                  <Descriptions.Item label={t('customers.fields.headOffice')}>
                    {c.headOffice.code} {c.headOffice.name}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card title={t('customers.detail.classes')} size="small">
              {Object.keys(c.nodes).length === 0 ? (
                <Typography.Text type="secondary">{t('customers.detail.none')}</Typography.Text>
              ) : (
                <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="customer-classes">
                  {Object.entries(c.nodes).map(([scheme, n]) => (
                    <Descriptions.Item key={scheme} label={schemeName(scheme)}>
                      ({n.code}) {n.path.map((p) => p.name).join(' / ')}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              )}
            </Card>
            <Card title={t('customers.detail.attributes')} size="small">
              {Object.keys(c.attributes).length === 0 ? (
                <Typography.Text type="secondary">{t('customers.detail.none')}</Typography.Text>
              ) : (
                <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="customer-attributes">
                  {Object.entries(c.attributes).map(([code, v]) => (
                    <Descriptions.Item key={code} label={attrs.get(code)?.name ?? code}>
                      {display(v, attrs.get(code))}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              )}
            </Card>
            {narrow ? (
              // On a phone three empty cards would push the history a screen down: one line says the same.
              <Typography.Text type="secondary" data-testid="customer-later">
                {LATER.map((k) => t(`customers.detail.${k}`)).join(t('customers.detail.listJoin'))}
                {t('customers.detail.laterSuffix')}
              </Typography.Text>
            ) : (
              <Row gutter={[16, 16]}>
                {LATER.map((k) => (
                  <Col xs={24} md={8} key={k}>
                    <Card title={t(`customers.detail.${k}`)} size="small">
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.detail.later')} />
                    </Card>
                  </Col>
                ))}
              </Row>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('customers.detail.codes')} size="small" data-testid="customer-codes">
              <Space wrap>
                {c.codes.map((x) => (
                  <Tag key={x.code} color={x.kind === 'live' ? 'blue' : 'default'}>
                    {x.code} · {t(`customers.detail.${x.kind}`)}
                  </Tag>
                ))}
              </Space>
            </Card>
            <Card title={t('customers.detail.history')} size="small" data-testid="customer-history">
              {history.isError ? (
                <ApiErrorAlert error={history.error} />
              ) : history.isPending ? (
                <Skeleton active />
              ) : history.data.length === 0 ? (
                <Typography.Text type="secondary">{t('customers.detail.noHistory')}</Typography.Text>
              ) : (
                <Timeline
                  items={[...history.data].reverse().map((h: HistoryEntry) => ({
                    key: h.id,
                    children: (
                      <div>
                        <Typography.Text strong>{actionLabel(h.action)}</Typography.Text>{' '}
                        <Typography.Text type="secondary">
                          {dayjs(h.at).format('YYYY-MM-DD HH:mm:ss')} · {h.actor}
                        </Typography.Text>
                        {h.note && (
                          <div>
                            <Typography.Text type="secondary">{h.note}</Typography.Text>
                          </div>
                        )}
                        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                          {(h.action === 'customer.created'
                            ? h.changes.filter((ch) => ch.field === 'code')
                            : h.changes
                          ).map((ch) => (
                            <li key={ch.field}>
                              {fieldLabel(ch.field)}
                              {t('customers.colon')}
                              {h.action === 'customer.created' ? (
                                value(ch.field, ch.after)
                              ) : (
                                <>
                                  <Typography.Text delete={ch.before !== null && ch.before !== ''} type="secondary">
                                    {value(ch.field, ch.before)}
                                  </Typography.Text>{' '}
                                  → {value(ch.field, ch.after)}
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  )
}
