import { errorCatalog } from '@kehu/core'

export const jobErrors = errorCatalog({
  JOB_NOT_FOUND: { kind: 'not-found', zh: '任务不存在', en: 'No such job' },
  JOB_INVALID: { kind: 'invalid', zh: '任务参数有误', en: 'The job’s parameters are not valid' },
  JOB_BUSY: {
    kind: 'conflict',
    zh: '同样的任务正由另一进程运行',
    en: 'The same job is running in another process',
  },
  JOB_CANCELLED: { kind: 'conflict', zh: '任务已取消', en: 'The job was cancelled' },
  JOB_STOPPED: {
    kind: 'unavailable',
    zh: '任务已暂停（进程退出），再次运行即从断点继续',
    en: 'The job was paused (the process stopped); run it again to resume',
  },
  JOB_LEASE_LOST: {
    kind: 'unavailable',
    zh: '任务已被另一进程接手',
    en: 'Another process took the job over',
  },
  JOB_FAILED: { kind: 'unavailable', zh: '任务出错而中止', en: 'The job stopped on an error' },
})

declare module '@kehu/core' {
  interface ErrorCatalogs {
    jobs: typeof jobErrors
  }
}
