import { DownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Flex, Grid, List, Statistic, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Job } from '../../components/use-job'
import { errorFileUrl, type ImportIssue, type ImportResult } from './import-api'

/** What a check found or an import did: the counts, the wrong rows (paged), and their file to correct. */
export function ImportReport({ tenant, job, result }: { tenant: string; job: Job; result: ImportResult }) {
  const { t, i18n } = useTranslation()
  const narrow = !Grid.useBreakpoint().md
  const counts: Array<[string, number, string]> = [
    ['read', result.read, t('transfer.counts.read')],
    ['inserted', result.inserted, result.dryRun ? t('transfer.wouldInsert') : t('transfer.counts.inserted')],
    ['updated', result.updated, result.dryRun ? t('transfer.wouldUpdate') : t('transfer.counts.updated')],
    ['unchanged', result.unchanged, t('transfer.counts.unchanged')],
    ['bad', result.bad, t('transfer.counts.bad')],
    ['duplicates', result.duplicates, t('transfer.counts.duplicates')],
  ]
  const reason = (i: ImportIssue) => (i18n.language === 'en' ? i.message.en : i.message.zh)
  const where = (i: ImportIssue) => [i.header].filter(Boolean).join(' ')
  return (
    <Flex vertical gap={16} data-testid="import-report">
      {result.dryRun && <Alert type="info" showIcon message={t('transfer.dryNote')} />}
      <Flex gap={12} wrap>
        {counts.map(([key, n, label]) => (
          <Card size="small" key={key} style={{ minWidth: narrow ? 'calc(50% - 6px)' : 120, flex: '1 1 0' }}>
            <Statistic
              title={label}
              value={n}
              valueStyle={key === 'bad' && n > 0 ? { color: '#cf1322' } : undefined}
              data-testid={`count-${key}`}
            />
          </Card>
        ))}
      </Flex>
      {result.issueCount === 0 ? (
        <Typography.Text type="success">{t('transfer.allGood')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('transfer.issues')}
            </Typography.Title>
            {result.hasErrorFile && (
              <Button icon={<DownloadOutlined />} href={errorFileUrl(tenant, job.id)} download data-testid="error-file">
                {t('transfer.errorFile')}
              </Button>
            )}
          </Flex>
          {result.hasErrorFile && <Typography.Text type="secondary">{t('transfer.errorFileHint')}</Typography.Text>}
          {result.issueCount > result.issues.length && (
            <Typography.Text type="secondary">
              {t('transfer.issuesMore', { count: result.issueCount, shown: result.issues.length })}
            </Typography.Text>
          )}
          {narrow ? (
            <List<ImportIssue>
              size="small"
              dataSource={result.issues}
              pagination={{ pageSize: 10, size: 'small', simple: true, hideOnSinglePage: true }}
              data-testid="import-issues"
              renderItem={(i) => (
                <List.Item>
                  <Flex vertical>
                    <Typography.Text strong>
                      {t('transfer.row')} {i.row}
                      {where(i) && ` · ${where(i)}`}
                    </Typography.Text>
                    <Typography.Text>{reason(i)}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ) : (
            <Table<ImportIssue>
              size="small"
              rowKey={(i) => `${i.row}:${i.column ?? ''}:${i.code}`}
              dataSource={result.issues}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              data-testid="import-issues"
              columns={[
                { title: t('transfer.row'), dataIndex: 'row', width: 80 },
                { title: t('transfer.column'), key: 'column', width: 200, render: (_: unknown, i) => where(i) },
                { title: t('transfer.reason'), key: 'reason', render: (_: unknown, i) => reason(i) },
              ]}
            />
          )}
        </Flex>
      )}
    </Flex>
  )
}
