// In English (Einstellungen → Sprache) no screen shows German: every screen
// and detail page is walked with data whose own values are English or
// neutral, and its text is searched for German words.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { activeTandem, closeApp, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const saveDir = join(dir, 'saved')
mkdirSync(saveDir)
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, [], { TANDEM_E2E_SAVE_DIR: saveDir }))
  await page.waitForFunction(() => window.go?.app)
  await page.evaluate(() =>
    window.go.app.OrganisationService.Save({
      municipality: 'Hilden', officeName: 'Youth Office', street: 'Main Street 1', postalCode: '40721',
      city: 'Hilden', phone: '', email: '', signatoryName: 'Anna Head', signatoryFunction: 'Head of office',
    }),
  )
  const { tandemId } = await activeTandem(page, {
    department: 'Team North', mentee: ['Sophie', 'Gross'], mentor: ['Petra', 'Becker'], runName: 'Onboarding 2026', planStart: isoDate(new Date()),
  })
  const now = new Date()
  await page.evaluate(
    async ({ tandemId, today, start, end }) => {
      const g = window.go.app
      await g.SessionService.RecordFeedbackTalk({ tandemId, kind: 'final', date: today, answers: [], nextSteps: '' })
      await g.DocumentService.IssueConfirmation(tandemId)
      const tpl = (await g.TemplateService.List(false)).find((t) => t.name === 'Zertifikatskurs Professionelles Management im ASD')
      const run = await g.RunService.Create({ templateId: tpl.id, name: 'Course 2026', startDate: start, endDate: end, note: '' })
      const dep = (await g.DepartmentService.List(false))[0]
      const ids = []
      for (const [first, last] of [['Sara', 'Ozdemir'], ['Jonas', 'Wagner'], ['Max', 'Smith'], ['Lea', 'Yilmaz'], ['Tim', 'Krause']]) {
        const p = await g.PeopleService.Create({
          salutation: '', firstName: first, lastName: last, email: `${first.toLowerCase()}@stadt.de`, phone: '+49 2103 72-123', departmentId: dep.id,
          roles: ['mentee'], startDate: '', exitDate: '', lineManagerId: 0, note: '',
        })
        ids.push(p.id)
      }
      await g.GroupService.Create({ kind: 'course', name: 'Management course', description: '', runId: run.id, memberIds: ids })
    },
    {
      tandemId, today: isoDate(now),
      start: isoDate(new Date(now.getFullYear() - 1, now.getMonth(), 1)), end: isoDate(new Date(now.getFullYear(), now.getMonth() + 6, 0)),
    },
  )
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
