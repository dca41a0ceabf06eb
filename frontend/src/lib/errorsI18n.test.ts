import { afterEach, describe, expect, it } from 'vitest'
import en from '../locales/en.json'
import errorKeys from '../locales/error-keys.json'
import { errorText, flatKey, i18n } from '../i18n'
import type { AppError } from './errors'

// error-keys.json lists every key of Go's `messages` with the placeholders
// of its German text (app/errorkeys_test.go keeps it complete). Every key
// needs an English text with the same placeholders.
const keys = errorKeys as Record<string, string[]>
const errors = en.errors as Record<string, string>
const fields = en.fields as Record<string, string>

function placeholders(s: string): string[] {
  return [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()
}

describe('English error texts', () => {
  it('lists the Go keys', () => {
    expect(Object.keys(keys).length).toBeGreaterThan(100)
  })

  it.each(Object.entries(keys))('%s has an English text with the German placeholders', (key, german) => {
    const text = errors[flatKey(key)]
    expect(text, `errors.${flatKey(key)} missing in en.json`).toBeTypeOf('string')
    expect(placeholders(text)).toEqual([...german].sort())
    // vue-i18n syntax: only placeholders and the literal {'@'} in braces,
    // no pipes (plural) and no other special characters.
    const rest = text.replace(/\{(\w+)\}/g, '').replace(/\{'@'\}/g, '')
    expect(rest).not.toMatch(/[{}|@$]/)
  })

  it('has no English text for a key Go no longer knows', () => {
    const known = new Set(Object.keys(keys).map(flatKey))
    expect(Object.keys(errors).filter((k) => !known.has(k))).toEqual([])
  })

  it('has no two Go keys on the same flat key', () => {
    expect(new Set(Object.keys(keys).map(flatKey)).size).toBe(Object.keys(keys).length)
  })
})

describe('errorText in English', () => {
  afterEach(() => {
    i18n.global.locale.value = 'de'
  })

  const cases: { e: AppError; en: string }[] = [
    {
      e: { code: 'invalid', key: 'text.too_long', field: 'overrideReason', message: '„Begründung der Ausnahme“ darf höchstens 2000 Zeichen lang sein.', params: { max: '2000' } },
      en: '“Reason for the exception” may be at most 2000 characters long.',
    },
    {
      e: { code: 'conflict', key: 'person.in_use.line_manager', field: '', message: '„Petra Becker“ kann nicht gelöscht werden …', params: { name: 'Petra Becker', count: '3' } },
      en: '“Petra Becker” cannot be deleted: they are line manager of 3 person(s). Change that first or archive the person.',
    },
    {
      e: { code: 'invalid', key: 'template.topic.week.invalid', field: 'topics.startWeek', message: 'Thema 2: „Beginn (Woche)“ muss …', params: { index: '2', max: '12' } },
      en: 'Topic 2: “Start (week)” must be between week 0 and week 12 (the template\'s duration).',
    },
    {
      e: { code: 'invalid', key: 'handover.case_count.invalid', field: 'caseCount', message: 'Bitte eine Anzahl der Fälle von 1 bis 500 eingeben.', params: { max: '500' } },
      en: 'Please enter a number of cases from 1 to 500.',
    },
  ]

  it.each(cases)('renders $e.key with its params', ({ e, en: want }) => {
    i18n.global.locale.value = 'en'
    const text = errorText(e)
    expect(text).toBe(want)
    expect(text).not.toMatch(/[{}]/)
  })

  it('renders the literal @ in the e-mail example', () => {
    i18n.global.locale.value = 'en'
    const text = errorText({ code: 'invalid', key: 'email.invalid', field: 'email', message: 'x', params: {} })
    expect(text).toBe('Please enter a valid e-mail address, e.g. name@city.de.')
  })

  it('prefers the form’s own label, then the general one', () => {
    i18n.global.locale.value = 'en'
    const e = { code: 'invalid', key: 'text.required', field: 'startDate', message: 'x', params: {} }
    expect(errorText(e, 'tandem')).toBe('Please fill in “Start”.')
    expect(errorText(e)).toBe(`Please fill in “${fields.startDate}”.`)
  })

  it('keeps the German message in German and for unknown keys', () => {
    const e = { code: 'invalid', key: 'no.such_key', field: '', message: 'Deutsch', params: {} }
    expect(errorText(e)).toBe('Deutsch')
    i18n.global.locale.value = 'en'
    expect(errorText(e)).toBe('Deutsch')
  })
})

describe('showError', () => {
  const rejected = (field: string) => new Error(JSON.stringify({ code: 'invalid', key: 'email.invalid', field, message: 'Bitte eine gültige E-Mail-Adresse eingeben.', params: {} }))
  it('puts the message next to a field the form has', async () => {
    const { showError } = await import('../i18n')
    const errors: Record<string, string> = {}
    const formError = { value: '' }
    showError(rejected('email'), ['email'], errors, formError)
    expect(errors.email).toBe('Bitte eine gültige E-Mail-Adresse eingeben.')
    expect(formError.value).toBe('')
  })
  it('uses the form line for a field the form does not have', async () => {
    const { showError } = await import('../i18n')
    const errors: Record<string, string> = {}
    const formError = { value: '' }
    showError(rejected('email'), ['name'], errors, formError)
    expect(errors).toEqual({})
    expect(formError.value).toBe('Bitte eine gültige E-Mail-Adresse eingeben.')
  })
})
