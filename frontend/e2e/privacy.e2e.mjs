// Issue 6 end to end: a person is erased through the UI (the name must be
// typed), their note is gone from the search and the file, and the audit
// log shows the erasure without any content. First, a person named in
// others' texts (a colleague's note, an agreement of Lea's tandem): the
// dialog lists both mentions with context, all are redacted with the
// erasure, and search finds her nowhere.
import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { activeTandem, closeApp, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const marker = 'Quxmarkerzwölf'
const mira = 'Zwiebelmann'
let browser, app, page, problems, tandem

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
  const t = (tandem = await activeTandem(page, { department: 'ASD Süd', mentee: ['Lea', 'Löschmann'], mentor: ['Max', 'Mentor'], runName: 'Einarbeitung 2026' }))
  await page.evaluate(async ({ t, date, marker, mira }) => {
    const g = window.go.app
    const s = await g.SessionService.Create({ tandemId: t.tandemId, groupId: 0, moduleId: 0, date, startTime: '09:00', durationMinutes: 60, place: 'Raum 1', participants: [], topicItemIds: [], markTopicsDone: false })
    await g.SessionService.SaveNote(s.id, 0, { text: `Vertraulich: ${marker} besprochen`, confidential: true })
    await g.PeopleService.Create({ salutation: 'Frau', firstName: 'Mira', lastName: mira, email: '', phone: '', departmentId: 0, roles: ['mentor'], startDate: '', exitDate: '', lineManagerId: 0, note: '' })
    await g.SessionService.AddAgreement(s.id, { text: `Frau ${mira} schickt die Akte bis Freitag`, ownerId: 0, ownerName: '', dueDate: '', done: false })
    const max = await g.PeopleService.Get(t.mentorId)
    await g.PeopleService.Update(t.mentorId, { ...max, note: `Vertretung im Urlaub: Mira ${mira} (Telefon im Sekretariat)` })
  }, { t, date: isoDate(new Date()), marker, mira })
})

after(() => closeApp(browser, app, dir))

const search = async (text) => {
  const box = page.getByRole('search', { name: 'Suche' })
  await box.getByRole('searchbox', { name: 'Suche' }).fill(text)
  return box
}

test('erasing a person lists and redacts her mentions in others\' texts', async () => {
  let box = await search(mira)
  await box.getByText('schickt die Akte', { exact: false }).first().waitFor()
  await box.getByRole('searchbox', { name: 'Suche' }).fill('')
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Personen', exact: true }).click()
  await page.getByRole('button', { name: `${mira}, Mira` }).click()
  await page.waitForFunction((m) => document.querySelector('#pf-lastName')?.value === m, mira)
  await page.locator('.person-form').getByRole('button', { name: 'Endgültig löschen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Person endgültig löschen' })
  const list = dialog.locator('.mention-list')
  await list.waitFor()
  const items = list.locator('.mention')
  assert.equal(await items.count(), 2)
  const texts = await items.allInnerTexts()
  const agreement = texts.find((x) => x.startsWith('Vereinbarung'))
  const note = texts.find((x) => x.startsWith('Person'))
  assert.ok(agreement && agreement.includes('Tandem von Lea Löschmann') && agreement.includes('schickt die Akte bis Freitag'), texts.join('\n'))
  assert.ok(note && note.includes('Max Mentor') && note.includes('Vertretung im Urlaub') && note.includes('Telefon im Sekretariat'), texts.join('\n'))
  await dialog.getByText(/nicht blind/).waitFor()
  await dialog.getByRole('button', { name: 'Alle auswählen' }).click()
  assert.equal(await list.locator('input[type=checkbox]:checked').count(), 2)
  await dialog.getByLabel(/Zur Bestätigung bitte den Namen eingeben/).fill(`Mira ${mira}`)
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click()
  await page.getByText('Die Person wurde endgültig gelöscht.').waitFor()

  box = await search(mira)
  await box.getByText('Keine Treffer.').waitFor()
  for (const q of ['Mira', 'Zwiebel']) {
    await box.getByRole('searchbox', { name: 'Suche' }).fill(q)
    await box.getByText('Keine Treffer.').waitFor()
  }
  await box.getByRole('searchbox', { name: 'Suche' }).fill('')
  const max = await page.evaluate((id) => window.go.app.PeopleService.Get(id), tandem.mentorId)
  assert.equal(max.note, 'Vertretung im Urlaub: [gelöscht] (Telefon im Sekretariat)')
  for (const f of [dbPath, dbPath + '-wal', dbPath + '-shm']) {
    if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(mira)), `${f} still holds the name`)
  }
})

test('the note is found before', async () => {
  const box = await search(marker.slice(0, 8))
  await box.getByText(marker).first().waitFor()
  await box.getByRole('searchbox', { name: 'Suche' }).fill('')
  const inFiles = [dbPath, dbPath + '-wal'].filter((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(marker)))
  assert.ok(inFiles.length > 0, 'the marker is not in the files, so the check after erasing would prove nothing')
})

test('erasing needs the typed name, then removes the person everywhere', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Personen', exact: true }).click()
  await page.getByRole('button', { name: 'Löschmann, Lea' }).click()
  await page.waitForFunction(() => document.querySelector('#pf-lastName')?.value === 'Löschmann')
  await page.locator('.person-form').getByRole('button', { name: 'Endgültig löschen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Person endgültig löschen' })
  await dialog.getByLabel(/Zur Bestätigung bitte den Namen eingeben/).fill('Lea Löschfrau')
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click()
  await dialog.getByRole('alert').waitFor()
  assert.equal(await page.evaluate(async () => (await window.go.app.PeopleService.List({ query: 'Löschmann', role: '', departmentId: 0, includeArchived: true, limit: 0 })).total), 1)
  await dialog.getByLabel(/Zur Bestätigung bitte den Namen eingeben/).fill('Lea Löschmann')
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click()
  await page.getByText('Die Person wurde endgültig gelöscht.').waitFor()
  // The list reloads after the message: wait for the row to go, then check.
  await page.locator('.people-table').getByText('Löschmann').first().waitFor({ state: 'detached', timeout: 10_000 })
  assert.equal(await page.locator('.people-table').getByText('Löschmann').count(), 0)

  const box = await search(marker.slice(0, 8))
  await box.getByText('Keine Treffer.').waitFor()
  for (const f of [dbPath, dbPath + '-wal', dbPath + '-shm']) {
    if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(marker)), `${f} still holds the note`)
  }
})

test('the audit log names the erasure, never the content', async () => {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Einstellungen', exact: true }).click()
  const log = page.getByRole('region', { name: 'Protokoll' }).or(page.locator('section.audit-log'))
  await log.getByText('endgültig gelöscht (DSGVO)').first().waitFor()
  const text = await log.innerText()
  assert.ok(!text.includes('Löschmann') && !text.includes(marker), text)
})

test('no dialogs, page errors or foreign requests', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
