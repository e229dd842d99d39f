import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'

/**
 * A new password and the same again: both required, at least 10 characters as the server requires. The form's
 * values carry `name` (the field the API takes) and `confirm`, which the caller leaves out of the request.
 */
export function NewPasswordFields({ name = 'password', label }: { name?: string; label?: string }) {
  const { t } = useTranslation()
  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('session.newPassword')}
        rules={[{ required: true, min: 10, message: t('session.passwordShort') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('session.confirmPassword')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('session.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: (_r, v) =>
              !v || v === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('session.passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  )
}
