// Issue 3 end to end: people for a programme, a newcomer's onboarding plan
// from the shipped template „Einarbeitung ASD“ (prior knowledge, progress,
// overdue topics, the overview), a leadership tandem inside one department
// (warning, refused without reason, accepted with one), and a template
// exported and imported again.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { closeApp, germanDate, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
})

after(() => closeApp(browser, app, dir))

// About three months ago: the early topics of a six-month onboarding are overdue.
const planStart = (() => {
  const d = new Date()
  d.setDate(d.getDate() - 91)
  return germanDate(d)
})()

// The run and its tandem are under way today: from the first of this month for a year.
const run = (() => {
  const now = new Date()
  const start = new Date(now.getFullYear(), now.getMonth(), 1)
  const end = new Date(now.getFullYear() + 1, now.getMonth(), 0)
  return { name: `Mentoring ${start.getFullYear()}`, start: germanDate(start), end: germanDate(end), startIso: isoDate(start), endIso: isoDate(end) }
})()

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

async function nav(name) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click()
}

// selectByText chooses the first option of a select whose text contains text.
async function selectByText(selector, text) {
  const option = page.locator(`${selector} option`, { hasText: text }).first()
  await option.waitFor({ state: 'attached' })
  await page.selectOption(selector, await option.getAttribute('value'))
}

async function saved() {
  await page.getByRole('status').getByText('Gespeichert.').first().waitFor()
}

async function newPerson({ firstName, lastName, department, role }) {
  await page.getByRole('button', { name: 'Neue Person' }).click()
  await page.fill('#pf-firstName', firstName)
  await page.fill('#pf-lastName', lastName)
  await page.locator('#pf-departmentId').selectOption({ label: department })
  await page.locator('.person-form').getByRole('checkbox', { name: role, exact: true }).check()
  await page.getByRole('button', { name: 'Speichern' }).click()
  await page.locator('.people-table').getByText(`${lastName}, ${firstName}`).waitFor()
}

async function personId(lastName) {
  return page.evaluate(async (q) => {
    const list = await window.go.app.PeopleService.List({ query: q, role: '', departmentId: 0, includeArchived: false, limit: 10 })
    return list.people[0].id
  }, lastName)
}

const progressOf = async () => Number(await page.locator('[data-testid=plan-progress] .progress').getAttribute('data-percent'))

async function waitForProgress(not) {
  await page.waitForFunction(
    (old) => {
      const el = document.querySelector('[data-testid=plan-progress] .progress')
      return el && Number(el.getAttribute('data-percent')) !== old
    },
    not,
  )
  return progressOf()
}

const itemRow = (title) =>
  page.locator('.items-table tbody tr').filter({ has: page.locator('.item-title', { hasText: new RegExp(`^\\s*${escapeRe(title)}\\s*$`) }) })

let sureTopic = ''

test('two departments and three people through the UI', async () => {
  await nav('Personen')
  await page.getByRole('tab', { name: 'Dienststellen' }).click()
  for (const name of ['ASD Nord', 'ASD Süd']) {
    await page.getByRole('button', { name: 'Neue Dienststelle' }).click()
    await page.fill('#df-name', name)
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.locator('.departments-table').getByText(name, { exact: true }).waitFor()
  }
  await page.getByRole('tab', { name: 'Personen' }).click()
  await newPerson({ firstName: 'Lena', lastName: 'Neumann', department: 'ASD Nord', role: 'Mentee / neue Fachkraft' })
  await newPerson({ firstName: 'Petra', lastName: 'Becker', department: 'ASD Nord', role: 'Mentor:in' })
  await newPerson({ firstName: 'Tobias', lastName: 'Krüger', department: 'ASD Süd', role: 'Mentor:in' })
  assert.match(await page.locator('.count').innerText(), /3 Personen/)
})

