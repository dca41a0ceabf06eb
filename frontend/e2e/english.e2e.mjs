// In English (Einstellungen → Sprache) no screen shows German: every screen
// and detail page is walked with data whose own values are English or
// neutral, and its text is searched for German words.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { closeApp, openApp, seedCourseWorld, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const saveDir = join(dir, 'saved')
mkdirSync(saveDir)
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, [], { TANDEM_E2E_SAVE_DIR: saveDir }))
  await page.waitForFunction(() => window.go?.app)
  await seedCourseWorld(page, {
    organisation: { municipality: 'Hilden', officeName: 'Youth Office', street: 'Main Street 1', signatoryName: 'Anna Head', signatoryFunction: 'Head of office' },
    tandem: { department: 'Team North', mentee: ['Sophie', 'Gross'], runName: 'Onboarding 2026' },
    runName: 'Course 2026',
    participants: [['Sara', 'Ozdemir'], ['Jonas', 'Wagner'], ['Max', 'Smith'], ['Lea', 'Yilmaz'], ['Tim', 'Krause']],
    courseName: 'Management course',
  })
})

after(() => closeApp(browser, app, dir))

const german = ['Gespräch', 'Uhr', 'Fälle', 'Fall ', 'erledigt', 'Thema', 'Themen', 'Baustein', 'Einarbeitung', 'geplant', 'abgeschlossen',
  'Speichern', 'Löschen', 'Abbrechen', 'Bearbeiten', 'aktiv', 'Durchgang', 'Vorlage', 'Dienststelle', 'Personen', 'Teilnehmer', 'Modul ',
  'Sitzung', 'Übersicht', 'Einstellungen', 'noch', 'nicht', ' und ', ' von ', ' am ', 'fällig', 'Tage', 'ä', 'ö', 'ü', 'ß', '„']

async function nav(name) {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click()
  await page.waitForTimeout(500)
}

const found = []
// Data, not UI: the shipped templates are German programmes (their names,
// the modules a course copies from one) and the documents' wording is German
// text the office edits (marked lang="de"); both are content, not UI.
const data = 'textarea, input, select, [lang="de"], .templates-table tbody td:first-child, .modules-table tbody, .attendance-grid thead, .attendance-grid tbody th'

async function scan(where) {
  const text = await page.evaluate((data) => {
    const parts = []
    const walker = document.createTreeWalker(document.querySelector('#app'), NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest(data) && n.parentElement.checkVisibility()) parts.push(n.textContent)
    }
    return parts.join(' ')
  }, data)
  for (const w of german) {
    const i = text.indexOf(w)
    if (i >= 0) found.push(`${where}: „${w}“ in „${text.slice(Math.max(0, i - 30), i + 30).replace(/\s+/g, ' ')}“`)
  }
}

test('every screen in English shows no German', async () => {
  await page.getByRole('link', { name: 'Einstellungen', exact: true }).click()
  await page.getByLabel('Sprache der Oberfläche').selectOption('en')
  await page.getByRole('navigation').getByRole('link', { name: 'People' }).waitFor()
  for (const [name, detail] of [
    ['Overview'], ['People', () => page.getByRole('button', { name: 'Gross, Sophie' }).click()], ['Programmes'],
    ['Tandems', () => page.locator('.tandems-table').getByRole('button', { name: /Gross/ }).click()], ['Sessions'],
    ['Groups', () => page.getByRole('button', { name: 'Management course' }).click()], ['Documents'], ['Settings'],
  ]) {
    await nav(name)
    await scan(name)
    if (detail) {
      await detail()
      await page.waitForTimeout(600)
      await scan(`${name} (detail)`)
    }
  }
  assert.deepEqual(found, [])
})
