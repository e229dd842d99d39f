// The offset of a time zone from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h).
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'))
  return wall - (at - (at % 1000))
}

/**
 * The instant a calendar day (`2026-03-01`) begins in a time zone, as ISO; `plusDays` 1 gives the next day's
 * start (where a day "to" ends). A day that starts in a DST gap starts at the first instant that exists.
 */
export function dayStartIn(timeZone: string, day: string, plusDays = 0): string {
  const midnight = Date.parse(`${day}T00:00:00.000Z`) + plusDays * 86_400_000
  let at = midnight - offsetAt(timeZone, midnight)
  const corrected = midnight - offsetAt(timeZone, at)
  if (corrected !== at) at = corrected
  return new Date(at).toISOString()
}
