// Strings of a job's progress (任务), shown wherever long work runs: plugged into zh-CN.ts and en.ts.
export const jobsZh = {
  status: {
    queued: '排队中',
    running: '运行中',
    done: '已完成',
    failed: '失败',
    cancelled: '已取消',
  },
  cancelling: '正在取消…',
  cancel: '取消任务',
  done: '已处理 {{done}}',
  doneOf: '已处理 {{done}} / {{total}}',
  written: '写入 {{n}}',
  bad: '错误 {{n}}',
  rate: '{{n}} 条/秒',
  eta: '约剩 {{n}} 秒',
  phase: {
    audit: '检查编码',
    fix: '修正计数器',
  },
}

export const jobsEn: typeof jobsZh = {
  status: {
    queued: 'Queued',
    running: 'Running',
    done: 'Done',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  cancelling: 'Cancelling…',
  cancel: 'Cancel job',
  done: '{{done}} processed',
  doneOf: '{{done}} of {{total}} processed',
  written: '{{n}} written',
  bad: '{{n}} bad',
  rate: '{{n}} rows/s',
  eta: 'about {{n}} s left',
  phase: {
    audit: 'Checking codes',
    fix: 'Fixing counters',
  },
}
