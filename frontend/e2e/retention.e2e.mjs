// Issue 6 end to end, retention: the periods are edited in Einstellungen
// (a period of 0 months is refused in German and changes nothing), the
// overview lists a tandem whose period has run out, and „Jetzt löschen“
// erases it after the question: only the ticked tandems, with an audit
// entry; an unticked one stays.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { closeApp, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems
let old, kept, recent // tandem ids: two cancelled at the end of 2023, one cancelled today
const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' })
const panel = () => page.getByRole('region', { name: 'Aufbewahrungsfristen' })

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
  ;({ old, kept, recent } = await page.evaluate(async () => {
    const g = window.go.app
    const person = (firstName, lastName, role) =>
      g.PeopleService.Create({ salutation: '', firstName, lastName, email: '', phone: '', departmentId: 0, roles: [role], startDate: '', exitDate: '', lineManagerId: 0, note: '' })
    const tpl = (await g.TemplateService.List(false)).find((t) => t.name === 'Einarbeitung ASD')
    const mentor = await person('Max', 'Mentor', 'mentor')
    const tandem = async (last, run) => {
      const mentee = await person('Rita', last, 'mentee')
      const td = await g.TandemService.Create({ runId: run.id, menteeId: mentee.id, mentorIds: [mentor.id], startDate: run.startDate, endDate: run.endDate, withoutRecommendation: false, overrideReason: '' })
      await g.TandemService.SetStatus(td.id, 'active', '')
      await g.TandemService.SetStatus(td.id, 'cancelled', 'Stelle gewechselt')
      return td.id
    }
    const run2023 = await g.RunService.Create({ templateId: tpl.id, name: 'Einarbeitung 2023', startDate: '2023-02-01', endDate: '2023-12-31', note: '' })
    const run2026 = await g.RunService.Create({ templateId: tpl.id, name: 'Einarbeitung 2026', startDate: '2026-01-01', endDate: '2027-06-30', note: '' })
    return { old: await tandem('Rückblick', run2023), kept: await tandem('Bleibt', run2023), recent: await tandem('Aktuell', run2026) }
  }))
})

after(() => closeApp(browser, app, dir))

const periods = () => page.evaluate(async () => Object.fromEntries((await window.go.app.PrivacyService.RetentionPeriods()).map((p) => [p.kind, p.months])))
const field = () => panel().getByRole('spinbutton', { name: /^Tandems mit Gesprächen und Notizen/ })

test('Einstellungen: periods shown, 0 months refused, 36 saved', async () => {
  await nav().getByRole('link', { name: 'Einstellungen', exact: true }).click()
  await field().waitFor()
  assert.deepEqual(await periods(), { tandem: 24, plan: 24, person: 24 })
  assert.equal(await field().inputValue(), '24')

  await field().fill('0')
  await panel().getByRole('button', { name: 'Fristen speichern' }).click()
  await panel().getByRole('alert').waitFor()
  assert.match(await panel().getByRole('alert').textContent(), /Monat/)
  assert.deepEqual(await periods(), { tandem: 24, plan: 24, person: 24 }, 'a refused period changed something')

  await field().fill('36')
  await panel().getByRole('button', { name: 'Fristen speichern' }).click()
  await page.getByRole('status').getByText('Gespeichert').first().waitFor()
  assert.deepEqual(await periods(), { tandem: 36, plan: 24, person: 24 })
  assert.equal(await panel().getByRole('alert').count(), 0, 'the message about 0 months stays after saving')
})

test('Übersicht: nothing due at 36 months; at 24 the tandem of 2023', async () => {
  await nav().getByRole('link', { name: 'Übersicht', exact: true }).click()
  await panel().getByText('Zurzeit ist nichts zu löschen.').waitFor()

  await nav().getByRole('link', { name: 'Einstellungen', exact: true }).click()
  await field().fill('24')
  await panel().getByRole('button', { name: 'Fristen speichern' }).click()
  await page.waitForFunction(async () => (await window.go.app.PrivacyService.RetentionPeriods()).find((p) => p.kind === 'tandem').months === 24)

  await nav().getByRole('link', { name: 'Übersicht', exact: true }).click()
  const item = panel().getByRole('listitem')
  await item.first().waitFor()
  assert.equal(await item.count(), 2)
  assert.match(await item.filter({ hasText: 'Rückblick' }).textContent(), /^\s*Tandem: Rita Rückblick – Einarbeitung 2023 – beendet am 31\.12\.2023, Frist abgelaufen am 31\.12\.2025\s*$/)
})

test('„Jetzt löschen“: cancelling keeps them, confirming erases only the ticked tandem', async () => {
  await panel().getByRole('button', { name: 'Jetzt löschen' }).click()
  let dlg = page.getByRole('alertdialog')
  assert.match(await dlg.textContent(), /2 Einträge endgültig löschen\?/)
  await dlg.getByRole('button', { name: 'Abbrechen' }).click()
  await dlg.waitFor({ state: 'detached' })
  assert.equal(await panel().getByRole('listitem').count(), 2)

  // One is still needed: unticked, it stays.
  await panel().getByRole('checkbox', { name: /Rita Bleibt/ }).uncheck()

  await panel().getByRole('button', { name: 'Jetzt löschen' }).click()
  dlg = page.getByRole('alertdialog')
  await dlg.getByRole('button', { name: 'Jetzt löschen' }).click()
  await page.getByRole('status').getByText('Ein Eintrag gelöscht.').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.retention-due li').length === 1)
  assert.match(await panel().getByRole('listitem').textContent(), /Rita Bleibt/)

  const state = await page.evaluate(async ({ old, kept, recent }) => {
    const g = window.go.app
    const there = (id) => g.TandemService.Get(id).then(() => true, () => false)
    const log = await g.PrivacyService.AuditLog(0, 50)
    return { old: await there(old), kept: await there(kept), recent: await there(recent), log: JSON.stringify(log) }
  }, { old, kept, recent })
  assert.equal(state.old, false, 'the ticked tandem is still there')
  assert.equal(state.kept, true, 'the unticked tandem was erased')
  assert.equal(state.recent, true, 'the recent tandem was erased too')
  assert.match(state.log, /erase/)
  assert.ok(!state.log.includes('Rückblick'), 'the audit log holds a name')
  assert.deepEqual({ ...problems, consoleErrors: [] }, { dialogs: [], pageErrors: [], foreignRequests: [], consoleErrors: [] })
})
