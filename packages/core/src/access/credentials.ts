import { type Issue, issue, text } from '../errors.js'

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 200

/** Logins compare without case and width: `Alice` and `ａｌｉｃｅ` are `alice`. */
export const normalizeLogin = (login: string) => login.normalize('NFKC').trim().toLowerCase()

/** A login is 1–64 letters (any script), digits, `.`, `_`, `-` or `@`, starting with a letter or digit. */
export function loginIssues(login: string, path: (string | number)[] = ['login']): Issue[] {
  return /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u.test(login)
    ? []
    : [
        issue(
          path,
          'USER_LOGIN_FORMAT',
          text(
            '登录名须为 1–64 个字母、数字或 . _ - @，以字母或数字开头',
            'A login is 1–64 letters, digits or . _ - @, starting with a letter or digit',
          ),
        ),
      ]
}

/** A password is 10–200 characters and not the login itself. */
export function passwordIssues(password: string, login: string, path: (string | number)[] = ['password']): Issue[] {
  const issues: Issue[] = []
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    issues.push(
      issue(
        path,
        'USER_PASSWORD_LENGTH',
        text(
          `密码须为 ${PASSWORD_MIN}–${PASSWORD_MAX} 个字符`,
          `A password has ${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
        ),
      ),
    )
  else if (normalizeLogin(password) === normalizeLogin(login))
    issues.push(issue(path, 'USER_PASSWORD_IS_LOGIN', text('密码不能与登录名相同', 'The password cannot be the login')))
  return issues
}
