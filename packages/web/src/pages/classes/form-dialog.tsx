import { Form, type FormInstance, Modal } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ApiIssue, isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { ApiErrorAlert } from '../../components/api-error-alert'

/** A failed save: its issues go onto the form's fields, the rest beside the error's detail. */
// biome-ignore lint/suspicious/noExplicitAny: any form's values
export function useFormFailure(form: FormInstance<any>) {
  const [rest, setRest] = useState<ApiIssue[] | undefined>()
  const [error, setError] = useState<unknown>()
  return {
    error,
    rest,
    fail: (e: unknown) => {
      setError(e)
      setRest(isApiError(e) ? applyIssuesToForm(form, e) : undefined)
    },
  }
}

interface Props<V> {
  title: ReactNode
  form: FormInstance<V>
  initialValues?: Partial<V>
  pending: boolean
  onClose: () => void
  /** Saves; call `fail` with the error when it does not work. */
  onFinish: (values: V, fail: (e: unknown) => void) => void
  testId?: string
  children: ReactNode
  width?: number
}

/** One dialog with one form: save on OK, every field problem on its field, the rest in an alert. */
export function FormDialog<V>(props: Props<V>) {
  const { t } = useTranslation()
  const failure = useFormFailure(props.form)
  return (
    <Modal
      open
      width={props.width}
      title={props.title}
      okText={t('classes.save')}
      cancelText={t('classes.cancel')}
      confirmLoading={props.pending}
      onCancel={props.onClose}
      onOk={() => props.form.submit()}
    >
      <Form
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(v) => props.onFinish(v, failure.fail)}
        data-testid={props.testId}
      >
        {props.children}
      </Form>
      {failure.error !== undefined && <ApiErrorAlert error={failure.error} issues={failure.rest} />}
    </Modal>
  )
}
