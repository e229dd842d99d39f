import { AppError, reissue } from '@kehu/core'

/**
 * Runs `fn` and names the API fields in its errors' issue paths by the command's options (`newCode` → `--to`),
 * so that a CLI user reads the words they typed.
 */
export async function withOptionNames<T>(names: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (!(e instanceof AppError) || !e.issues.some((i) => typeof i.path[0] === 'string' && i.path[0] in names)) throw e
    const issues = e.issues.map((i) => {
      const head = i.path[0]
      return typeof head === 'string' && head in names ? { ...i, path: [names[head] as string, ...i.path.slice(1)] } : i
    })
    throw reissue(e, { issues })
  }
}
