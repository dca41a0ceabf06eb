import { describe, expect, it } from 'vitest'
import de from '../locales/de.json'
import en from '../locales/en.json'

// Every message of a locale as [key, text].
function messages(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]]
  if (!tree || typeof tree !== 'object') return []
  return Object.entries(tree).flatMap(([k, v]) => messages(v, prefix ? `${prefix}.${k}` : k))
}

describe('locale typography', () => {
  for (const [lang, tree] of [['de', de], ['en', en]] as const) {
    it(`${lang}: a number and its % never part at a line end`, () => {
      const bad = messages(tree).filter(([, text]) => / %/.test(text))
      expect(bad).toEqual([])
    })
  }
})