test('the shipped templates are listed and open in the editor', async () => {
  await nav('Programme')
  await page.getByRole('heading', { name: 'Programme', level: 1 }).waitFor()
  assert.equal(await page.getByRole('tab', { name: 'Vorlagen' }).getAttribute('aria-selected'), 'true')
  const table = page.locator('.templates-table')
  await table.getByRole('button', { name: 'Einarbeitung ASD', exact: true }).waitFor()
  await table.getByRole('button', { name: 'Mentoring für künftige Führungskräfte', exact: true }).waitFor()
  const row = table.locator('tbody tr', { has: page.getByRole('button', { name: 'Einarbeitung ASD', exact: true }) })
  assert.match(await row.innerText(), /Einarbeitung/)

  // Saving the shipped template unchanged round-trips it through the Go side.
  await row.getByRole('button', { name: 'Bearbeiten' }).click()
  assert.equal(await page.inputValue('#te-name'), 'Einarbeitung ASD')
  assert.equal(await page.inputValue('#te-kind'), 'onboarding')
  assert.ok((await page.locator('fieldset.topic').count()) >= 6)
  assert.ok(Number(await page.inputValue('#te-probationWeeks')) > 0)
  await page.locator('.template-editor').getByRole('button', { name: 'Speichern' }).click()
  await saved()
  await page.locator('.template-editor').getByRole('button', { name: 'Schließen' }).click()
  await table.waitFor()
})

test('a newcomer’s plan from „Einarbeitung ASD“ with one topic known „sicher“', async () => {
  await page.getByRole('tab', { name: 'Einarbeitungspläne' }).click()
  await page.getByText('Noch keine Einarbeitungspläne').waitFor()
  await page.getByRole('button', { name: 'Neuer Einarbeitungsplan' }).click()
  await page.locator('#pw-newcomerId').selectOption({ label: 'Neumann, Lena' })
  await page.locator('#pw-templateId').selectOption({ label: 'Einarbeitung ASD' })
  await page.fill('#pw-startDate', planStart)
  await page.locator('#pw-resp-mentor').selectOption({ label: 'Becker, Petra' })
  const topics = page.locator('fieldset.knowledge')
  await topics.first().waitFor()
  assert.ok((await topics.count()) >= 6)
  // The last topic comes late in the onboarding: mark it „sicher“.
  const last = topics.last()
  sureTopic = (await last.locator('legend').innerText()).trim()
  await last.getByLabel('sicher', { exact: true }).check()
  await page.getByRole('button', { name: 'Plan anlegen' }).click()

  await page.getByRole('heading', { name: /^Einarbeitungsplan: .*Neumann/ }).waitFor()
  assert.equal(await page.getByTestId('plan-start').innerText(), planStart)
  assert.match(await page.getByTestId('plan-probation').innerText(), /^\d{2}\.\d{2}\.\d{4}$/)
  assert.equal(await progressOf(), 0)
  assert.match(await page.locator('[data-testid=plan-progress] .percent').innerText(), /^0\s%$/)
  assert.ok((await page.locator('.items-table tbody tr').count()) >= 6)
  // Topics whose responsible role is „Mentor:in“ name the chosen mentor.
  const mentorTopics = await page.evaluate(async () => {
    const list = await window.go.app.TemplateService.List(false)
    const t = await window.go.app.TemplateService.Get(list.find((x) => x.name === 'Einarbeitung ASD').id)
    return t.topics.filter((tp) => tp.responsibleRole === 'mentor').length
  })
  if (mentorTopics > 0) await page.locator('.items-table').getByText(/Becker/).first().waitFor()
})

test('„Entfällt“ drops the known topic with one click and says why', async () => {
  const row = itemRow(sureTopic)
  await row.getByText('Vorkenntnisse: sicher').waitFor()
  await row.getByRole('button', { name: 'Entfällt' }).click()
  await row.locator('.adjustment').waitFor()
  assert.ok((await row.locator('.adjustment').innerText()).trim().length > 0)
  assert.equal(await row.locator('select.item-status').inputValue(), 'dropped')
  assert.equal(await row.getByRole('button', { name: 'Entfällt' }).count(), 0)
})

test('a start date in the past shows overdue topics', async () => {
  const overdue = page.locator('.items-table tbody tr.overdue')
  await overdue.first().waitFor()
  assert.match(await overdue.first().innerText(), /überfällig/)
  // the dropped topic is not overdue
  assert.equal(await itemRow(sureTopic).evaluate((tr) => tr.classList.contains('overdue')), false)
})

