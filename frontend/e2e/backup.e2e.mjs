// Issue 6 end to end: a manual backup made in Einstellungen → Datensicherung,
// a change, the backup restored through the UI (the change is gone), then
// the „vor Wiederherstellung“ backup restored (the change is back). The dev
// build saves into TANDEM_E2E_SAVE_DIR, here the backup folder itself.
import assert from 'node:assert/strict'
import { mkdirSync, readdirSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { closeApp, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const backupDir = join(dir, 'Tandem-Sicherungen')
mkdirSync(backupDir)
let browser, app, page, problems
const nav = () => page.getByRole('navigation', { name: 'Hauptnavigation' })
const panel = () => page.locator('[data-testid=backup-panel]')

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, [], { TANDEM_E2E_SAVE_DIR: backupDir }))
})

after(() => closeApp(browser, app, dir))

const lastNames = () =>
  page.evaluate(async () => {
    const l = await window.go.app.PeopleService.List({ query: '', role: '', departmentId: 0, includeArchived: true, limit: 100 })
    return l.people.map((p) => p.lastName).sort()
  })
const addPerson = (last) => page.evaluate((last) => window.go.app.PeopleService.Create({
  salutation: '', firstName: 'Erika', lastName: last, email: '', phone: '', departmentId: 0, roles: [], startDate: '', exitDate: '',
  lineManagerId: 0, note: '' }), last)

async function restoreRow(kindLabel) {
  const befores = panel().locator('tbody tr[data-kind=before-restore]')
  const n = await befores.count()
  const row = panel().locator('tbody tr', { hasText: kindLabel }).first()
  await row.getByRole('button', { name: 'Wiederherstellen' }).click()
  const dlg = page.getByRole('alertdialog')
  await dlg.waitFor()
  assert.match(await dlg.textContent(), /aktuelle Stand wird vorher als Sicherung „vor Wiederherstellung“ gespeichert/)
  await dlg.getByRole('button', { name: 'Wiederherstellen' }).click()
  // Done when the list shows one more „vor Wiederherstellung“ backup.
  await panel().locator(`tbody tr[data-kind=before-restore] >> nth=${n}`).waitFor()
  await page.getByRole('status').getByText(/Wiederhergestellt/).waitFor()
}

test('a manual backup through the UI', async () => {
  await nav().waitFor()
  await addPerson('Vorher')
  await nav().getByRole('link', { name: 'Einstellungen', exact: true }).click()
  await panel().getByRole('heading', { name: 'Datensicherung' }).waitFor()
  assert.equal(await panel().locator('[data-testid=backup-folder]').textContent(), backupDir)
  await panel().getByRole('button', { name: 'Sicherung erstellen' }).click()
  const dlg = page.getByRole('dialog', { name: 'Sicherung erstellen' })
  // Encrypted: the two passphrases must match (checked before any call).
  await dlg.getByLabel('Mit Kennwort verschlüsseln').check()
  await dlg.locator('#backup-pass').fill('geheim-geheim')
  await dlg.locator('#backup-repeat').fill('geheim-anders')
  await dlg.getByRole('button', { name: 'Sicherung speichern' }).click()
  await dlg.getByText('Die beiden Kennwörter stimmen nicht überein.').waitFor()
  await dlg.getByLabel('Mit Kennwort verschlüsseln').uncheck()
  await dlg.getByRole('button', { name: 'Sicherung speichern' }).click()
  await page.getByRole('status').getByText(/Sicherung gespeichert/).waitFor()
  const row = panel().locator('tbody tr', { hasText: 'manuell' })
  await row.waitFor()
  assert.match(await row.textContent(), /\d\d\.\d\d\.\d{4} \d\d:\d\d/)
  assert.ok(readdirSync(backupDir).some((n) => /^tandem-.*-manual\.db$/.test(n)))
})

test('a change, then the backup restored: the change is gone', async () => {
  await addPerson('Nachher')
  assert.deepEqual(await lastNames(), ['Nachher', 'Vorher'])
  await restoreRow('manuell')
  assert.deepEqual(await lastNames(), ['Vorher'])
  await panel().locator('tbody tr', { hasText: 'vor Wiederherstellung' }).waitFor()
  // The people list shows the restored state too.
  await nav().getByRole('link', { name: 'Personen', exact: true }).click()
  await page.getByText('Vorher', { exact: false }).first().waitFor()
  assert.equal(await page.getByText('Nachher').count(), 0)
})

test('the before-restore backup restored: the change is back', async () => {
  await nav().getByRole('link', { name: 'Einstellungen', exact: true }).click()
  await panel().locator('tbody tr', { hasText: 'vor Wiederherstellung' }).waitFor()
  await restoreRow('vor Wiederherstellung')
  assert.deepEqual(await lastNames(), ['Nachher', 'Vorher'])
  // A path that is not a listed backup is refused by the binding.
  const refused = await page.evaluate(() => window.go.app.BackupService.Restore('/etc/passwd', '').then(() => '', (e) => e.message ?? String(e)))
  assert.match(refused, /kann nicht wiederhergestellt werden/)
  assert.deepEqual({ ...problems, consoleErrors: [] }, { dialogs: [], pageErrors: [], foreignRequests: [], consoleErrors: [] })
})
