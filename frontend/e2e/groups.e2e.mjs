// Issue 4 end to end, groups: a mentee peer group with a meeting where one
// member was absent; a steering group meeting with minutes and an agreement
// (on the sessions page); a certificate course of the shipped template with
// module sessions, a practice project and completion; attendance for a
// non-member refused by the Go side.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { closeApp, germanDate, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems
let people = {}

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
})

after(() => closeApp(browser, app, dir))

const daysAgo = (n) => {
  const d = new Date()
  d.setDate(d.getDate() - n)
  return d
}

async function openGroups() {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Gruppen', exact: true }).click()
  await page.getByRole('heading', { name: 'Gruppen', level: 1 }).waitFor()
}

// The group form: kind, name, optional run, members by name.
async function createGroup({ kind, name, run = '', members }) {
  await openGroups()
  const back = page.getByRole('button', { name: 'Zurück zur Liste' })
  if (await back.isVisible()) await back.click()
  await page.getByRole('button', { name: 'Neue Gruppe' }).click()
  const form = page.getByRole('form', { name: 'Neue Gruppe' })
  await form.locator('#gf-kind').selectOption({ label: kind })
  await form.locator('#gf-name').fill(name)
  if (run) {
    const option = form.locator('#gf-runId option', { hasText: run })
    await option.waitFor({ state: 'attached' })
    await form.locator('#gf-runId').selectOption(await option.getAttribute('value'))
  }
  for (const m of members) await form.getByRole('checkbox', { name: m }).check()
  await form.getByRole('button', { name: 'Speichern' }).click()
  await page.getByRole('heading', { name, level: 2 }).waitFor()
}

// A new meeting through the group page; absent names are unticked.
async function recordMeeting({ date, start, place = '', absent = [], module = '' }) {
  await page.getByRole('button', { name: 'Neues Treffen' }).click()
  const form = page.getByRole('form', { name: 'Neues Treffen' })
  if (module) await form.getByLabel('Modul').selectOption({ label: module })
  await form.getByLabel('Datum').fill(date)
  await form.getByLabel('Beginn').fill(start)
  await form.getByLabel('Dauer in Minuten').fill('90')
  if (place) await form.getByLabel('Ort').fill(place)
  else await form.getByRole('checkbox', { name: 'online' }).check()
  for (const a of absent) await form.getByRole('checkbox', { name: a }).uncheck()
  await form.getByRole('button', { name: 'Treffen speichern' }).click()
  await form.waitFor({ state: 'detached' })
}

test('people for the groups (through the bindings)', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
  people = await page.evaluate(async () => {
    const g = window.go.app
    const dep = await g.DepartmentService.Create({ name: 'ASD Nord', shortName: '' })
    const person = (firstName, lastName, role) =>
      g.PeopleService.Create({
        salutation: '', firstName, lastName, email: '', phone: '', departmentId: dep.id, roles: [role],
        startDate: '', exitDate: '', lineManagerId: 0, note: '',
      })
    return {
      lena: (await person('Lena', 'Brandt', 'mentee')).id,
      timo: (await person('Timo', 'Keller', 'mentee')).id,
      ute: (await person('Ute', 'Roth', 'steering_group')).id,
      karl: (await person('Karl', 'Vogt', 'head_of_office')).id,
      sara: (await person('Sara', 'Özdemir', 'team_lead')).id,
      olaf: (await person('Olaf', 'Fremd', 'mentor')).id,
    }
  })
  assert.ok(people.lena > 0 && people.olaf > 0)
})

