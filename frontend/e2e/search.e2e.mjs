// Issue 5 end to end: the search in the shell. People, a tandem, a session
// and a confidential note are set up through the bindings; then the search
// box finds them with umlauts folded (mull, MUELL, strass), marks the
// matches, shows the confidential badge, takes FTS syntax as plain text and
// opens the sessions page of the note's tandem.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { cleanup, launchBrowser, openPage, startApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems
let ids = { tandemId: 0, sessionId: 0 }

before(async () => {
  browser = await launchBrowser()
  app = await startApp(dbPath)
  ;({ page, problems } = await openPage(browser, app))
})

after(async () => {
  await browser?.close()
  await app?.stop()
  cleanup(dir)
})

const pad = (n) => String(n).padStart(2, '0')
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

const box = () => page.getByRole('search', { name: 'Suche' })
const input = () => box().getByRole('searchbox', { name: 'Suche' })
const group = (name) => box().locator('.search-group', { has: page.getByRole('heading', { name, exact: true }) })

async function search(text) {
  await input().fill('')
  await input().fill(text)
}

test('people, a tandem, a session and a confidential note (through the bindings)', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
  const now = new Date()
  const runStart = iso(new Date(now.getFullYear(), now.getMonth(), 1))
  const runEnd = iso(new Date(now.getFullYear() + 1, now.getMonth(), 0))
  const today = iso(now)
  ids = await page.evaluate(
    async ({ runStart, runEnd, today }) => {
      const g = window.go.app
      const dep = await g.DepartmentService.Create({ name: 'ASD Nord', shortName: '' })
      const person = (firstName, lastName, role) =>
        g.PeopleService.Create({
          salutation: '', firstName, lastName, email: '', phone: '', departmentId: dep.id, roles: [role],
          startDate: '', exitDate: '', lineManagerId: 0, note: '',
        })
      const mentor = await person('Jürgen', 'Müller', 'mentor')
      const mentee = await person('Lea', 'Brandt', 'mentee')
      const templates = await g.TemplateService.List(false)
      const tpl = templates.find((t) => t.name === 'Einarbeitung ASD')
      const run = await g.RunService.Create({ templateId: tpl.id, name: 'Einarbeitung Suche', startDate: runStart, endDate: runEnd, note: '' })
      const td = await g.TandemService.Create({
        runId: run.id, menteeId: mentee.id, mentorIds: [mentor.id], startDate: runStart, endDate: runEnd,
        withoutRecommendation: false, overrideReason: '',
      })
      await g.TandemService.SetStatus(td.id, 'active', '')
      const s = await g.SessionService.Create({
        tandemId: td.id, date: today, startTime: '10:00', durationMinutes: 45, place: 'Raum 1',
        participants: [{ personId: mentee.id, present: true }, { personId: mentor.id, present: true }],
        topicItemIds: [], markTopicsDone: false,
      })
      await g.SessionService.SaveNote(s.id, 0, { text: 'Die Straßenverkehrsbehörde wurde informiert.', confidential: true })
      return { tandemId: td.id, sessionId: s.id }
    },
    { runStart, runEnd, today },
  )
  assert.ok(ids.tandemId > 0 && ids.sessionId > 0)
})

test('„mull“ finds Müller with the match marked', async () => {
  await input().waitFor()
  assert.equal(await input().getAttribute('placeholder'), 'Personen, Tandems, Notizen, Vereinbarungen …')
  await search('mull')
  const people = group('Personen')
  await people.getByRole('button', { name: /Müller/ }).waitFor()
  const marks = await people.locator('mark').allInnerTexts()
  assert.ok(marks.some((m) => m === 'Müll'), `marks: ${JSON.stringify(marks)}`)
})

test('„MUELL“ finds him too', async () => {
  await search('MUELL')
  await group('Personen').getByRole('button', { name: /Müller/ }).waitFor()
})

test('„strass“ finds the confidential note', async () => {
  await search('strass')
  const notes = group('Notizen')
  const hit = notes.getByRole('button', { name: /Straßenverkehrsbehörde/ })
  await hit.waitFor()
  assert.deepEqual(await hit.locator('mark').allInnerTexts(), ['Straß'])
  await hit.locator('.badge.confidential', { hasText: 'vertraulich' }).waitFor()
  const date = new Date()
  assert.match(await hit.innerText(), new RegExp(`${pad(date.getDate())}\\.${pad(date.getMonth() + 1)}\\.${date.getFullYear()}`))
  // the snippet is plain text: no markup apart from the marks
  assert.equal(await hit.locator('.hit-snippet *:not(mark)').count(), 0)
})

test('search syntax is taken as text: no error, no hits', async () => {
  await search('"NEAR(')
  await box().getByText('Keine Treffer.').waitFor()
  assert.equal(await box().locator('.error').count(), 0)
})

test('Escape clears the search', async () => {
  await search('strass')
  await group('Notizen').waitFor()
  await input().press('Escape')
  assert.equal(await input().inputValue(), '')
  await box().locator('.search-panel').waitFor({ state: 'detached' })
})

test('clicking the note opens the sessions of its tandem', async () => {
  await search('strass')
  await group('Notizen').getByRole('button', { name: /Straßenverkehrsbehörde/ }).click()
  await page.getByRole('heading', { name: 'Gespräche', level: 1 }).waitFor()
  await page.waitForFunction((id) => location.hash.includes(`tandem=${id}`), ids.tandemId)
  assert.match(await page.evaluate(() => location.hash), new RegExp(`session=${ids.sessionId}`))
  assert.equal(await page.locator('#ss-tandem').inputValue(), String(ids.tandemId))
  await page.locator('.note-editor textarea').first().waitFor()
  assert.equal(await page.locator('.note-editor textarea').first().inputValue(), 'Die Straßenverkehrsbehörde wurde informiert.')
})

test('no dialogs, page errors or foreign requests', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
