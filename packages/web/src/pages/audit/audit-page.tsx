import { FilterOutlined, SearchOutlined } from '@ant-design/icons'
import {
  BUILT_IN_ROLES,
  EVENT_LABELS,
  fieldLabel,
  isAccessAction,
  isBuiltInRole,
  isLogAction,
  LOG_ACTIONS,
  type Text,
} from '@kehu/core'
import { Button, Card, DatePicker, Flex, Grid, Input, List, Select, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { areaUrl } from '../../areas'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { useDebounced } from '../../components/use-debounced'
import { type AuditEntry, type AuditFilter, type FieldChange, useAuditLog } from './audit-api'

const TYPING_DELAY_MS = 300
const DAY = 'YYYY-MM-DD'
const FILTER_KEYS = ['actor', 'action', 'customer', 'from', 'to'] as const

/** 审计日志: the tenant's changes and access events, newest first, filtered by who, what, which customer and when. */
export function AuditPage() {
  const { t, i18n } = useTranslation()
  const tenant = useTenant()
  const narrow = !Grid.useBreakpoint().md
  const [params, setParams] = useSearchParams()
  const [filtersOpen, setFiltersOpen] = useState(false)
  const filter: AuditFilter = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])),
  )
  const log = useAuditLog(tenant.code, filter)
  const entries = log.data?.pages.flatMap((p) => p.items) ?? []
  const words = (x: Text) => (i18n.language === 'en' ? x.en : x.zh)

  const set = (key: (typeof FILTER_KEYS)[number], value: string | null | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }
  // The text boxes are the user's; the URL (and the search) follows once typing pauses.
  const [actor, setActor] = useState(filter.actor ?? '')
  const [customer, setCustomer] = useState(filter.customer ?? '')
  const typedActor = useDebounced(actor.trim(), TYPING_DELAY_MS)
  const typedCustomer = useDebounced(customer.trim(), TYPING_DELAY_MS)
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new pause in typing asks again
  useEffect(() => {
    if (typedActor !== (params.get('actor') ?? '')) set('actor', typedActor)
  }, [typedActor])
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new pause in typing asks again
  useEffect(() => {
    if (typedCustomer !== (params.get('customer') ?? '')) set('customer', typedCustomer)
  }, [typedCustomer])

  const actionOptions = (['change', 'access'] as const).map((group) => ({
    label: t(group === 'change' ? 'audit.changes' : 'audit.access'),
    options: LOG_ACTIONS.filter((a) => isAccessAction(a) === (group === 'access')).map((a) => ({
      value: a,
      label: words(EVENT_LABELS[a]),
    })),
  }))
  const actionLabel = (a: string) => (isLogAction(a) ? words(EVENT_LABELS[a]) : a)

  const label = (e: AuditEntry, field: string) => {
    // Words the access log needs beyond the input labels; a member's scopes are data scopes, not a token's.
    const own = e.entity === 'member' && field === 'scopes' ? 'dataScopes' : field
    const key = `audit.fields.${own}`
    const mine = t(key as 'audit.fields.reason')
    return mine === key ? words(fieldLabel(field.split('.'))) : mine
  }
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('audit.emptyValue')
    if (Array.isArray(v)) return v.map((x) => value(field, x)).join(t('audit.comma'))
    if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no')
    if (typeof v === 'object') return JSON.stringify(v)
    const s = String(v)
    if (field === 'roles' || field === 'role') return isBuiltInRole(s) ? BUILT_IN_ROLES[s].name : s
    if (field === 'scopes') return scopeWords(s)
    const key = field === 'status' ? `customers.status.${s}` : field === 'reason' ? `audit.reasons.${s}` : ''
    const said = key ? t(key as 'audit.reasons.disabled') : key
    return key && said !== key ? said : s
  }
  /** A member's scope as the access log keeps it (`own`, `class:01`, `region:HB+`), in words. */
  const scopeWords = (s: string) => {
    if (s === 'own') return t('audit.ownScope')
    const m = /^([^:]+):(.+?)(\+?)$/.exec(s)
    if (!m) return s
    const [, scheme = '', node = '', sub] = m
    return `${words(fieldLabel([scheme]))} ${node}${sub ? t('audit.subtree') : ''}`
  }
  const change = (e: AuditEntry, c: FieldChange) => (
    <li key={c.field}>
      {label(e, c.field)}
      {t('audit.colon')}
      {c.before === null || c.before === undefined ? (
        value(c.field, c.after)
      ) : (
        <>
          <Typography.Text delete type="secondary">
            {value(c.field, c.before)}
          </Typography.Text>{' '}
          → {value(c.field, c.after)}
        </>
      )}
      {c.masked && <Typography.Text type="secondary"> ({t('audit.masked')})</Typography.Text>}
    </li>
  )
  const details = (e: AuditEntry): ReactNode =>
    e.changes.length || e.note || e.address ? (
      <div data-testid="audit-details">
        {e.note && <div>{e.note}</div>}
        {e.address && <Typography.Text type="secondary">{t('audit.address', { address: e.address })}</Typography.Text>}
        <Changes count={e.changes.length}>{e.changes.map((c) => change(e, c))}</Changes>
      </div>
    ) : null
  const subject = (e: AuditEntry): ReactNode =>
    e.subject === null ? null : e.entity === 'customer' ? (
      <Link to={`${areaUrl(tenant.code, 'customers')}/${encodeURIComponent(e.subject)}`}>{e.subject}</Link>
    ) : (
      e.subject
    )
  const when = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss')
  const actionTag = (e: AuditEntry) => (
    <Tag
      color={
        e.action.endsWith('.failed') || e.action.endsWith('.limited') ? 'red' : e.log === 'access' ? 'blue' : 'default'
      }
    >
      {actionLabel(e.action)}
    </Tag>
  )

  const filterCount = FILTER_KEYS.filter((k) => params.get(k)).length
  const item = narrow ? { width: '100%' } : { flex: '1 1 150px', minWidth: 140, maxWidth: 240 }
  const day = (key: 'from' | 'to') => (
    <DatePicker
      style={item}
      placeholder={t(`audit.${key}`)}
      value={params.get(key) ? dayjs(params.get(key)) : null}
      onChange={(d) => set(key, d ? d.format(DAY) : null)}
      inputReadOnly={narrow}
      data-testid={`audit-${key}`}
    />
  )
  const filters = (
    <>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={narrow ? { width: '100%' } : { flex: '1 1 180px', minWidth: 160, maxWidth: 260 }}
        placeholder={t('audit.actionPlaceholder')}
        value={params.get('action') ?? undefined}
        onChange={(v: string | undefined) => set('action', v)}
        options={actionOptions}
        data-testid="audit-action"
      />
      <Input
        allowClear
        style={item}
        placeholder={t('audit.customerPlaceholder')}
        value={customer}
        onChange={(e) => setCustomer(e.target.value)}
        data-testid="audit-customer"
      />
      {day('from')}
      {day('to')}
    </>
  )

  const footer = (
    <Flex justify="center" align="center" gap={12} wrap style={{ paddingBlock: 8 }}>
      {entries.length > 0 && (
        <Typography.Text type="secondary" data-testid="audit-count">
          {t(log.hasNextPage ? 'audit.shown' : 'audit.end', { count: entries.length })}
        </Typography.Text>
      )}
      {log.hasNextPage && (
        <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-more">
          {t('audit.loadMore')}
        </Button>
      )}
    </Flex>
  )

  return (
    <Flex vertical gap={16} data-testid="audit-page">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
      </Flex>
      <Flex gap={8} wrap={narrow ? 'wrap' : 'nowrap'} data-testid="audit-filters">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('audit.actorPlaceholder')}
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          style={narrow ? { flex: '1 1 0' } : { flex: '1 1 180px', minWidth: 160, maxWidth: 260 }}
          data-testid="audit-actor"
        />
        {narrow ? (
          <Button
            icon={<FilterOutlined />}
            onClick={() => setFiltersOpen((o) => !o)}
            type={filtersOpen ? 'primary' : 'default'}
            data-testid="audit-filters-toggle"
          >
            {filterCount ? t('audit.filtersCount', { count: filterCount }) : t('audit.filters')}
          </Button>
        ) : (
          filters
        )}
      </Flex>
      {narrow && filtersOpen && (
        <Flex vertical gap={8} data-testid="audit-filters-panel">
          {filters}
        </Flex>
      )}
      {log.isError && <ApiErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {narrow ? (
        <List<AuditEntry>
          loading={log.isPending || (log.isFetching && !log.isFetchingNextPage)}
          dataSource={entries}
          locale={{ emptyText: t('audit.empty') }}
          data-testid="audit-cards"
          footer={footer}
          renderItem={(e) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="audit-entry">
              <Flex vertical gap={4}>
                <Flex justify="space-between" gap={8} wrap>
                  {actionTag(e)}
                  <Typography.Text type="secondary">{when(e.at)}</Typography.Text>
                </Flex>
                <Typography.Text>
                  {e.actor}
                  {e.subject !== null && <> · {subject(e)}</>}
                </Typography.Text>
                {details(e)}
              </Flex>
            </Card>
          )}
        />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={log.isPending || (log.isFetching && !log.isFetchingNextPage)}
          dataSource={entries}
          locale={{ emptyText: t('audit.empty') }}
          pagination={false}
          scroll={{ x: 900 }}
          footer={() => footer}
          data-testid="audit-table"
          columns={[
            { title: t('audit.time'), dataIndex: 'at', width: 170, render: when },
            { title: t('audit.actor'), dataIndex: 'actor', width: 160 },
            { title: t('audit.action'), key: 'action', width: 170, render: (_: unknown, e) => actionTag(e) },
            { title: t('audit.subject'), key: 'subject', width: 180, render: (_: unknown, e) => subject(e) },
            { title: t('audit.details'), key: 'details', render: (_: unknown, e) => details(e) },
          ]}
        />
      )}
    </Flex>
  )
}

const FOLDED = 3

/** A record's field changes, the first few unless opened: a new customer's every field would fill the screen. */
function Changes({ count, children }: { count: number; children: ReactNode[] }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (count === 0) return null
  const folded = !open && count > FOLDED + 1
  return (
    <>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>{folded ? children.slice(0, FOLDED) : children}</ul>
      {count > FOLDED + 1 && (
        <Typography.Link onClick={() => setOpen((o) => !o)} data-testid="audit-changes-toggle">
          {open ? t('audit.fewer') : t('audit.more', { count: count - FOLDED })}
        </Typography.Link>
      )}
    </>
  )
}
