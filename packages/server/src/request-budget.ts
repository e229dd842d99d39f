import { AppError, text } from '@kehu/core'

export const DEFAULT_BUDGET_MS = 30_000

export interface RequestBudget {
  /** Aborts, with the 503 error as its reason, when the budget is spent. */
  signal: AbortSignal
  /** The handler's outcome, or the 503 when the budget runs out first. */
  race<T>(work: Promise<T>): Promise<T>
  clear(): void
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Each request's time budget (ADR 0022): spent, the client gets a 503 problem at once; a read on the
 * worker pool is stopped, work in this thread finishes unseen (a change it makes may still be saved).
 */
export function requestBudget(ms: number, method: string): RequestBudget {
  const seconds = Math.round(ms / 100) / 10
  const error = SAFE.has(method)
    ? new AppError(
        'unavailable',
        'REQUEST_TIMEOUT',
        text(
          `请求超过 ${seconds} 秒仍未完成，已停止；请缩小查询范围或稍后再试`,
          `The request did not finish within ${seconds} s and was stopped; narrow it down or try again later`,
        ),
      )
    : new AppError(
        'unavailable',
        'REQUEST_TIMEOUT',
        text(
          `请求超过 ${seconds} 秒仍未完成；修改可能仍会保存，请刷新后查看再决定是否重试`,
          `The request did not finish within ${seconds} s; the change may still be saved, so reload and check before trying again`,
        ),
      )
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(error), ms)
  timer.unref()
  return {
    signal: controller.signal,
    race: (work) =>
      new Promise((resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(error), { once: true })
        work.then(resolve, reject)
      }),
    clear: () => clearTimeout(timer),
  }
}
