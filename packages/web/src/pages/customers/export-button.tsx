import { DownloadOutlined } from '@ant-design/icons'
import { Button, Dropdown } from 'antd'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from '../../i18n/i18n'
import type { CustomerQuery } from './customers-api'

const FORMATS = [
  { key: 'xlsx', label: 'customers.export.xlsx', params: { format: 'xlsx' } },
  { key: 'csv', label: 'customers.export.csv', params: { format: 'csv', encoding: 'utf-8' } },
  { key: 'csv-gbk', label: 'customers.export.csvGbk', params: { format: 'csv', encoding: 'gb18030' } },
] as const

/** The export's address for the list's filter: a plain link, so the browser streams the file to disk itself. */
export function exportUrl(
  tenant: string,
  query: Omit<CustomerQuery, 'limit' | 'offset'>,
  params: Record<string, string>,
) {
  const search = new URLSearchParams({ ...params, lang: currentLanguage() })
  for (const [key, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value]) if (v) search.append(key, String(v))
  return `/api/t/${encodeURIComponent(tenant)}/customers/export?${search}`
}

/** 导出: the customers of the current filter (all pages) as Excel, CSV UTF-8 or CSV GBK. */
export function ExportButton({
  tenant,
  query,
  total,
}: {
  tenant: string
  query: Omit<CustomerQuery, 'limit' | 'offset'>
  total: number | undefined
}) {
  const { t } = useTranslation()
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...(total === undefined
            ? []
            : [{ key: 'hint', type: 'group' as const, label: t('customers.export.hint', { total }) }]),
          ...FORMATS.map((f) => ({
            key: f.key,
            label: (
              <a href={exportUrl(tenant, query, f.params)} download data-testid={`export-${f.key}`}>
                {t(f.label)}
              </a>
            ),
          })),
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="export-customers">
        {t('customers.export.button')}
      </Button>
    </Dropdown>
  )
}
