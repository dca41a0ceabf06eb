import { describe, expect, it } from 'vitest'
import { germanToIso, isoToGerman, todayIso } from './dates'

describe('dates', () => {
  it('shows ISO dates as TT.MM.JJJJ', () => {
    expect(isoToGerman('2027-03-01')).toBe('01.03.2027')
    expect(isoToGerman('')).toBe('')
  })
  it('reads TT.MM.JJJJ, also without leading zeros', () => {
    expect(germanToIso('01.03.2027')).toBe('2027-03-01')
    expect(germanToIso('1.3.2027')).toBe('2027-03-01')
    expect(germanToIso(' 31.12.2026 ')).toBe('2026-12-31')
  })
  it('passes anything else through for the Go side to refuse', () => {
    expect(germanToIso('morgen')).toBe('morgen')
    expect(germanToIso('2027-03-01')).toBe('2027-03-01')
    expect(germanToIso('32.13.2027')).toBe('2027-13-32')
    expect(germanToIso('')).toBe('')
  })
  it('round-trips', () => {
    for (const d of ['2026-02-28', '2000-01-01', '2099-12-31']) expect(germanToIso(isoToGerman(d))).toBe(d)
  })
})

describe('todayIso', () => {
  it('is the local date', () => {
    expect(todayIso(new Date(2028, 1, 29, 23, 59))).toBe('2028-02-29')
    expect(todayIso(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01')
    expect(todayIso(new Date(2027, 0, 1, 0, 30))).toBe('2027-01-01')
  })
})
