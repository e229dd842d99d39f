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
  return unmatched
}