test('a mentee peer group meets with one member absent', async () => {
  await createGroup({ kind: 'Peergruppe Mentees', name: 'Peergruppe Nord', members: ['Brandt, Lena', 'Keller, Timo'] })
  const members = page.getByRole('list', { name: 'Mitglieder' })
  assert.equal(await members.locator('li').count(), 2)
  await page.getByText('Noch keine Treffen erfasst.').waitFor()
  await recordMeeting({ date: germanDate(daysAgo(7)), start: '14:00', place: 'Raum 1.02', absent: ['Timo Keller'] })
  const row = page.locator('table.group-sessions tbody tr').first()
  await row.waitFor()
  assert.equal(await row.locator('[data-testid=attendance]').innerText(), '1 von 2')
  assert.match(await row.innerText(), new RegExp(germanDate(daysAgo(7)).replace(/\./g, '\\.')))
  assert.match(await row.innerText(), /14:00/)
  assert.match(await row.innerText(), /Raum 1\.02/)
  // Only a past meeting: the calendar export says so instead of opening the save dialog.
  await page.getByRole('button', { name: 'Kommende Termine exportieren' }).click()
  await page.getByRole('alert').filter({ hasText: 'Für diese Gruppe sind ab heute keine Termine geplant.' }).waitFor()
  // Attendance can be changed afterwards: Timo was there after all.
  await row.getByRole('button', { name: /Anwesenheit am .* bearbeiten/ }).click()
  const form = page.locator('form.group-session-form')
  const timo = form.getByRole('checkbox', { name: 'Timo Keller' })
  assert.equal(await timo.isChecked(), false)
  assert.ok(await form.getByRole('checkbox', { name: 'Lena Brandt' }).isChecked())
  await timo.check()
  await form.getByRole('button', { name: 'Treffen speichern' }).click()
  await form.waitFor({ state: 'detached' })
  await page.locator('table.group-sessions [data-testid=attendance]', { hasText: '2 von 2' }).waitFor()
  await timo.waitFor({ state: 'detached' })
  // The list shows the group with its meeting; the kind filter hides it for another kind.
  await page.getByRole('button', { name: 'Zurück zur Liste' }).click()
  const listRow = page.locator('table.groups-table tbody tr', { hasText: 'Peergruppe Nord' })
  await listRow.waitFor()
  assert.match(await listRow.innerText(), /Peergruppe Mentees/)
  await page.locator('#gl-kind').selectOption({ label: 'Steuerungsgruppe' })
  await page.getByText('Keine Gruppen für diese Auswahl.').waitFor()
  await page.locator('#gl-kind').selectOption({ label: 'Alle Arten' })
  await listRow.waitFor()
})

