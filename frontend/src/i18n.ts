import { createI18n } from 'vue-i18n'
import de from './locales/de.json'
import en from './locales/en.json'
import { fieldOf, toAppError, type AppError } from './lib/errors'

export type Locale = 'de' | 'en'

// Only the chosen language is kept in localStorage: never personal data.
const storageKey = 'tandem.locale'

function initialLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'de'
  } catch {
    return 'de'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'de',
  messages: { de, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(storageKey, l)
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
}

// errorText shows an AppError in the UI language. The German message comes
// ready from Go; other languages translate by key when they can.
// scope names the form the field belongs to (e.g. 'tandem'), so that its
// own label is found first; then the general labels in "fields", which
// mirror Go's fieldLabels.
//
// Go's keys contain dots, and some are both a message and the prefix of
// another ("person.in_use" and "person.in_use.line_manager"), which
// vue-i18n's nested paths cannot hold. So "errors" and "fields" are flat
// objects whose keys have the dots replaced by '_' (see flatKey).
export function errorText(e: AppError, scope = ''): string {
  const g = i18n.global
  if (g.locale.value === 'de') return e.message
  const key = `errors.${flatKey(e.key)}`
  if (!e.key || !g.te(key)) return e.message
  return g.t(key, { ...e.params, field: fieldLabel(e.field, scope) })
}

// flatKey turns a Go message key or field name into its key in the flat
// "errors" and "fields" objects of the locale files.
export function flatKey(k: string): string {
  return k.replace(/\./g, '_')
}

// fieldLabel is the label of a Go field name in the UI language, or the
// name itself if there is none.
function fieldLabel(field: string, scope: string): string {
  if (!field) return ''
  const g = i18n.global
  const keys = [
    ...(scope ? [`${scope}.${field}`] : []),
    `fields.${flatKey(field)}`,
    ...fieldScopes.map((s) => `${s}.${field}`),
  ]
  const found = keys.find((k) => g.te(k))
  return found ? g.t(found) : field
}

// Where fieldLabel looks for a field's label after the form's own scope
// and "fields".
const fieldScopes = ['person', 'settings', 'template', 'run', 'tandem', 'plan', 'item', 'handover']

// warningText shows a rule the user may accept with a reason (e.g. a
// leadership tandem inside one department), like errorText.
export function warningText(w: { key: string; message: string; params?: Record<string, string> | null }): string {
  const g = i18n.global
  if (g.locale.value === 'de' || !g.te(`warnings.${w.key}`)) return w.message
  return g.t(`warnings.${w.key}`, { ...(w.params ?? {}) })
}

// showError puts a rejected call's message next to its field when the form
// has that field, else into the form's own error line.
export function showError(
  err: unknown,
  fields: readonly string[],
  errors: Record<string, string>,
  formError: { value: string },
  scope?: string,
) {
  const e = toAppError(err)
  const f = fieldOf(e, fields)
  if (f) errors[f] = errorText(e, scope)
  else formError.value = errorText(e, scope)
}
