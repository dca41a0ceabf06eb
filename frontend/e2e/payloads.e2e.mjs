// Issue 6 end to end, "Hostile input": a subset of the hostile strings of
// app/testdata/payloads.json (the Go suite app/payloads_test.go runs all of
// them through every bound method) is stored through the raw bindings into
// person names and notes, group names and descriptions, template names,
// session notes and agreements, and a mentee's name on a register entry.
// Every page that shows them is then visited: no dialog, no page error, no
// foreign request (harness `problems`), no injected element, no script run,
// and the names appear verbatim as text. A backup folder with a hostile
// name is shown in Einstellungen the same way.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { after, before, test } from 'node:test'
import { activeTandem, closeApp, isoDate, openApp, tempDir } from './harness.mjs'

const all = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'app', 'testdata', 'payloads.json'), 'utf8'))
// Plain strings of a sensible length; the generated and byte payloads are the Go suite's.
const strings = all.filter((p) => typeof p === 'string' && p.length <= 300)
const picked = strings.filter((_, i) => i % 4 === 0 || /<|javascript:|\{\{|\$\{|onerror|onload/i.test(strings[i])).slice(0, 80)

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const saveDir = join(dir, 'saved')
mkdirSync(saveDir)
let browser, app, page, problems
let stored // what the bindings accepted, per kind
let tandemId = 0

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, [], { TANDEM_E2E_SAVE_DIR: saveDir }))
})

after(() => closeApp(browser, app, dir))

const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' })

// inert checks what an executed payload would leave behind.
async function inert(where) {
  const found = await page.evaluate(() => ({
    marked: document.querySelectorAll('[data-pw]').length,
    frames: document.querySelectorAll('iframe, object, embed, frame, base, meta[http-equiv=refresh i]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src || !s.src.startsWith(location.origin)).length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    pwned: window.__pwned !== undefined || Object.prototype.polluted !== undefined,
  }))
  assert.deepEqual(found, { marked: 0, frames: 0, scripts: 0, handlers: 0, pwned: false }, where)
  assert.deepEqual(problems.dialogs, [], `${where}: dialogs`)
  assert.deepEqual(problems.pageErrors, [], `${where}: page errors`)
  assert.deepEqual(problems.foreignRequests, [], `${where}: foreign requests`)
}

// shown asserts that each text appears verbatim in the page's text.
async function shown(texts, where) {
  const missing = await page.evaluate((texts) => {
    const body = document.body.textContent
    const values = [...document.querySelectorAll('input, textarea')].map((e) => e.value)
    return texts.filter((t) => !body.includes(t) && !values.includes(t))
  }, texts)
  assert.deepEqual(missing, [], `${where}: not shown verbatim`)
}

async function go(link, heading) {
  await nav().getByRole('link', { name: link, exact: true }).click()
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
  await page.waitForTimeout(300)
}

test(`${picked.length} hostile strings stored through the raw bindings`, async () => {
  assert.ok(picked.length >= 40, `${picked.length} payloads picked`)
  await nav().waitFor()
  const now = new Date()
  const start = isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 60))
  // The mentee of the tandem carries a payload as last name, to reach the
  // tandem, overview, session and register pages.
  const menteeName = picked.find((p) => p.includes('<img'))
  ;({ tandemId } = await activeTandem(page, {
    department: 'ASD Payload', mentee: ['Pwm', menteeName], mentor: ['Jonas', 'Wagner'], runName: 'Einarbeitung Payload', planStart: start,
  }))
  stored = await page.evaluate(
    async ({ picked, tandemId, today }) => {
      const g = window.go.app
      const ok = (p) => p.then(() => true, () => false)
      const out = { people: [], notes: [], groups: [], templates: [], sessionNotes: [], agreements: [], refused: 0 }
      const td = await g.TandemService.Get(tandemId)
      const mentorId = td.mentorIds[0]
      const s = await g.SessionService.Create({ tandemId, groupId: 0, moduleId: 0, date: today, startTime: '09:00', durationMinutes: 60, place: 'Raum 1',
        participants: [], topicItemIds: [], markTopicsDone: false })
      const tpl = (await g.TemplateService.List(false)).find((t) => t.kind === 'onboarding')
      for (const [i, p] of picked.entries()) {
        const person = { salutation: '', firstName: `Pw${i}`, lastName: p, email: '', phone: '', departmentId: 0, roles: ['mentor'],
          startDate: '', exitDate: '', lineManagerId: 0, note: p }
        if (await ok(g.PeopleService.Create(person))) out.people.push(p)
        else if (await ok(g.PeopleService.Create({ ...person, lastName: `Pw${i}` }))) out.notes.push(p)
        else out.refused++
        if (await ok(g.GroupService.Create({ kind: 'steering', name: p, description: p, runId: 0, memberIds: [mentorId] }))) out.groups.push(p)
        else out.refused++
        const copy = await g.TemplateService.Copy(tpl.id)
        if (await ok(g.TemplateService.Update(copy.id, { ...copy, name: p, description: p }))) out.templates.push(p)
        else {
          await g.TemplateService.Delete(copy.id)
          out.refused++
        }
        if (await ok(g.SessionService.SaveNote(s.id, 0, { text: p, confidential: false }))) out.sessionNotes.push(p)
        else out.refused++
        if (await ok(g.SessionService.AddAgreement(s.id, { text: p, ownerId: 0, ownerName: '', dueDate: '', done: false }))) out.agreements.push(p)
        else out.refused++
      }
      await g.SessionService.RecordFeedbackTalk({ tandemId, kind: 'final', date: today, answers: [], nextSteps: '' })
      await g.OrganisationService.Save({ municipality: 'Stadt <b>Hilden</b>', officeName: '<img src=x onerror=alert(1) data-pw="org">', street: '',
        postalCode: '', city: '{{constructor.constructor("alert(1)")()}}', phone: '', email: '', signatoryName: "'; DROP TABLE people; --", signatoryFunction: '' })
      out.confirmation = await g.DocumentService.IssueConfirmation(tandemId).then((r) => r.entry.number, (e) => String(e.message ?? e))
      return out
    },
    { picked, tandemId, today: isoDate(now) },
  )
  assert.ok(stored.people.length >= 20, `people stored: ${stored.people.length}`)
  assert.ok(stored.groups.length >= 20 && stored.sessionNotes.length >= 20, JSON.stringify({ g: stored.groups.length, n: stored.sessionNotes.length }))
  stored.mentee = menteeName
  assert.match(stored.confirmation, /\d/, `confirmation: ${stored.confirmation}`)
  await inert('after storing')
})

