import { PlusOutlined } from '@ant-design/icons'
import { BUILTIN_SCHEMES } from '@kehu/core'
import { Button, Flex, Input, Select, Skeleton, Table, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Route, Routes, useNavigate, useSearchParams } from 'react-router'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { useTenant } from '../../components/tenant-context'
import { useSchemes } from '../classes/classes-api'
import { type Customer, type CustomerQuery, useCustomers } from './customers-api'
import { NodePicker } from './node-picker'
import { StatusTag } from './status-tag'

/** 客户档案: the list at `customers`, the form at `customers/new` and `customers/:code/edit`, the record at `customers/:code`. */
export function CustomersPage() {
  return (
    <Suspense fallback={<Skeleton active />}>
      <Routes>
        <Route index element={<CustomerList />} />
        <Route path="new" element={<CustomerFormPage />} />
        <Route path=":idOrCode/edit" element={<CustomerFormPage />} />
        <Route path=":idOrCode" element={<CustomerDetailPage />} />
      </Routes>
    </Suspense>
  )
}

// The form and the record load on demand: the list, the first thing a clerk opens, ships without them.
const CustomerFormPage = lazy(() => import('./customer-form').then((m) => ({ default: m.CustomerFormPage })))
const CustomerDetailPage = lazy(() => import('./customer-detail').then((m) => ({ default: m.CustomerDetailPage })))

const PAGE_SIZE = 20

function CustomerList() {
  const { t } = useTranslation()
  const tenant = useTenant()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const page = Number(params.get('page') ?? '1') || 1
  const userSchemes = (useSchemes(tenant.code).data ?? []).filter((s) => !s.builtin && s.enabled)
  const schemeFilters = params.getAll('scheme')
  const query: CustomerQuery = {
    ...(params.get('q') ? { q: params.get('q') as string } : {}),
    ...Object.fromEntries(BUILTIN_SCHEMES.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : []))),
    ...(schemeFilters.length ? { scheme: schemeFilters } : {}),
    ...(params.get('status') ? { status: params.get('status') as string } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  }
  const list = useCustomers(tenant.code, query)
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    next.delete('page')
    setParams(next)
  }
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
  const picker = (
    scheme: string,
    value: string | undefined,
    onChange: (v: string | null | undefined) => void,
    placeholder: string,
  ) => (
    <div style={{ width: 200 }} key={scheme}>
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

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('customers.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')} data-testid="new-customer">
          {t('customers.add')}
        </Button>
      </Flex>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          defaultValue={query.q}
          placeholder={t('customers.searchPlaceholder')}
          onSearch={(v) => set('q', v.trim())}
          style={{ width: 300 }}
          data-testid="customer-search"
        />
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
          style={{ width: 160 }}
          placeholder={t('customers.statusDefault')}
          value={query.status}
          onChange={(v: string | undefined) => set('status', v)}
          options={(['active', 'disabled', 'archived'] as const).map((s) => ({
            value: s,
            label: t(`customers.status.${s}`),
          }))}
          data-testid="filter-status"
        />
      </Flex>
      {list.isError && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Customer>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('customers.empty') }}
        scroll={{ x: 900 }}
        data-testid="customer-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('customers.total', { total }),
          onChange: (p) => {
            const next = new URLSearchParams(params)
            next.set('page', String(p))
            setParams(next)
          },
        }}
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
          { title: t('customers.fields.mnemonic'), dataIndex: 'mnemonic', width: 120 },
          {
            title: t('customers.fields.class'),
            key: 'class',
            width: 160,
            render: (_: unknown, c: Customer) => (c.nodes.class ? `(${c.nodes.class.code}) ${c.nodes.class.name}` : ''),
          },
          {
            title: t('customers.fields.region'),
            key: 'region',
            width: 120,
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
    </Flex>
  )
}
