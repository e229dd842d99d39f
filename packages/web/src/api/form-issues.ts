import type { FormInstance } from 'antd'
import type { ApiError, ApiIssue } from './client'

type NamePath = (string | number)[]

const startsWith = (path: NamePath, prefix: NamePath) =>
  prefix.length <= path.length && prefix.every((p, i) => String(p) === String(path[i]))

/**
 * Shows every field problem of an ApiError on the form at once (form.setFields). An issue lands on
 * the registered field with the longest path that prefixes the issue's path, so
 * `['attributes', 'grade', 0]` lands on a field named `['attributes', 'grade']`.
 * Returns the issues that match no field, for the caller to show next to the error's detail.
 */
export function applyIssuesToForm(form: FormInstance, error: ApiError): ApiIssue[] {
  const fields: NamePath[] = form.getFieldsError().map((f) => f.name as NamePath)
  const byField = new Map<number, string[]>()
  const unmatched: ApiIssue[] = []
  for (const issue of error.issues) {
    let best = -1
    fields.forEach((name, i) => {
      if (startsWith(issue.path, name) && (best < 0 || name.length > (fields[best]?.length ?? 0))) best = i
    })
    if (best < 0) unmatched.push(issue)
    else byField.set(best, [...(byField.get(best) ?? []), issue.message])
  }
  // Fields without a problem this time lose the errors of an earlier attempt.
  form.setFields(
    fields.map((name, i) => ({
      name,
      errors: byField.get(i) ?? [],
    })),
  )
  const first = fields.find((_, i) => byField.has(i))
  if (first) focusField(form, first)
  return unmatched
}

/** Brings a field into view and puts the cursor in it (the first bad one after a refused save). */
export function focusField(form: FormInstance, name: NamePath) {
  form.scrollToField(name, { block: 'center', behavior: 'smooth', focus: true })
}

/** The field paths of an `onValuesChange` change set, e.g. `{ attributes: { LEVEL: 1 } }` → `[['attributes', 'LEVEL']]`. */
function changedPaths(changed: Record<string, unknown>, prefix: NamePath = []): NamePath[] {
  return Object.entries(changed).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !('$d' in v)
      ? changedPaths(v as Record<string, unknown>, [...prefix, k])
      : [[...prefix, k]],
  )
}

/**
 * An old refusal goes away as soon as the clerk changes its field (`onValuesChange`): the server's
 * message was about the value that is no longer there. Fields with their own rules check themselves again.
 */
export function clearChangedIssues(form: FormInstance, changed: Record<string, unknown>) {
  const paths = changedPaths(changed)
  const stale = form.getFieldsError(paths).filter((f) => f.errors.length > 0)
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })))
}
