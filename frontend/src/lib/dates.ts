// Dates travel between UI and Go as ISO (JJJJ-MM-TT) and are shown and
// typed as TT.MM.JJJJ. Anything that is not a date is passed through
// unchanged so the Go side can refuse it with a message next to the field.

const german = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/
const iso = /^(\d{4})-(\d{2})-(\d{2})$/

export function isoToGerman(value: string): string {
  const m = iso.exec(value)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value
}

export function germanToIso(value: string): string {
  const m = german.exec(value)
  if (!m) return value.trim()
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`
}

// todayIso is the local calendar date as JJJJ-MM-TT. Never take it from
// toISOString(): that is the UTC date, which is still yesterday between
// midnight and 01:00 (02:00 in summer) in Germany.
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

// formatTimestamp shows a Go timestamp (RFC 3339) as TT.MM.JJJJ HH:MM local time.
export function formatTimestamp(value: string): string {
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`
}