test('deleting a group with meetings is refused in German, archiving hides it', async () => {
  await page.locator('table.groups-table').getByRole('button', { name: 'Peergruppe Nord' }).click()
  await page.getByRole('heading', { name: 'Peergruppe Nord', level: 2 }).waitFor()
  await page.locator('.group-detail').getByRole('button', { name: 'Löschen' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Löschen' }).click()
  const alert = page.locator('.group-detail [role=alert]')
  await alert.waitFor()
  assert.match(await alert.innerText(), /kann nicht gelöscht werden/)
  const still = await page.evaluate(() => window.go.app.GroupService.List({ kind: '', includeArchived: true }))
  assert.equal(still.length, 1)
  await page.locator('.group-detail').getByRole('button', { name: 'Archivieren' }).click()
  await page.locator('.group-detail .badge', { hasText: 'archiviert' }).waitFor()
  await page.getByRole('button', { name: 'Zurück zur Liste' }).click()
  await page.getByText('Noch keine Gruppen.', { exact: false }).waitFor()
  await page.getByRole('checkbox', { name: 'Archivierte anzeigen' }).check()
  await page.locator('table.groups-table tbody tr', { hasText: 'Peergruppe Nord' }).waitFor()
  await page.locator('table.groups-table').getByRole('button', { name: 'Peergruppe Nord' }).click()
  await page.locator('.group-detail').getByRole('button', { name: 'Wiederherstellen' }).click()
  await page.locator('.group-detail').getByRole('button', { name: 'Archivieren' }).waitFor()
  // Editing: Timo has attendance rows, so he cannot be removed; nothing typed is lost.
  await page.locator('.group-detail').getByRole('button', { name: 'Bearbeiten' }).click()
  const form = page.getByRole('form', { name: 'Gruppe bearbeiten' })
  await form.locator('#gf-name').fill('Peergruppe Nord-West')
  await form.getByRole('checkbox', { name: 'Keller, Timo' }).uncheck()
  await form.getByRole('button', { name: 'Speichern' }).click()
  const refused = form.locator('[role=alert]').first()
  await refused.waitFor()
  assert.match(await refused.innerText(), /Timo Keller/)
  assert.equal(await form.locator('#gf-name').inputValue(), 'Peergruppe Nord-West')
  await form.getByRole('checkbox', { name: 'Keller, Timo' }).check()
  await form.getByRole('button', { name: 'Speichern' }).click()
  await page.getByRole('heading', { name: 'Peergruppe Nord-West', level: 2 }).waitFor()
  assert.equal(await page.getByRole('list', { name: 'Mitglieder' }).locator('li').count(), 2)
  await page.getByRole('button', { name: 'Zurück zur Liste' }).click()
  await page.getByRole('checkbox', { name: 'Archivierte anzeigen' }).uncheck()
})

test('a steering group meeting with minutes and an agreement', async () => {
  await createGroup({ kind: 'Steuerungsgruppe', name: 'Steuerungsgruppe Mentoring', members: ['Roth, Ute', 'Vogt, Karl'] })
  await page.getByRole('heading', { name: 'Sitzungen', level: 2 }).waitFor()
  await recordMeeting({ date: germanDate(daysAgo(3)), start: '10:00', place: 'Sitzungssaal' })
  const row = page.locator('table.group-sessions tbody tr').first()
  assert.equal(await row.locator('[data-testid=attendance]').innerText(), '2 von 2')
  const link = row.getByRole('link', { name: /Protokoll der Sitzung am .* öffnen/ })
  const href = await link.getAttribute('href')
  const sessionId = Number(/session=(\d+)/.exec(href)[1])
  assert.ok(sessionId > 0)
  await link.click()
  await page.waitForURL(/#\/gespraeche\?.*session=/)
  // Minutes and agreements are handled by the sessions page for every kind.
  await page.getByRole('button', { name: /(Notiz|Protokoll).*hinzufügen/ }).first().click()
  const note = page.locator('.note-editor').first()
  await note.locator('textarea').fill('Protokoll: Auswertung des ersten Mentoring-Jahrgangs besprochen.')
  await note.getByText(/Gespeichert um \d\d:\d\d/).waitFor()
  await page.fill('#ag-text', 'Evaluationsbericht bis zur nächsten Sitzung entwerfen')
  await page.locator('#ag-owner').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Vereinbarung hinzufügen' }).click()
  await page.locator('ul.agreements li', { hasText: 'Evaluationsbericht' }).waitFor()
  const s = await page.evaluate((id) => window.go.app.SessionService.Get(id), sessionId)
  assert.equal(s.kind, 'steering')
  assert.match(s.notes[0].text, /Auswertung des ersten Mentoring-Jahrgangs/)
  assert.equal(s.agreements[0].text, 'Evaluationsbericht bis zur nächsten Sitzung entwerfen')
})

test('a certificate course: module sessions, practice project, completion', async () => {
  const now = new Date()
  const runName = 'Zertifikatskurs 2026'
  await page.evaluate(
    async ({ runName, start, end }) => {
      const g = window.go.app
      const tpl = (await g.TemplateService.List(false)).find((t) => t.name === 'Zertifikatskurs Professionelles Management im ASD')
      await g.RunService.Create({ templateId: tpl.id, name: runName, startDate: start, endDate: end, note: '' })
    },
    { runName, start: isoDate(new Date(now.getFullYear() - 1, now.getMonth(), 1)), end: isoDate(new Date(now.getFullYear(), now.getMonth() + 6, 0)) },
  )
  // Without a run a course is refused next to the run field, nothing lost.
  await openGroups()
  await page.getByRole('button', { name: 'Neue Gruppe' }).click()
  const form = page.getByRole('form', { name: 'Neue Gruppe' })
  await form.locator('#gf-kind').selectOption({ label: 'Zertifikatskurs' })
  await form.locator('#gf-name').fill('Kurs ohne Durchgang')
  await form.getByRole('button', { name: 'Speichern' }).click()
  await page.locator('#gf-runId-error').waitFor()
  assert.equal(await form.locator('#gf-name').inputValue(), 'Kurs ohne Durchgang')
  await form.getByRole('button', { name: 'Abbrechen' }).click()

  await createGroup({ kind: 'Zertifikatskurs', name: 'Zertifikatskurs ASD Nord', run: runName, members: ['Özdemir, Sara'] })
  const modules = page.locator('table.modules-table tbody tr')
  await modules.first().waitFor()
  const total = await modules.count()
  assert.ok(total >= 2, `modules: ${total}`)
  assert.match(await page.locator('.group-detail').innerText(), /80\u00a0% der Module/)

  // The first module gets its speaker and date changed.
  await modules.first().getByRole('button', { name: /Modul .* bearbeiten/ }).click()
  const dlg = page.getByRole('dialog', { name: 'Modul bearbeiten' })
  await dlg.getByLabel('Referent:in').fill('Dr. Petra Lang')
  await dlg.getByLabel('Datum').fill('31.02.2026')
  await dlg.getByRole('button', { name: 'Speichern' }).click()
  await dlg.locator('#cm-date-error').waitFor()
  assert.equal(await dlg.getByLabel('Referent:in').inputValue(), 'Dr. Petra Lang')
  await dlg.getByLabel('Datum').fill(germanDate(daysAgo(60)))
  await dlg.getByRole('button', { name: 'Speichern' }).click()
  await dlg.waitFor({ state: 'detached' })
  assert.match(await modules.first().innerText(), /Dr\. Petra Lang/)

  // Not enough yet: no sessions, no project.
  const row = page.locator('table.attendance-grid tbody tr', { hasText: 'Sara Özdemir' })
  await row.waitFor()
  assert.match(await row.locator('[data-testid=completion]').innerText(), /noch offen: Anwesenheit 0\u00a0% von 80\u00a0%, Praxisprojekt nicht abgeschlossen/)

  // Module sessions until the attendance rule is met (the form proposes the next module).
  const needed = Math.ceil((80 * total) / 100)
  for (let i = 0; i < needed; i++) {
    await recordMeeting({ date: germanDate(daysAgo(50 - i)), start: '09:00', place: 'Landesjugendamt' })
    await page.locator('table.group-sessions tbody tr').nth(i).waitFor()
  }
  assert.equal(await page.locator('table.group-sessions tbody tr').count(), needed)
  assert.match(await page.locator('table.group-sessions').innerText(), /Modul/)
  const percent = Math.floor((needed * 100) / total)
  await row.locator('[data-testid=percent]', { hasText: `${percent}\u00a0% von 80\u00a0%` }).waitFor()
  assert.match(await row.locator('[data-testid=completion]').innerText(), /noch offen: Praxisprojekt nicht abgeschlossen/)
  assert.equal(await row.locator('td.present').count(), needed)

  // The practice project: a missing title is refused, then it is completed.
  await row.getByRole('button', { name: 'Praxisprojekt von Sara Özdemir bearbeiten' }).click()
  const pd = page.getByRole('dialog', { name: 'Praxisprojekt von Sara Özdemir' })
  await pd.getByLabel('Beschreibung').fill('Einführung kollegialer Fallberatung im ASD Nord.')
  await pd.getByRole('button', { name: 'Praxisprojekt speichern' }).click()
  await pd.locator('#pp-title-error').waitFor()
  assert.equal(await pd.getByLabel('Beschreibung').inputValue(), 'Einführung kollegialer Fallberatung im ASD Nord.')
  await pd.getByLabel('Titel').fill('Kollegiale Fallberatung')
  await pd.getByRole('checkbox', { name: 'Amtsleitung unterstützt das Projekt' }).check()
  await pd.getByLabel('Status').selectOption({ label: 'abgeschlossen' })
  await pd.getByRole('button', { name: 'Praxisprojekt speichern' }).click()
  await pd.waitFor({ state: 'detached' })
  await row.locator('[data-testid=completion]', { hasText: 'Abgeschlossen' }).waitFor()
  assert.match(await row.locator('[data-testid=project]').innerText(), /Kollegiale Fallberatung/)
  assert.equal(await page.getByText(/Note|Bewertung|Punkte/).count(), 0)
  const groupId = Number(await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('group')))
  const parts = await page.evaluate((id) => window.go.app.GroupService.Participants(id), groupId)
  assert.equal(parts[0].completed, true)
  assert.equal(parts[0].project.headSupports, true)
})

test('attendance for a non-member is refused with a German message', async () => {
  const result = await page.evaluate(async (olaf) => {
    const g = window.go.app
    const group = (await g.GroupService.List({ kind: 'peer_mentees', includeArchived: true }))[0]
    const before = (await g.GroupService.Sessions(group.id)) ?? []
    let message = ''
    try {
      await g.SessionService.Create({
        tandemId: 0, groupId: group.id, moduleId: 0, date: new Date().toISOString().slice(0, 10), startTime: '18:00', durationMinutes: 60,
        place: 'online', participants: [{ personId: olaf, present: true }], topicItemIds: [], markTopicsDone: false,
      })
    } catch (e) {
      message = String(e?.message ?? e)
    }
    const after = (await g.GroupService.Sessions(group.id)) ?? []
    return { message, before: before.length, after: after.length }
  }, people.olaf)
  assert.notEqual(result.message, '')
  const err = JSON.parse(result.message)
  assert.match(err.message, /Olaf Fremd.*kein Mitglied/)
  assert.equal(result.after, result.before)
})

test('no dialogs, page errors or foreign requests', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