test('marking topics „erledigt“ raises the progress', async () => {
  const rows = page.locator('.items-table tbody tr')
  const first = rows.nth(0)
  const second = rows.nth(1)
  await first.locator('select.item-status').selectOption({ label: 'erledigt' })
  const p1 = await waitForProgress(0)
  assert.ok(p1 > 0 && p1 < 100, `progress ${p1}`)
  assert.equal(await page.locator('[data-testid=plan-progress] .percent').innerText(), `${p1}\u00a0%`)
  assert.equal(await first.evaluate((tr) => tr.classList.contains('overdue')), false)
  await second.locator('select.item-status').selectOption({ label: 'erledigt' })
  const p2 = await waitForProgress(p1)
  assert.ok(p2 > p1, `progress ${p1} → ${p2}`)
  await second.locator('select.item-status').selectOption({ label: 'in Arbeit' })
  assert.equal(await waitForProgress(p2), p1)
})

test('case handovers add up', async () => {
  await page.getByRole('button', { name: 'Fallübernahme erfassen' }).click()
  await page.fill('#ho-caseCount', '4')
  await page.locator('#ho-fromId').selectOption({ label: 'Becker, Petra' })
  await page.locator('.handover-form').getByRole('button', { name: 'Speichern' }).click()
  await page.getByTestId('cases-total').getByText('Übernommene Fälle insgesamt: 4').waitFor()
  await page.getByRole('button', { name: 'Fallübernahme erfassen' }).click()
  await page.fill('#ho-caseCount', '3')
  await page.fill('#ho-fromName', 'Vertretung Herr Adler')
  await page.locator('.handover-form').getByRole('button', { name: 'Speichern' }).click()
  await page.getByTestId('cases-total').getByText('Übernommene Fälle insgesamt: 7').waitFor()
  assert.equal(await page.locator('.handovers-table tbody tr').count(), 2)
})

test('the plan appears in the list and in the Übersicht', async () => {
  await page.getByRole('button', { name: /Zurück zur Liste/ }).click()
  const row = page.locator('.plans-table tbody tr', { hasText: 'Neumann' })
  await row.waitFor()
  assert.match(await row.innerText(), new RegExp(escapeRe(planStart)))
  assert.match(await row.innerText(), /\d+\u00a0%/)

  await nav('Übersicht')
  const overdue = page.locator('[data-section=overdue-items]')
  await overdue.getByRole('heading', { name: 'Überfällige Themen' }).waitFor()
  await overdue.getByText(/Neumann/).first().waitFor()
  await page.locator('[data-section=active-tandems]').getByText('Zurzeit gibt es keine aktiven Tandems.').waitFor()
  await page.getByRole('heading', { name: 'Probezeit endet in den nächsten 30 Tagen' }).waitFor()
  await page.getByRole('heading', { name: 'Personalbereitstellungen nahe der Sechs-Monats-Grenze' }).waitFor()
  // the overview links to the plan
  await overdue.getByRole('link', { name: /Neumann/ }).first().click()
  await page.getByRole('heading', { name: /^Einarbeitungsplan: .*Neumann/ }).waitFor()
})

test('a run of „Mentoring für künftige Führungskräfte“', async () => {
  await nav('Programme')
  await page.getByRole('tab', { name: 'Durchgänge' }).click()
  await page.getByRole('button', { name: 'Neuer Durchgang' }).click()
  await selectByText('#rf-templateId', 'Mentoring für künftige Führungskräfte')
  await page.fill('#rf-name', run.name)
  await page.fill('#rf-startDate', run.start)
  await page.fill('#rf-endDate', run.end)
  await page.locator('.run-form').getByRole('button', { name: 'Speichern' }).click()
  await saved()
  const row = page.locator('.runs-table tbody tr', { hasText: run.name })
  await row.waitFor()
  assert.match(await row.innerText(), new RegExp(escapeRe(`${run.start} – ${run.end}`)))
})

