import { Alert, Button, Flex, Form, List, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isApiError } from '../../api/client'
import { applyIssuesToForm } from '../../api/form-issues'
import { useCan } from '../../api/me'
import { areaUrl } from '../../areas'
import { ApiErrorAlert } from '../../components/api-error-alert'
import { attributeInput, dateProps } from '../../components/attribute-fields'
import { type Attribute, useDimensionMutations, useIncompleteCustomers } from './dimensions-api'

/** The count of customers a required attribute leaves incomplete, as a button that opens their list. */
export function IncompleteCount({ tenant, attribute }: { tenant: string; attribute: Attribute }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const q = useIncompleteCustomers(tenant, attribute.code, attribute.required && attribute.enabled)
  if (!attribute.required || !q.data) return null
  return (
    <>
      {q.data.count === 0 ? (
        <Typography.Text type="secondary">{t('dimensions.complete')}</Typography.Text>
      ) : (
        <Button size="small" danger onClick={() => setOpen(true)} data-testid={`incomplete-${attribute.code}`}>
          {t('dimensions.incompleteCount', { count: q.data.count })}
        </Button>
      )}
      {/* Stays open after a fill empties the list, to say what it did. */}
      {open && <IncompleteDialog tenant={tenant} attribute={attribute} onClose={() => setOpen(false)} />}
    </>
  )
}

/**
 * The customers without a value of a required attribute, and the optional explicit back-fill: the
 * clerk chooses a value, sees how many customers it would fill, then confirms. Nothing is filled otherwise.
 */
function IncompleteDialog({
  tenant,
  attribute,
  onClose,
}: {
  tenant: string
  attribute: Attribute
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ value: unknown }>()
  const q = useIncompleteCustomers(tenant, attribute.code, true)
  const m = useDimensionMutations(tenant)
  // Filling changes customers: without the permission the dialog only lists them.
  const canFill = useCan()('customer:edit')
  const [planned, setPlanned] = useState<{ value: unknown; count: number } | null>(null)
  const [done, setDone] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)

  const run = async (dryRun: boolean) => {
    setError(null)
    try {
      const value = dryRun ? (await form.validateFields()).value : planned?.value
      const r = await m.fillAttribute.mutateAsync({ code: attribute.code, value, dryRun })
      if (dryRun) setPlanned({ value, count: r.filled })
      else {
        setPlanned(null)
        setDone(r.filled)
      }
    } catch (e) {
      if (isApiError(e)) {
        setError(e)
        applyIssuesToForm(form, e)
      }
    }
  }

  return (
    <Modal
      open
      title={t('dimensions.incompleteTitle', { name: attribute.name })}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="incomplete-close">
          {t('dimensions.close')}
        </Button>
      }
      data-testid="incomplete-dialog"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('dimensions.incompleteIntro')}</Typography.Text>
        {q.data && (
          <List
            size="small"
            bordered
            style={{ maxHeight: 240, overflow: 'auto' }}
            header={t('dimensions.incompleteCount', { count: q.data.count })}
            dataSource={q.data.customers}
            renderItem={(c) => (
              <List.Item>
                <Link to={`${areaUrl(tenant, 'customers')}/${encodeURIComponent(c.code)}/edit`}>
                  {c.code} {c.name}
                </Link>
              </List.Item>
            )}
          />
        )}
        {done !== null && <Alert type="success" showIcon message={t('dimensions.filled', { count: done })} />}
        {canFill && (
          <>
            <Typography.Text strong>{t('dimensions.fillTitle')}</Typography.Text>
            <Form form={form} layout="inline" onValuesChange={() => setPlanned(null)}>
              <Form.Item
                name="value"
                label={attribute.name}
                rules={[{ required: true, message: t('dimensions.fillValueMissing', { name: attribute.name }) }]}
                style={{ minWidth: 220 }}
                {...(attribute.type === 'boolean' ? { valuePropName: 'checked' } : {})}
                {...(attribute.type === 'date' ? dateProps : {})}
              >
                {attributeInput(attribute)}
              </Form.Item>
              <Button onClick={() => void run(true)} loading={m.fillAttribute.isPending} data-testid="fill-preview">
                {t('dimensions.fillPreview')}
              </Button>
            </Form>
            {planned && (
              <Alert
                type="warning"
                showIcon
                message={t('dimensions.fillPlanned', { count: planned.count, name: attribute.name })}
                action={
                  <Button
                    danger
                    disabled={planned.count === 0}
                    onClick={() => void run(false)}
                    loading={m.fillAttribute.isPending}
                    data-testid="fill-confirm"
                  >
                    {t('dimensions.fillConfirm', { count: planned.count })}
                  </Button>
                }
              />
            )}
          </>
        )}
        {error !== null && <ApiErrorAlert error={error} />}
      </Flex>
    </Modal>
  )
}
