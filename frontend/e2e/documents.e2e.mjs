// Issue 5 end to end: an onboarding tandem (set up through the bindings),
// then through the UI: the final talk, the completion confirmation issued
// on the tandem page (saved into TANDEM_E2E_SAVE_DIR, „Öffnen“ recorded by
// the dev build), the entry in the register, the saved file verified by
// uploading it („unverändert“), a one-byte change detected, the entry
// revoked with a reason, and the same file then verifying as revoked; a
// second confirmation for the tandem refused and skipped by the run's batch.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { activeTandem, closeApp, germanDate, isoDate, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const saveDir = join(dir, 'saved')
mkdirSync(saveDir)
let browser, app, page, problems
let tandemId = 0
let number = ''
const fileName = 'Abschlussbestätigung Sommer Mira.pdf'
const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' })

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, [], { TANDEM_E2E_SAVE_DIR: saveDir }))
})

after(() => closeApp(browser, app, dir))

test('an organisation and an active tandem with a plan (through the bindings)', async () => {
  await nav().waitFor()
  await page.evaluate(() =>
    window.go.app.OrganisationService.Save({
      municipality: 'Stadt Hilden', officeName: 'Amt für Jugend, Schule und Sport', street: 'Am Rathaus 1', postalCode: '40721',
      city: 'Hilden', phone: '', email: '', signatoryName: 'Dr. Anna Amt', signatoryFunction: 'Amtsleitung',
    }),
  )
  const now = new Date()
  const planStart = isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 30))
  ;({ tandemId } = await activeTandem(page, {
    department: 'ASD Süd', mentee: ['Mira', 'Sommer'], mentor: ['Jonas', 'Wagner'], runName: 'Einarbeitung Dokumente', planStart,
  }))
  assert.ok(tandemId > 0)
})

test('without the final talk the tandem page offers no confirmation', async () => {
  await page.goto(`${app.url}#/tandems?tandem=${tandemId}`)
  const docs = page.locator('[data-testid=tandem-documents]')
  await docs.getByRole('button', { name: 'Einarbeitungsplan (PDF)' }).waitFor()
  assert.equal(await docs.getByRole('button', { name: 'Abschlussbestätigung ausstellen' }).count(), 0)
  // The binding refuses too, and records nothing.
  const refused = await page.evaluate((id) => window.go.app.DocumentService.IssueConfirmation(id).then(() => '', (e) => e.message ?? String(e)), tandemId)
  assert.match(refused, /noch kein Abschlussgespräch/)
  const list = await page.evaluate(() => window.go.app.DocumentService.Register({ kind: '', status: '', year: 0, query: '', limit: 0 }))
  assert.equal(list.length, 0)
})

test('the final talk through the UI', async () => {
  await nav().getByRole('link', { name: 'Gespräche', exact: true }).click()
  await page.getByRole('heading', { name: 'Gespräche', level: 1 }).waitFor()
  const option = page.locator('#ss-tandem option', { hasText: 'Sommer' }).first()
  await option.waitFor({ state: 'attached' })
  await page.selectOption('#ss-tandem', await option.getAttribute('value'))
  const form = page.locator('.feedback-form')
  await form.getByRole('radio', { name: 'Abschlussgespräch' }).check()
  await form.locator('fieldset.prompt').first().getByLabel('Sicht der Mentee').fill('Sicher in der Fallführung.')
  await form.getByRole('button', { name: 'Feedbackgespräch speichern' }).click()
  await page.getByRole('status').getByText('Abschlussgespräch gespeichert – das Tandem ist abgeschlossen.').waitFor()
})

