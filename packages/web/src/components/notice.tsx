import { Flex, Typography } from 'antd'
import type { ReactNode } from 'react'

/**
 * A full-page message (unknown tenant, page not found, an error, an area not built yet). antd's Result
 * would do, but importing it ships its three status illustrations (≈30 KB) on every first load.
 */
export function Notice({
  icon,
  title,
  subTitle,
  extra,
}: {
  icon: ReactNode
  title: ReactNode
  subTitle?: ReactNode
  extra?: ReactNode
}) {
  return (
    <Flex vertical align="center" gap={12} style={{ padding: '48px 16px', textAlign: 'center' }}>
      <div style={{ fontSize: 56, lineHeight: 1, color: '#8c8c8c' }}>{icon}</div>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
      {extra}
    </Flex>
  )
}
