import { PlusOutlined } from '@ant-design/icons'
import type { UseQueryResult } from '@tanstack/react-query'
import { Button, Flex, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { ReactNode } from 'react'
import { ApiErrorAlert } from '../../components/api-error-alert'

interface Props<T> {
  /** `users` → the list is `users-tab`, its add button `user-add`. */
  name: 'user' | 'role' | 'member' | 'token'
  rows: UseQueryResult<T[]>
  rowKey: keyof T & string
  columns: ColumnsType<T>
  addLabel: string
  onAdd: () => void
  /** The last change's failure, shown above the list. */
  failed: unknown
  intro?: ReactNode
  empty?: string
}

/** One tab of 系统管理: an add button, the last change's error, and a table that scrolls sideways on a phone. */
export function AdminList<T extends object>({
  name,
  rows,
  rowKey,
  columns,
  addLabel,
  onAdd,
  failed,
  intro,
  empty,
}: Props<T>) {
  if (rows.isError) return <ApiErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />
  return (
    <Flex vertical gap={12} data-testid={`${name}s-tab`}>
      <Flex justify={intro ? 'space-between' : 'flex-end'} align="center" gap={8} wrap>
        {intro}
        <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={`${name}-add`}>
          {addLabel}
        </Button>
      </Flex>
      {failed ? <ApiErrorAlert error={failed} /> : null}
      <Table<T>
        rowKey={rowKey}
        size="small"
        loading={rows.isPending}
        dataSource={rows.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        {...(empty ? { locale: { emptyText: empty } } : {})}
        columns={columns}
      />
    </Flex>
  )
}