test('the department rule: a warning only for a mentor of the same department', async () => {
  const [mentee, same, other] = [await personId('Neumann'), await personId('Becker'), await personId('Krüger')]
  const warnings = await page.evaluate(
    async ({ mentee, same, other, run }) => {
      const runs = await window.go.app.RunService.List(false)
      const runId = runs.find((r) => r.name === run.name).id
      const input = (mentor) => ({ runId, menteeId: mentee, mentorIds: [mentor], startDate: run.startIso, endDate: run.endIso, withoutRecommendation: false, overrideReason: '' })
      return [await window.go.app.TandemService.Check(input(same)), await window.go.app.TandemService.Check(input(other))]
    },
    { mentee, same, other, run },
  )
  assert.ok((warnings[0] ?? []).length >= 1, JSON.stringify(warnings[0]))
  assert.ok((warnings[0] ?? []).some((w) => w.key === 'tandem.same_department'), JSON.stringify(warnings[0]))
  assert.deepEqual(warnings[1] ?? [], [])
})

test('a leadership tandem within one department: warned, refused without reason, accepted with one', async () => {
  await nav('Tandems')
  await page.getByRole('heading', { name: 'Tandems', level: 1 }).waitFor()
  await page.getByText('Noch keine Tandems').waitFor()
  await page.getByRole('button', { name: 'Neues Tandem' }).click()
  await selectByText('#tf-runId', run.name)
  await selectByText('#tf-menteeId', 'Neumann, Lena')
  await selectByText('#tf-mentor1', 'Becker, Petra')
  // the run's dates are taken over
  assert.equal(await page.inputValue('#tf-startDate'), run.start)
  assert.equal(await page.inputValue('#tf-endDate'), run.end)
  await page.getByLabel('Bewerbung ohne Empfehlung der Vorgesetzten').check()
  const form = page.locator('.tandem-form')
  await form.getByRole('button', { name: 'Speichern' }).click()

  const warnings = page.getByTestId('tandem-warnings')
  await warnings.waitFor()
  assert.equal(await warnings.getAttribute('role'), 'alert')
  assert.ok((await warnings.locator('li').count()) >= 1)
  await page.locator('#tf-overrideReason').waitFor()

  // without a reason the Go side refuses; nothing is stored
  await form.getByRole('button', { name: 'Speichern' }).click()
  const reasonError = page.locator('#tf-overrideReason-error')
  await reasonError.waitFor()
  assert.equal(await reasonError.getAttribute('role'), 'alert')
  assert.equal(await page.locator('#tf-overrideReason').getAttribute('aria-invalid'), 'true')
  assert.equal(await page.locator('.tandems-table').count(), 0)

  const reason = 'Frau Becker wechselt nächsten Monat in den ASD Süd; andere Mentor:innen mit Führungserfahrung gibt es nicht.'
  await page.fill('#tf-overrideReason', reason)
  await form.getByRole('button', { name: 'Speichern' }).click()
  await saved()
  const detail = page.locator('.tandem-detail')
  await detail.waitFor()
  assert.equal((await page.getByTestId('tandem-reason').innerText()).trim(), reason)
  assert.ok((await page.getByTestId('tandem-accepted').locator('li').count()) >= 1)
  assert.match(await detail.innerText(), /Bewerbung ohne Empfehlung der Vorgesetzten\s*ja/)
  const row = page.locator('.tandems-table tbody tr', { hasText: 'Neumann' })
  await row.waitFor()
  assert.match(await row.innerText(), /Becker/)
  assert.match(await row.innerText(), new RegExp(escapeRe(run.name)))
  assert.match(await row.innerText(), /geplant/)
})

test('starting the tandem makes it active, also in the Übersicht', async () => {
  await page.locator('.tandem-detail').getByRole('button', { name: 'Starten' }).click()
  await page.getByRole('status').getByText('Tandem gestartet.').waitFor()
  await page.locator('.tandem-detail .badge', { hasText: 'aktiv' }).waitFor()
  await page.locator('.tandems-table tbody tr', { hasText: 'aktiv' }).waitFor()
  await nav('Übersicht')
  await page.locator('[data-section=active-tandems]').getByRole('link', { name: /Neumann/ }).waitFor()
})

