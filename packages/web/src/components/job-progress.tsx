import { Alert, Button, Flex, Progress, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Job } from './use-job'
import { isOpenJob } from './use-job'

/**
 * A job's progress as people read it: what it is doing, how far it got (a bar when the total is known), rate
 * and time left, its error once failed, and a cancel button while it runs.
 */
export function JobProgress({ job, onCancel, cancelling }: { job: Job; onCancel?: () => void; cancelling?: boolean }) {
  const { t } = useTranslation()
  const p = job.progress
  const open = isOpenJob(job)
  const percent = p.total ? Math.min(100, Math.floor((p.done / p.total) * 100)) : job.status === 'done' ? 100 : 0
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : open ? 'active' : 'normal'
  const facts = [
    p.total === undefined ? t('jobs.done', { done: p.done }) : t('jobs.doneOf', { done: p.done, total: p.total }),
    p.written === undefined ? null : t('jobs.written', { n: p.written }),
    p.bad ? t('jobs.bad', { n: p.bad }) : null,
    open && p.rate !== undefined ? t('jobs.rate', { n: Math.round(p.rate) }) : null,
    open && p.etaSeconds !== undefined ? t('jobs.eta', { n: Math.ceil(p.etaSeconds) }) : null,
  ].filter((f): f is string => f !== null)
  return (
    <Flex vertical gap={4} data-testid="job-progress" data-status={job.status}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>
          {job.cancelRequested && open ? t('jobs.cancelling') : t(`jobs.status.${job.status}`)}
          {p.phase && open ? ` · ${t(`jobs.phase.${p.phase}`, { defaultValue: p.phase })}` : ''}
        </Typography.Text>
        {open && onCancel && !job.cancelRequested && (
          <Button size="small" onClick={onCancel} loading={cancelling} data-testid="job-cancel">
            {t('jobs.cancel')}
          </Button>
        )}
      </Flex>
      <Progress percent={percent} status={status} showInfo={p.total !== undefined || job.status === 'done'} />
      <Typography.Text type="secondary">{facts.join(' · ')}</Typography.Text>
      {job.error && <Alert type="error" showIcon message={job.error.message} />}
    </Flex>
  )
}
