// Issue 4 end to end: the competency self-assessment (Kompetenzprofil) of
// an active tandem. Through the UI: the start assessment, then the end
// assessment, and the chart with both series side by side; a raw binding
// call with level 5 is refused with a German message and stores nothing.
// Also the overview's reminder of a session planned in a few days.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { activeTandem, closeApp, germanDate, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems
let tandemId = 0
const competencies = ['Digitale Kompetenz', 'Analytische Kompetenz', 'Konzeptionelle Kompetenz', 'Prozess- und Netzwerksteuerung', 'Change-Management', 'Partizipation']
const labels = ['Einstieg', 'Grundlagen', 'Sicher', 'Expertise']
const now = new Date()
const monthStart = new Date(now.getFullYear(), now.getMonth(), 1)

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
})

after(() => closeApp(browser, app, dir))

test('an active tandem with a session in three days (through the bindings)', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
  ;({ tandemId } = await activeTandem(page, {
    department: 'ASD Nord', mentee: ['Lena', 'Krüger'], mentor: ['Paul', 'Berger'], runName: 'Einarbeitung Kompetenz',
  }))
  assert.ok(tandemId > 0)
  const soon = isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 3))
  await page.evaluate(
    ({ tandemId, soon }) =>
      window.go.app.SessionService.Create({
        tandemId, groupId: 0, moduleId: 0, date: soon, startTime: '10:15', durationMinutes: 60, place: 'Raum 3',
        participants: [], topicItemIds: [], markTopicsDone: false,
      }),
    { tandemId, soon },
  )
})

// rate picks, in the open form, level(i) for the i-th competency.
async function rate(form, level, count = competencies.length) {
  for (const [i, c] of competencies.slice(0, count).entries()) {
    const set = form.locator('fieldset.competency-levels', { has: page.locator('legend', { hasText: c }) })
    const n = level(i)
    await set.getByRole('radio', { name: `${n} ${labels[n - 1]}` }).check()
  }
}

test('the start self-assessment through the UI', async () => {
  await page.goto(`${app.url}#/tandems?tandem=${tandemId}`)
  const panel = page.locator('[data-testid=competency-panel]')
  await panel.getByRole('heading', { name: 'Kompetenzprofil' }).waitFor()
  await panel.getByText('Noch keine Selbsteinschätzung erfasst.').waitFor()
  assert.ok(await panel.getByRole('button', { name: 'Selbsteinschätzung am Ende erfassen' }).isDisabled())
  await panel.getByRole('button', { name: 'Selbsteinschätzung zu Beginn erfassen' }).click()
  const form = panel.locator('[data-testid=competency-form]')
  assert.equal(await form.locator('fieldset.competency-levels').count(), 6)
  assert.equal(await page.getByText(/\bNote\b|Bewertung:|Punkte/).count(), 0)
  await form.locator('#cp-date').fill(germanDate(monthStart))
  // Saving with one competency left out: the German message, nothing stored.
  await rate(form, (i) => 1 + (i % 2), 5)
  await form.getByRole('button', { name: 'Selbsteinschätzung speichern' }).click()
  await form.getByRole('alert').getByText('Bitte auch für „Partizipation“ eine Stufe wählen: Jede Kompetenz wird eingeschätzt.').waitFor()
  assert.equal((await page.evaluate((id) => window.go.app.TandemService.Competencies(id), tandemId)).start, null)
  await rate(form, (i) => 1 + (i % 2))
  await form.getByRole('button', { name: 'Selbsteinschätzung speichern' }).click()
  await page.getByRole('status').getByText('Selbsteinschätzung zu Beginn gespeichert.').waitFor()
  const chart = panel.locator('[data-testid=competency-chart]')
  await chart.waitFor()
  assert.equal(await chart.locator('rect[data-series=start]').count(), 6)
  assert.equal(await chart.locator('rect[data-series=end]').count(), 0)
  assert.match(await chart.locator('[data-testid=legend-start]').textContent(), new RegExp(`Beginn \\(${germanDate(monthStart).replace(/\./g, '\\.')}\\)`))
})

test('the end self-assessment and the chart with both series', async () => {
  const panel = page.locator('[data-testid=competency-panel]')
  await panel.getByRole('button', { name: 'Selbsteinschätzung am Ende erfassen' }).click()
  const form = panel.locator('[data-testid=competency-form]')
  await form.getByRole('heading', { name: 'Selbsteinschätzung am Ende' }).waitFor()
  await form.locator('#cp-date').fill(germanDate(now))
  await rate(form, (i) => 3 + (i % 2))
  await form.getByRole('button', { name: 'Selbsteinschätzung speichern' }).click()
  await page.getByRole('status').getByText('Selbsteinschätzung am Ende gespeichert.').waitFor()
  const chart = panel.locator('[data-testid=competency-chart]')
  await chart.locator('rect[data-series=end]').first().waitFor()
  assert.equal(await chart.locator('rect[data-series=start]').count(), 6)
  assert.equal(await chart.locator('rect[data-series=end]').count(), 6)
  // Side by side: in each row the end bar lies just below the start bar and is longer here.
  const boxes = await chart.locator('rect[data-series]').evaluateAll((rs) =>
    rs.map((r) => ({ s: r.dataset.series, y: +r.getAttribute('y'), w: +r.getAttribute('width') })),
  )
  for (let i = 0; i < 6; i++) {
    const [s, e] = [boxes[2 * i], boxes[2 * i + 1]]
    assert.equal(s.s, 'start')
    assert.equal(e.s, 'end')
    assert.ok(e.y > s.y && e.w > s.w, JSON.stringify([s, e]))
  }
  const svg = chart.locator('svg[role=img]')
  const label = await svg.getAttribute('aria-label')
  assert.match(label, /Digitale Kompetenz: Beginn 1 – Einstieg, Ende 3 – Sicher/)
  assert.match(label, /Partizipation: Beginn 2 – Grundlagen, Ende 4 – Expertise/)
  assert.match(await chart.locator('[data-testid=legend-end]').textContent(), new RegExp(`Ende \\(${germanDate(now).replace(/\./g, '\\.')}\\)`))
  // The same data as a table.
  await chart.getByText('Als Tabelle anzeigen').click()
  const row = chart.locator('table tr', { has: page.locator('th', { hasText: 'Change-Management' }) })
  assert.match(await row.innerText(), /1 – Einstieg\s+3 – Sicher/)
})