const trimmed = (list) => [...new Set(list.map((p) => p.trim()).filter((p) => p !== ''))]

test('people list and person form', async () => {
  await go('Personen', 'Personen')
  await inert('people list')
  // The list shows "Last, First"; names with white space runs may be wrapped differently, so check the single-line ones.
  await shown(trimmed(stored.people).filter((p) => !/\s{2,}|\n/.test(p)).slice(0, 40), 'people list')
  const row = page.locator('tr', { hasText: 'Pw0' }).first()
  if (await row.count()) {
    await row.click()
    await page.waitForTimeout(300)
    await inert('person form')
  }
})

test('tandems, sessions, groups, programmes, overview, documents, search', async () => {
  await go('Tandems', 'Tandems')
  await inert('tandems')
  await shown([stored.mentee.trim()], 'tandems')

  await go('Gespräche', 'Gespräche')
  const option = page.locator('#ss-tandem option', { hasText: 'Pwm' }).first()
  await option.waitFor({ state: 'attached' })
  await page.selectOption('#ss-tandem', await option.getAttribute('value'))
  await page.locator('.sessions-table tbody tr').first().getByRole('button', { name: 'Öffnen' }).click()
  await page.locator('.note-editor').first().waitFor()
  await page.waitForTimeout(500)
  await inert('session')
  const notes = await page.locator('.note-editor textarea').evaluateAll((els) => els.map((e) => e.value))
  for (const n of stored.sessionNotes) assert.ok(notes.includes(n) || notes.includes(n.replace(/\r\n/g, '\n')), `note ${JSON.stringify(n)} not verbatim`)
  await shown(trimmed(stored.agreements).filter((p) => !/\s{2,}|\n/.test(p)), 'agreements')

  await go('Gruppen', 'Gruppen')
  await inert('groups')
  await shown(trimmed(stored.groups).filter((p) => !/\s{2,}|\n/.test(p)).slice(0, 40), 'groups')

  await go('Programme', 'Programme')
  await inert('programmes')

  await go('Übersicht', 'Übersicht')
  await inert('overview')

  await go('Dokumente', 'Dokumente')
  await inert('documents')
  await shown([stored.confirmation], 'register')

  const input = page.getByRole('search', { name: 'Suche' }).getByRole('searchbox', { name: 'Suche' })
  for (const q of ['Pw', '<img', 'script', '"*', 'NEAR(']) {
    await input.fill('')
    await input.fill(q)
    await page.waitForTimeout(400)
    await inert(`search ${q}`)
  }
})

test('Einstellungen: a backup folder with a hostile name', async () => {
  const name = '<img src=x onerror="window.__pwned=1" data-pw>'
  const res = await page.evaluate((folder) => window.go.app.BackupService.SaveSettings(folder), join(dir, name))
  assert.equal(res.folder, join(dir, name))
  await go('Einstellungen', 'Einstellungen')
  await page.locator('[data-testid=backup-panel]').waitFor()
  await page.waitForTimeout(300)
  await inert('settings')
  await shown([join(dir, name)], 'backup folder')
  await page.evaluate(() => window.go.app.BackupService.SaveSettings('')) // back to the default
})
