import { Card, Flex, Grid, List, Select, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportPreview, MappedColumn } from './import-api'

interface Props {
  preview: ImportPreview
  columns: MappedColumn[]
  onChange: (index: number, target: string | null) => void
}

/** Targets chosen for more than one column: the import would not know which to take. */
export function doubledTargets(columns: MappedColumn[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const c of columns)
    if (c.target) {
      if (seen.has(c.target)) twice.add(c.target)
      seen.add(c.target)
    }
  return [...twice]
}

/** Each column of the file with a few of its values and the field it goes into (or 不导入). */
export function MappingTable({ preview, columns, onChange }: Props) {
  const { t } = useTranslation()
  const narrow = !Grid.useBreakpoint().md
  const twice = new Set(doubledTargets(columns))
  const options = [
    { value: '', label: t('transfer.ignore') },
    ...preview.targets.map((x) => ({ value: x.target, label: x.label })),
  ]
  const samples = (index: number) =>
    preview.sampleRows
      .map((r) => r[index] ?? '')
      .filter((v) => v !== '')
      .slice(0, 3)
      .join(' · ')
  const select = (c: MappedColumn) => (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ width: '100%' }}
      value={c.target ?? ''}
      status={c.target && twice.has(c.target) ? 'error' : undefined}
      onChange={(v: string) => onChange(c.index, v || null)}
      options={options}
      data-testid={`map-${c.index}`}
      aria-label={c.header}
    />
  )
  if (narrow)
    return (
      <List<MappedColumn>
        dataSource={columns}
        data-testid="mapping-table"
        renderItem={(c) => (
          <Card size="small" style={{ marginBottom: 8 }}>
            <Flex vertical gap={4}>
              <Typography.Text strong>{c.header}</Typography.Text>
              <Typography.Text type="secondary" ellipsis>
                {samples(c.index)}
              </Typography.Text>
              {select(c)}
            </Flex>
          </Card>
        )}
      />
    )
  return (
    <Table<MappedColumn>
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={columns}
      data-testid="mapping-table"
      columns={[
        { title: t('transfer.column'), dataIndex: 'header', width: 220 },
        {
          title: t('transfer.sample'),
          key: 'sample',
          ellipsis: true,
          render: (_: unknown, c) => <Typography.Text type="secondary">{samples(c.index)}</Typography.Text>,
        },
        { title: t('transfer.target'), key: 'target', width: 280, render: (_: unknown, c) => select(c) },
      ]}
    />
  )
}