test('a raw call with level 5 is refused in German and stores nothing', async () => {
  const before = await page.evaluate((id) => window.go.app.TandemService.Competencies(id), tandemId)
  const err = await page.evaluate(
    async ({ id, competencies, date }) => {
      try {
        await window.go.app.TandemService.SaveSelfAssessment(id, {
          stage: 'end', assessedOn: date, levels: competencies.map((c, i) => ({ competency: c, level: i === 0 ? 5 : 2 })),
        })
        return null
      } catch (e) {
        return JSON.parse(e instanceof Error ? e.message : e)
      }
    },
    { id: tandemId, competencies, date: isoDate(now) },
  )
  assert.ok(err, 'level 5 was accepted')
  assert.equal(err.key, 'competency.level.invalid')
  assert.equal(err.message, 'Für „Digitale Kompetenz“ bitte eine Stufe von 1 bis 4 wählen.')
  const afterCall = await page.evaluate((id) => window.go.app.TandemService.Competencies(id), tandemId)
  assert.deepEqual(afterCall, before)
  assert.equal(afterCall.end.levels[0].level, 3)
})

test('the overview reminds of the session in three days', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Übersicht', exact: true }).click()
  const section = page.locator('[data-section=upcoming-sessions]')
  await section.getByRole('heading', { name: 'Gespräche in den nächsten 14 Tagen' }).waitFor()
  const soon = germanDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 3))
  const item = section.locator('li', { hasText: 'Lena Krüger' })
  await item.waitFor()
  assert.match(await item.innerText(), new RegExp(`${soon.replace(/\./g, '\\.')}, 10:15 Uhr – Lena Krüger \\(in 3 Tagen, Raum 3\\)`))
  await item.getByRole('link').click()
  await page.getByRole('heading', { name: /Gespräch am .* um 10:15/ }).waitFor()
})

test('the template\'s own competency list; old assessments keep theirs', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Programme', exact: true }).click()
  const table = page.locator('.templates-table')
  const row = table.locator('tbody tr', { has: page.getByRole('button', { name: 'Einarbeitung ASD', exact: true }) })
  await row.getByRole('button', { name: 'Bearbeiten' }).click()
  const section = page.locator('[data-testid=template-competencies]')
  await section.getByRole('heading', { name: 'Kompetenzen für die Selbsteinschätzung' }).waitFor()
  await section.getByRole('button', { name: 'Kompetenz hinzufügen' }).click()
  await section.getByRole('textbox', { name: 'Kompetenz 1' }).fill('Gesprächsführung')
  await section.getByRole('button', { name: 'Kompetenz hinzufügen' }).click()
  await section.getByRole('textbox', { name: 'Kompetenz 2' }).fill(' gesprächsführung ')
  const editor = page.locator('.template-editor')
  await editor.getByRole('button', { name: 'Speichern' }).click()
  await section.getByRole('alert').getByText('Kompetenz 2 „gesprächsführung“ steht schon an Stelle 1. Bitte jede Kompetenz nur einmal aufführen.').waitFor()
  await section.getByRole('button', { name: 'Kompetenz 2 entfernen' }).click()
  await editor.getByRole('button', { name: 'Speichern' }).click()
  // An earlier „Gespeichert.“ may still be shown: wait for the stored list itself.
  const stored = () => page.evaluate(async () => (await window.go.app.TemplateService.List(false)).find((t) => t.name === 'Einarbeitung ASD').competencies)
  for (let i = 0; i < 50 && JSON.stringify(await stored()) !== '["Gesprächsführung"]'; i++) await page.waitForTimeout(100)
  assert.deepEqual(await stored(), ['Gesprächsführung'])

  await page.goto(`${app.url}#/tandems?tandem=${tandemId}`)
  const chart = page.locator('[data-testid=competency-chart]')
  await chart.locator('rect[data-series=start]').first().waitFor()
  assert.equal(await chart.locator('g.cc-row').count(), 7) // the new one first, then the six assessed before
  assert.equal(await chart.locator('rect[data-series=start]').count(), 6)
  assert.equal(await chart.locator('rect[data-series=end]').count(), 6)
  assert.match(await chart.locator('svg').getAttribute('aria-label'), /Gesprächsführung: Beginn nicht eingeschätzt, Ende nicht eingeschätzt; Digitale Kompetenz: Beginn 1/)
})

test('no dialogs, page errors or foreign requests', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests ?? [], [])
})
