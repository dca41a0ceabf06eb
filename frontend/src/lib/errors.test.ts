import { describe, expect, it } from 'vitest'
import { fieldOf, toAppError } from './errors'

describe('toAppError', () => {
  it('keeps the formatted Go error', () => {
    const e = toAppError({ code: 'invalid', key: 'email.invalid', field: 'email', message: 'Bitte …', params: { max: 5 } })
    expect(e).toEqual({ code: 'invalid', key: 'email.invalid', field: 'email', message: 'Bitte …', params: { max: '5' } })
  })
  it('reads a JSON string', () => {
    const e = toAppError(JSON.stringify({ code: 'conflict', key: 'x', field: '', message: 'Nein' }))
    expect(e.code).toBe('conflict')
    expect(e.message).toBe('Nein')
  })
  it('reads the JSON in the Error that Wails rejects with', () => {
    const e = toAppError(new Error(JSON.stringify({ code: 'invalid', key: 'date.invalid', field: 'startDate', message: 'Bitte ein gültiges Datum' })))
    expect(e).toMatchObject({ code: 'invalid', field: 'startDate', message: 'Bitte ein gültiges Datum' })
  })
  it('never shows a raw technical message', () => {
    for (const raw of ['sql: database is closed', new Error('boom'), null, undefined, 42, { foo: 1 }]) {
      const e = toAppError(raw)
      expect(e.code).toBe('internal')
      expect(e.message).toMatch(/unerwarteter Fehler/)
    }
  })
  it('puts the message next to a known field only', () => {
    const e = toAppError({ code: 'invalid', key: 'k', field: 'email', message: 'm' })
    expect(fieldOf(e, ['email', 'phone'])).toBe('email')
    expect(fieldOf(e, ['phone'])).toBe('')
  })
})
