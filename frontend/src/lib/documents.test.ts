import { describe, expect, it } from 'vitest'
import { dateOf, verifyText } from './documents'

const t = (key: string, p: Record<string, unknown> = {}) => `${key} ${JSON.stringify(p)}`
const entry = (over: Record<string, unknown> = {}) =>
  ({ number: 'JA-2027-0001', issuedAt: '2027-06-15T08:00:00Z', status: 'valid', revokedAt: '', revokeReason: '', supersededBy: '', ...over }) as never

describe('verifyText', () => {
  it('names the outcome with date, numbers, reason and successor', () => {
    expect(verifyText(t, { outcome: 'unknown', entries: [] })).toContain('documents.verify.unknown')
    expect(verifyText(t, { outcome: 'valid', entries: [entry()] })).toContain('"numbers":"JA-2027-0001"')
    const r = verifyText(t, { outcome: 'revoked', entries: [entry({ status: 'revoked', revokedAt: '2027-07-01T10:00:00Z', revokeReason: 'Fehler' })] })
    expect(r).toContain('documents.verify.revoked')
    expect(r).toContain('"reason":"Fehler"')
    expect(r).toContain('"revokedAt":"01.07.2027"')
    expect(verifyText(t, { outcome: 'superseded', entries: [entry({ status: 'superseded', supersededBy: 'JA-2027-0002' })] })).toContain('"by":"JA-2027-0002"')
  })
  it('shows dates as TT.MM.JJJJ', () => {
    expect(dateOf('2027-06-15T08:00:00Z')).toBe('15.06.2027')
    expect(dateOf('')).toBe('')
  })
})
