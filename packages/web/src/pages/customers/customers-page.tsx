import { FilterOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { BUILTIN_SCHEMES } from '@kehu/core'
import { Button, Card, Flex, Grid, Input, List, Select, Skeleton, Table, Typography } from 'antd'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router'
import { useCan } from '../../api/me'
import { AccessDenied } from '../../components/access-denied'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { useDebounced } from '../../components/use-debounced'
import { useSchemes } from '../classes/classes-api'
import { PhoneLink } from './contact-links'
import { type Customer, type CustomerQuery, listSearchKey, useCustomers } from './customers-api'
import { ExportButton } from './export-button'
import { NodePicker } from './node-picker'
import { StatusTag } from './status-tag'

/** 客户档案: the list at `customers`, the form at `customers/new` and `customers/:code/edit`, the record at `customers/:code`. */
export function CustomersPage() {
  const { t } = useTranslation()
  const can = useCan()
  const form = (p: 'customer:create' | 'customer:edit', what: string) =>
    can(p) ? <CustomerFormPage /> : <AccessDenied what={what} />
  return (
    <Suspense fallback={<Skeleton active />}>
      <Routes>
        <Route index element={<CustomerList />} />
        <Route path="new" element={form('customer:create', t('customers.newTitle'))} />
        <Route path=":idOrCode/edit" element={form('customer:edit', t('customers.editTitle', { code: '' }).trim())} />
        <Route path=":idOrCode" element={<CustomerDetailPage />} />
      </Routes>
    </Suspense>
  )
}

// The form and the record load on demand: the list, the first thing a clerk opens, ships without them.
const CustomerFormPage = lazy(() => import('./customer-form').then((m) => ({ default: m.CustomerFormPage })))
const CustomerDetailPage = lazy(() => import('./customer-detail').then((m) => ({ default: m.CustomerDetailPage })))

const PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20
/** How long the search box waits after the last key before it asks. */
const SEARCH_DELAY_MS = 300

function CustomerList() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const can = useCan()
  const navigate = useNavigate()
  const { search } = useLocation()
  const narrow = !Grid.useBreakpoint().md
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [params, setParams] = useSearchParams()
  const page = Number(params.get('page') ?? '1') || 1
  const sizeParam = Number(params.get('size'))
  const pageSize = PAGE_SIZES.includes(sizeParam) ? sizeParam : DEFAULT_PAGE_SIZE
  const userSchemes = (useSchemes(tenant.code).data ?? []).filter((s) => !s.builtin && s.enabled)
  const schemeFilters = params.getAll('scheme')
  const query: CustomerQuery = {
    ...(params.get('q') ? { q: params.get('q') as string } : {}),
    ...Object.fromEntries(BUILTIN_SCHEMES.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : []))),
    ...(schemeFilters.length ? { scheme: schemeFilters } : {}),
    ...(params.get('status') ? { status: params.get('status') as string } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  }
  const list = useCustomers(tenant.code, query)
  const { limit: _limit, offset: _offset, ...filter } = query
  useEffect(() => sessionStorage.setItem(listSearchKey(tenant.code), search), [tenant.code, search])
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    next.delete('page')
    setParams(next)
  }
  // Search as you type: the box is the clerk's, the URL follows it once typing pauses.
  const [typed, setTyped] = useState(query.q ?? '')
  const debounced = useDebounced(typed.trim(), SEARCH_DELAY_MS)
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new pause in typing asks again
  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) set('q', debounced)
  }, [debounced])
  const detailUrl = (code: string) => encodeURIComponent(code)
  /** One `scheme=CODE:NODE` parameter per user scheme. */
  const setScheme = (code: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params)
    const others = next.getAll('scheme').filter((x) => !x.startsWith(`${code}:`))
    next.delete('scheme')
    for (const o of others) next.append('scheme', o)
    if (value) next.append('scheme', `${code}:${value}`)
    next.delete('page')
    setParams(next)
  }
  const filterCount = BUILTIN_SCHEMES.filter((k) => query[k]).length + schemeFilters.length + (query.status ? 1 : 0)
  // Filters share one line at 1440 px; they wrap only when the line is too short for their least widths.
  const filterItem = narrow ? { width: '100%' } : { flex: '1 1 120px', minWidth: 120, maxWidth: 220 }
  const picker = (
    scheme: string,
    value: string | undefined,
    onChange: (v: string | null | undefined) => void,
    placeholder: string,
  ) => (
    <div style={filterItem} key={scheme}>
      <NodePicker
        tenant={tenant.code}
        scheme={scheme}
        mode="filter"
        value={value ?? null}
        onChange={onChange}
        placeholder={placeholder}
        testId={`filter-${scheme}`}
      />
    </div>
  )
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (total: number) => t('customers.total', { total }),
    onChange: (p: number, size: number) => {
      const next = new URLSearchParams(params)
      if (size !== pageSize) {
        next.delete('page')
        if (size === DEFAULT_PAGE_SIZE) next.delete('size')
        else next.set('size', String(size))
      } else next.set('page', String(p))
      setParams(next)
    },
  }

  const filters = (
    <>
      {BUILTIN_SCHEMES.map((k) => picker(k, query[k], (v) => set(k, v), t(`customers.filter.${k}`)))}
      {userSchemes.map((sc) =>
        picker(
          sc.code,
          schemeFilters.find((x) => x.startsWith(`${sc.code}:`))?.slice(sc.code.length + 1),
          (v) => setScheme(sc.code, v),
          sc.name,
        ),
      )}
      <Select
        allowClear
        style={narrow ? { width: '100%' } : { flex: '1 1 110px', minWidth: 110, maxWidth: 160 }}
        placeholder={t('customers.statusDefault')}
        value={query.status}
        onChange={(v: string | undefined) => set('status', v)}
        options={(['active', 'disabled', 'archived'] as const).map((s) => ({
          value: s,
          label: t(`customers.status.${s}`),
        }))}
        data-testid="filter-status"
      />
    </>
  )

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Flex gap={8}>
          {can('export') && <ExportButton tenant={tenant.code} query={filter} total={list.data?.total} />}
          {can('customer:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')} data-testid="new-customer">
              {t('customers.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Flex gap={8} wrap={narrow ? 'wrap' : 'nowrap'} data-testid="customer-filters">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          value={typed}
          placeholder={t('customers.searchPlaceholder')}
          onChange={(e) => setTyped(e.target.value)}
          style={narrow ? { flex: '1 1 0' } : { flex: '2 1 220px', minWidth: 200, maxWidth: 320 }}
          data-testid="customer-search"
        />
        {narrow ? (
          <Button
            icon={<FilterOutlined />}
            onClick={() => setFiltersOpen((o) => !o)}
            type={filtersOpen ? 'primary' : 'default'}
            data-testid="filters-toggle"
          >
            {filterCount ? t('customers.filtersCount', { count: filterCount }) : t('customers.filters')}
          </Button>
        ) : (
          filters
        )}
      </Flex>
      {narrow && filtersOpen && (
        <Flex vertical gap={8} data-testid="filters-panel">
          {filters}
        </Flex>
      )}
      {list.isError && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {narrow ? (
        <List<Customer>
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('customers.empty') }}
          pagination={{ ...pagination, size: 'small', simple: true, showTotal: undefined }}
          data-testid="customer-cards"
          renderItem={(c) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="customer-card">
              <Flex vertical gap={2}>
                <Link to={detailUrl(c.code)} data-testid={`customer-link-${c.code}`}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                </Link>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text type="secondary">{c.code}</Typography.Text>
                  <StatusTag status={c.status} />
                </Flex>
                {c.phone &&
                  (c.masked.includes('phone') ? (
                    <Typography.Text data-testid="masked-phone">{c.phone}</Typography.Text>
                  ) : (
                    <PhoneLink phone={c.phone} />
                  ))}
                {c.address && <Typography.Text type="secondary">{c.address}</Typography.Text>}
              </Flex>
            </Card>
          )}
        />
      ) : (
        <Table<Customer>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('customers.empty') }}
          scroll={{ x: 1000 }}
          data-testid="customer-table"
          pagination={pagination}
          columns={[
            {
              title: t('customers.fields.code'),
              dataIndex: 'code',
              width: 200,
              render: (code: string) => (
                <Link to={detailUrl(code)} data-testid={`customer-link-${code}`}>
                  {code}
                </Link>
              ),
            },
            { title: t('customers.fields.name'), dataIndex: 'name' },
            { title: t('customers.fields.shortName'), dataIndex: 'shortName', width: 140 },
            { title: t('customers.fields.mnemonic'), dataIndex: 'mnemonic', width: 110 },
            {
              title: t('customers.fields.phone'),
              dataIndex: 'phone',
              width: 150,
              // A masked number is not dialable: shown as text.
              render: (phone: string | null, c: Customer) =>
                !phone ? '' : c.masked.includes('phone') ? phone : <PhoneLink phone={phone} />,
            },
            {
              title: t('customers.fields.class'),
              key: 'class',
              width: 160,
              render: (_: unknown, c: Customer) =>
                c.nodes.class ? `(${c.nodes.class.code}) ${c.nodes.class.name}` : '',
            },
            {
              title: t('customers.fields.region'),
              key: 'region',
              width: 110,
              render: (_: unknown, c: Customer) => c.nodes.region?.name ?? '',
            },
            {
              title: t('customers.fields.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: Customer['status']) => <StatusTag status={s} />,
            },
          ]}
        />
      )}
    </Flex>
  )
}
