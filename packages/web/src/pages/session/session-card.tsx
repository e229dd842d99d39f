import { Card, Flex, Typography } from 'antd'
import type { ReactNode } from 'react'
import { LanguageSwitch } from '../../components/language-switch'

/** The centred card of the sign-in and set-up pages: logo, title, language, then the form; fits 390 px. */
export function SessionCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <Typography.Title level={3} style={{ margin: 0, marginInlineEnd: 'auto' }}>
            {title}
          </Typography.Title>
          <LanguageSwitch size="small" />
        </Flex>
        <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
        {children}
      </Card>
    </Flex>
  )
}