test('cancelling a tandem asks for the reason and keeps everything readable', async () => {
  await nav('Tandems')
  await page.locator('.tandems-table').getByRole('button', { name: /Neumann/ }).click()
  const detail = page.locator('.tandem-detail')
  await detail.getByRole('button', { name: 'Tandem abbrechen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Tandem abbrechen' })
  await dialog.waitFor()
  await dialog.getByRole('button', { name: 'Abbrechen', exact: true }).click()
  await dialog.waitFor({ state: 'detached' })
  await detail.getByRole('button', { name: 'Tandem abbrechen' }).click()
  await dialog.getByLabel(/Grund des Abbruchs/).fill('Mentee hat die Stelle gewechselt.')
  await dialog.getByRole('button', { name: 'Tandem abbrechen' }).click()
  await dialog.waitFor({ state: 'detached' })
  await page.getByTestId('tandem-cancel-reason').getByText('Mentee hat die Stelle gewechselt.').waitFor()
  await detail.locator('.badge', { hasText: 'abgebrochen' }).waitFor()
  // the accepted exception and its reason are still there
  await page.getByTestId('tandem-reason').getByText('Frau Becker wechselt').waitFor()
  assert.equal(await detail.getByRole('button', { name: 'Starten' }).count(), 0)
})

test('copy a template', async () => {
  await nav('Programme')
  await page.getByRole('tab', { name: 'Vorlagen' }).click()
  const rows = page.locator('.templates-table tbody tr')
  await rows.first().waitFor()
  const before = await rows.count()
  const row = rows.filter({ has: page.getByRole('button', { name: 'Einarbeitung ASD', exact: true }) })
  await row.getByRole('button', { name: 'Kopieren' }).click()
  await page.locator('.templates [role=status]').getByText(/^Kopie „.+“ angelegt\.$/).waitFor()
  await page.waitForFunction((n) => document.querySelectorAll('.templates-table tbody tr').length === n + 1, before)
})

test('export a template and import it again under a new name', async () => {
  const rows = page.locator('.templates-table tbody tr')
  const before = await rows.count()
  const id = Number(await rows.filter({ has: page.getByRole('button', { name: 'Einarbeitung ASD', exact: true }) }).getAttribute('data-template-id'))
  // A native save dialog cannot be driven from Chromium: take the file's
  // content from the binding and write it here.
  const content = await page.evaluate((id) => window.go.app.TemplateService.ExportJSON(id), id)
  const file = JSON.parse(content)
  assert.equal(file.format, 'tandem-programmvorlage')
  assert.equal(file.template.name, 'Einarbeitung ASD')
  const path = join(dir, 'einarbeitung-asd.tandem.json')
  writeFileSync(path, content)

  await page.getByTestId('template-import').setInputFiles(path)
  const info = page.locator('.templates [role=status]')
  await info.getByText(/^Importiert als „Einarbeitung ASD.*importiert.*“\.$/).waitFor()
  const name = (await info.innerText()).match(/„(.+)“/)[1]
  assert.notEqual(name, 'Einarbeitung ASD')
  await page.locator('.templates-table').getByRole('button', { name, exact: true }).waitFor()
  assert.equal(await rows.count(), before + 1)
  // the original is unchanged
  await page.locator('.templates-table').getByRole('button', { name: 'Einarbeitung ASD', exact: true }).waitFor()
})

test('a file that is not a template is refused in German and changes nothing', async () => {
  const rows = page.locator('.templates-table tbody tr')
  const before = await rows.count()
  const path = join(dir, 'kaputt.json')
  writeFileSync(path, '{"format": "tandem-programmvorlage", "version": 1, "template": {"name": ')
  await page.getByTestId('template-import').setInputFiles(path)
  const alert = page.locator('.templates p.error[role=alert]')
  await alert.waitFor()
  const text = await alert.innerText()
  assert.doesNotMatch(text, /unerwarteter Fehler|unexpected|syntax/i)
  assert.match(text, /Vorlage|Datei/)
  assert.equal(await rows.count(), before)
})

test('no dialogs, page errors or requests leaving the app', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
