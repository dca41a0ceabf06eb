// Helpers of the Dokumente section: the verdict of a file check in the UI
// language, and reading a dropped or chosen file as base64.
import type { RegisterEntry, VerifyResult } from './api'

type T = (key: string, params?: Record<string, unknown>) => string

// dateOf shows an RFC 3339 timestamp as TT.MM.JJJJ (local time).
export function dateOf(ts: string): string {
  const d = new Date(ts)
  if (!ts || Number.isNaN(d.getTime())) return ts
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`
}

// verifyText is the sentence for a VerifyResult: unaltered and ours,
// revoked (date, reason), superseded (by which number) or unknown.
export function verifyText(t: T, r: Pick<VerifyResult, 'outcome' | 'entries'>): string {
  const entries: RegisterEntry[] = r.entries ?? []
  if (r.outcome === 'unknown' || entries.length === 0) return t('documents.verify.unknown')
  const numbers = entries.map((e) => e.number).join(', ')
  const date = dateOf(entries[0].issuedAt)
  if (r.outcome === 'revoked') {
    const e = entries.find((x) => x.status === 'revoked') ?? entries[0]
    return t('documents.verify.revoked', { date, numbers, revokedAt: dateOf(e.revokedAt), reason: e.revokeReason })
  }
  if (r.outcome === 'superseded') {
    const e = entries.find((x) => x.status === 'superseded') ?? entries[0]
    return t('documents.verify.superseded', { date, numbers, by: e.supersededBy })
  }
  return t('documents.verify.valid', { date, numbers })
}

// maxVerifyBytes mirrors the Go limit (20 MB).
export const maxVerifyBytes = 20 * 1024 * 1024

// fileToBase64 reads a file in the browser as base64 (without data: prefix).
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => {
      const s = String(r.result ?? '')
      const i = s.indexOf(',')
      resolve(i >= 0 ? s.slice(i + 1) : s)
    }
    r.onerror = () => reject(r.error)
    r.readAsDataURL(file)
  })
}
