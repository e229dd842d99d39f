// A stored landline is AREA-NUMBER[-EXTENSION] (core's normalizePhone: 010-65125960-8); older values may
// still carry the markers people type (转 / 分机 / ext / x / #).
const EXTENSION = /(?:(?<=^0\d{2,3}-\d{7,8})-|\s*(?:转|分机|ext\.?|x|#)\s*)(\d{1,6})\s*$/i

/** A phone number as a tap-to-call link (`tel:`): digits and + in the href, an extension dialled after a pause. */
export function PhoneLink({ phone }: { phone: string }) {
  const ext = EXTENSION.exec(phone)
  const main = ext ? phone.slice(0, ext.index) : phone
  const href = `tel:${main.replace(/[^\d+]/g, '')}${ext ? `,${ext[1]}` : ''}`
  return (
    <a href={href} data-testid="phone-link">
      {phone}
    </a>
  )
}

/** An e-mail address as a `mailto:` link. */
export function EmailLink({ email }: { email: string }) {
  return (
    <a href={`mailto:${email}`} data-testid="email-link">
      {email}
    </a>
  )
}