test('issue the confirmation on the tandem page and open it', async () => {
  await page.goto(`${app.url}#/tandems?tandem=${tandemId}`)
  const docs = page.locator('[data-testid=tandem-documents]')
  await docs.getByRole('button', { name: 'Abschlussbestätigung ausstellen' }).click()
  const saved = docs.locator('[data-testid=document-saved]')
  await saved.waitFor()
  const text = await saved.innerText()
  const m = /Abschlussbestätigung Nr\. (JA-\d{4}-\d{4}) ausgestellt\./.exec(text)
  assert.ok(m, text)
  number = m[1]
  assert.equal(number, `JA-${new Date().getFullYear()}-0001`)
  assert.match(text, new RegExp(fileName))
  const pdf = readFileSync(join(saveDir, fileName))
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
  await saved.getByRole('button', { name: 'Öffnen' }).click()
  const deadline = Date.now() + 5000
  while (!app.log().includes('e2e: open file requested:') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  assert.match(app.log(), new RegExp(`e2e: open file requested: .*${fileName}`))
})

test('a second confirmation for the same tandem is refused, pointing to „Neu ausstellen“', async () => {
  const docs = page.locator('[data-testid=tandem-documents]')
  await docs.getByRole('button', { name: 'Abschlussbestätigung ausstellen' }).click()
  const alert = docs.getByRole('alert')
  await alert.waitFor()
  const text = await alert.innerText()
  assert.match(text, new RegExp(`bereits die gültige Abschlussbestätigung Nr\\. ${number}`))
  assert.match(text, /„Neu ausstellen“/)
  const list = await page.evaluate(() => window.go.app.DocumentService.Register({ kind: '', status: '', year: 0, query: '', limit: 0 }))
  assert.equal(list.length, 1)
})

test('the run\'s batch skips the tandem with a valid confirmation and says so', async () => {
  await nav().getByRole('link', { name: 'Dokumente' }).click()
  const batch = page.locator('.document-batch')
  const option = batch.locator('#db-run option', { hasText: 'Einarbeitung Dokumente' })
  await option.waitFor({ state: 'attached' })
  await page.selectOption('#db-run', await option.getAttribute('value'))
  await batch.getByLabel('eine gemeinsame PDF-Datei').check()
  await batch.getByRole('button', { name: 'Bestätigungen ausstellen' }).click()
  await batch
    .locator('[data-testid=batch-skipped]', { hasText: 'Übersprungen, weil schon eine gültige Abschlussbestätigung vorliegt: Mira Sommer.' })
    .waitFor()
  const list = await page.evaluate(() => window.go.app.DocumentService.Register({ kind: '', status: '', year: 0, query: '', limit: 0 }))
  assert.equal(list.length, 1)
})

test('the register lists it', async () => {
  await nav().getByRole('link', { name: 'Dokumente' }).click()
  await page.getByRole('heading', { name: 'Dokumente', level: 1 }).waitFor()
  const row = page.locator(`[data-testid=register-table] tr[data-number="${number}"]`)
  await row.waitFor()
  const text = await row.innerText()
  assert.match(text, /Abschlussbestätigung/)
  assert.match(text, /Mira Sommer/)
  assert.match(text, new RegExp(germanDate(new Date())))
  assert.match(text, /gültig/)
})

test('verifying the saved file: unaltered; a changed byte is detected', async () => {
  const input = page.locator('[data-testid=verify-file]')
  await input.setInputFiles(join(saveDir, fileName))
  const result = page.locator('[data-testid=verify-result]')
  await result.getByText(`Unverändert, von uns ausgestellt am ${germanDate(new Date())} (Nr. ${number}).`).waitFor()
  const changed = readFileSync(join(saveDir, fileName))
  changed[Math.floor(changed.length / 2)] ^= 1
  const changedPath = join(dir, 'verändert.pdf')
  writeFileSync(changedPath, changed)
  await input.setInputFiles(changedPath)
  await result.getByText('Nicht von uns ausgestellt oder verändert').waitFor()
})

test('revoke with a reason; the file then verifies as revoked', async () => {
  const row = page.locator(`[data-testid=register-table] tr[data-number="${number}"]`)
  await row.getByRole('button', { name: `Widerrufen ${number}` }).click()
  const dialog = page.getByRole('dialog', { name: `Dokument Nr. ${number} widerrufen` })
  await dialog.waitFor()
  // Without a reason: refused, German message, nothing changed.
  await dialog.getByRole('button', { name: 'Widerrufen' }).click()
  await dialog.getByText('Bitte „Grund“ ausfüllen.').waitFor()
  await dialog.getByLabel('Grund des Widerrufs').fill('Falscher Zeitraum angegeben')
  await dialog.getByRole('button', { name: 'Widerrufen' }).click()
  await dialog.waitFor({ state: 'detached' })
  await row.locator('[data-testid=register-status]', { hasText: 'widerrufen' }).waitFor()
  assert.match(await row.innerText(), /Falscher Zeitraum angegeben/)
  await page.locator('[data-testid=verify-file]').setInputFiles(join(saveDir, fileName))
  const result = page.locator('[data-testid=verify-result]')
  await result.getByText(/aber widerrufen am \d\d\.\d\d\.\d{4}\. Grund: Falscher Zeitraum angegeben/).waitFor()
  // Look-up by number says the same.
  await page.fill('#dv-number', number.toLowerCase())
  await page.getByRole('button', { name: 'Nachschlagen' }).click()
  const found = page.locator('[data-testid=lookup-result]')
  await found.waitFor()
  assert.match(await found.innerText(), /widerrufen/)
  assert.match(await found.innerText(), /Mira Sommer/)
})

test('a new confirmation, reissued from the register; the old file then verifies as superseded', async () => {
  await page.goto(`${app.url}#/tandems?tandem=${tandemId}`)
  const docs = page.locator('[data-testid=tandem-documents]')
  await docs.getByRole('button', { name: 'Abschlussbestätigung ausstellen' }).click()
  await docs.locator('[data-testid=document-saved]').getByText(/Nr\. JA-\d{4}-0002 ausgestellt/).waitFor()
  const second = `JA-${new Date().getFullYear()}-0002`
  const third = `JA-${new Date().getFullYear()}-0003`
  const secondFile = readFileSync(join(saveDir, fileName))
  const secondPath = join(dir, 'zweite.pdf')
  writeFileSync(secondPath, secondFile)
  await nav().getByRole('link', { name: 'Dokumente' }).click()
  const row = page.locator(`[data-testid=register-table] tr[data-number="${second}"]`)
  await row.getByRole('button', { name: `Neu ausstellen ${second}` }).click()
  const confirmBox = page.getByRole('alertdialog')
  await confirmBox.getByRole('button', { name: 'Neu ausstellen' }).click()
  await page.getByText(`Neu ausgestellt als Nr. ${third}; Nr. ${second} ist ersetzt.`).waitFor()
  await row.locator('[data-testid=register-status]', { hasText: `ersetzt` }).waitFor()
  assert.match(await row.innerText(), new RegExp(`Ersetzt durch Nr. ${third}`))
  await page.locator('[data-testid=verify-file]').setInputFiles(secondPath)
  await page.locator('[data-testid=verify-result]').getByText(`aber ersetzt durch Nr. ${third}.`).waitFor()
})

test('all confirmations of the run as one combined PDF: the new tandem issued, the one with a valid confirmation skipped', async () => {
  // A second tandem of the same run, with its final talk (through the bindings).
  await page.evaluate(async (tandemId) => {
    const g = window.go.app
    const first = await g.TandemService.Get(tandemId)
    const mira = await g.PeopleService.Get(first.menteeId)
    const mee = await g.PeopleService.Create({
      salutation: 'Herr', firstName: 'Lukas', lastName: 'Weiß', email: '', phone: '', departmentId: mira.departmentId, roles: ['mentee'],
      startDate: '', exitDate: '', lineManagerId: 0, note: '',
    })
    const td = await g.TandemService.Create({
      runId: first.runId, menteeId: mee.id, mentorIds: first.mentorIds, startDate: first.startDate, endDate: first.endDate,
      withoutRecommendation: false, overrideReason: 'Test',
    })
    await g.TandemService.SetStatus(td.id, 'active', '')
    const d = new Date()
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    await g.SessionService.RecordFeedbackTalk({ tandemId: td.id, kind: 'final', date: today, answers: [], nextSteps: '' })
  }, tandemId)
  await page.reload()
  const batch = page.locator('.document-batch')
  const option = batch.locator('#db-run option', { hasText: 'Einarbeitung Dokumente' })
  await option.waitFor({ state: 'attached' })
  await page.selectOption('#db-run', await option.getAttribute('value'))
  await batch.getByLabel('eine gemeinsame PDF-Datei').check()
  await batch.getByRole('button', { name: 'Bestätigungen ausstellen' }).click()
  await batch.locator('[data-testid=batch-result]', { hasText: '1 von 1 Bestätigungen ausgestellt.' }).waitFor()
  assert.match(await batch.locator('[data-testid=batch-skipped]').innerText(), /Mira Sommer/)
  const combined = readFileSync(join(saveDir, 'Abschlussbestätigungen Einarbeitung Dokumente.pdf'))
  assert.equal(combined.subarray(0, 5).toString(), '%PDF-')
  await page.locator(`[data-testid=register-table] tr[data-number="JA-${new Date().getFullYear()}-0004"]`).waitFor()
})

test('no dialogs, page errors or foreign requests', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
  assert.deepEqual(problems.consoleErrors, [])
})
