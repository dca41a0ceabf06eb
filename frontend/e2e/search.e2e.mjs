// Issue 4 end to end: the search in the shell. People, a tandem, a session
// and a confidential note are set up through the bindings; then the search
// box finds them with umlauts folded (mull, MUELL, strass), marks the
// matches, shows the confidential badge, takes FTS syntax as plain text and
// opens the sessions page of the note's tandem.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { activeTandem, closeApp, germanDate, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems
let ids = { tandemId: 0, sessionId: 0 }

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
})

after(() => closeApp(browser, app, dir))


const box = () => page.getByRole('search', { name: 'Suche' })
const input = () => box().getByRole('searchbox', { name: 'Suche' })
const group = (name) => box().locator('.search-group', { has: page.getByRole('heading', { name, exact: true }) })

async function search(text) {
  await input().fill('')
  await input().fill(text)
}

test('people, a tandem, a session and a confidential note (through the bindings)', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
  const t = await activeTandem(page, { department: 'ASD Nord', mentee: ['Lea', 'Brandt'], mentor: ['Jürgen', 'Müller'], runName: 'Einarbeitung Suche' })
  ids = await page.evaluate(
    async ({ t, today }) => {
      const g = window.go.app
      const s = await g.SessionService.Create({
        tandemId: t.tandemId, date: today, startTime: '10:00', durationMinutes: 45, place: 'Raum 1',
        participants: [{ personId: t.menteeId, present: true }, { personId: t.mentorId, present: true }],
        topicItemIds: [], markTopicsDone: false,
      })
      await g.SessionService.SaveNote(s.id, 0, { text: 'Die Straßenverkehrsbehörde wurde informiert.', confidential: true })
      return { tandemId: t.tandemId, sessionId: s.id }
    },
    { t, today: isoDate(new Date()) },
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
  assert.match(await hit.innerText(), new RegExp(germanDate(date).replaceAll('.', '\\.')))
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
  // The tandem list loads after the hash is set; the select shows the tandem once it is there.
  await page.waitForFunction((id) => document.querySelector('#ss-tandem')?.value === String(id), ids.tandemId, { timeout: 10_000 })
  await page.locator('.note-editor textarea').first().waitFor()
  assert.equal(await page.locator('.note-editor textarea').first().inputValue(), 'Die Straßenverkehrsbehörde wurde informiert.')
})

test('no dialogs, page errors or foreign requests', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
