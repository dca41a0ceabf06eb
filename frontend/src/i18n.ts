import { createI18n } from 'vue-i18n'
import de from './locales/de.json'
import en from './locales/en.json'
import type { AppError } from './lib/errors'

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
// own label is found first.
export function errorText(e: AppError, scope = ''): string {
  const g = i18n.global
  if (g.locale.value === 'de') return e.message
  const key = `errors.${e.key}`
  if (!g.te(key)) return e.message
  const scopes = scope ? [scope, ...fieldScopes] : fieldScopes
  const found = scopes.find((s) => e.field && g.te(`${s}.${e.field}`))
  const field = found ? g.t(`${found}.${e.field}`) : e.field
  return g.t(key, { ...e.params, field })
}

// Where errorText looks for a field's label.
const fieldScopes = ['person', 'settings', 'template', 'run', 'tandem', 'plan', 'item', 'handover']

// warningText shows a rule the user may accept with a reason (e.g. a
// leadership tandem inside one department), like errorText.
export function warningText(w: { key: string; message: string; params?: Record<string, string> | null }): string {
  const g = i18n.global
  if (g.locale.value === 'de' || !g.te(`warnings.${w.key}`)) return w.message
  return g.t(`warnings.${w.key}`, { ...(w.params ?? {}) })
}
