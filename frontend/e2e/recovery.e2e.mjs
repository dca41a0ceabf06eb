// Issue 6 end to end: a damaged database at start. A first run stores a
// person, a second run makes its automatic backup at start; then the
// database file's header is destroyed. The third run moves the damaged
// file aside, starts on a new empty database and shows the German banner
// with the newest intact backup; restoring it from the banner brings the
// person back and the banner goes away. A restore from the list in
// Einstellungen ends the banner as well.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { existsSync, openSync, readdirSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { closeApp, launchBrowser, openPage, startApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const backupDir = join(dir, 'Tandem-Sicherungen')
let browser, app

after(() => closeApp(browser, app, dir))

const backups = () => (existsSync(backupDir) ? readdirSync(backupDir).filter((n) => /^tandem-.*-auto(-\d+)?\.db$/.test(n)) : [])

test('a person and an automatic backup that holds it', async () => {
  browser = await launchBrowser()
  app = await startApp(dbPath)
  const { page, context } = await openPage(browser, app)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
  await page.evaluate(() => window.go.app.PeopleService.Create({ firstName: 'Jürgen', lastName: 'Weiß', roles: [] }))
  await context.close()
  await app.stop()
  const before = backups().length
  app = await startApp(dbPath) // the automatic backup at start now holds the person
  for (let i = 0; i < 100 && backups().length <= before; i++) await new Promise((r) => setTimeout(r, 200))
  assert.ok(backups().length > before, 'no automatic backup was written')
  await app.stop()
})

test('a damaged database: moved aside, banner, restore from the banner', async () => {
  const fd = openSync(dbPath, 'r+')
  writeSync(fd, Buffer.alloc(100), 0, 100, 0) // the header destroyed
  closeSync(fd)

  app = await startApp(dbPath)
  const { page, problems } = await openPage(browser, app)
  const banner = page.getByRole('alert').filter({ hasText: 'Die Datenbank war beschädigt' })
  await banner.waitFor()
  const damaged = (await banner.locator('.recovery-damaged').textContent()).trim()
  assert.match(damaged, /tandem\.db\.damaged-\d{8}-\d{6}$/)
  assert.ok(existsSync(damaged), 'the damaged file is kept')
  assert.match(await banner.textContent(), /neuen, leeren Datenbank/)
  assert.match(await banner.textContent(), /Datensicherung ist vom \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/)
  assert.match(await banner.locator('.recovery-backup').textContent(), /Tandem-Sicherungen/)

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Personen', exact: true }).click()
  assert.equal(await page.getByText('Weiß').count(), 0, 'the new database is empty')

  await banner.getByRole('button', { name: /^Sicherung vom .* wiederherstellen$/ }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: /^Sicherung vom .* wiederherstellen$/ }).click()
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor()
  await page.getByText('Die Datenbank war beschädigt').waitFor({ state: 'detached', timeout: 20_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nbanner: ${await banner.innerText().catch(() => '')}\napp log:\n${app.log().slice(-3000)}`)
  })
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Personen', exact: true }).click()
  await page.getByText('Weiß').first().waitFor()
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.foreignRequests, [])
})

test('damaged again: a restore from the list in Einstellungen ends the banner too', async () => {
  await app.stop()
  const fd = openSync(dbPath, 'r+')
  writeSync(fd, Buffer.alloc(100), 0, 100, 0)
  closeSync(fd)

  app = await startApp(dbPath)
  const { page, problems } = await openPage(browser, app)
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  const banner = page.getByRole('alert').filter({ hasText: 'Die Datenbank war beschädigt' })
  const offered = (await banner.locator('.recovery-backup').textContent()).trim()
  await nav.getByRole('link', { name: 'Einstellungen', exact: true }).click()
  const panel = page.locator('[data-testid=backup-panel]')
  // The offered backup, picked from the list rather than from the banner.
  await panel.locator(`tbody tr[title="${offered}"]`).getByRole('button', { name: 'Wiederherstellen' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Wiederherstellen' }).click()
  await page.getByRole('status').getByText(/Wiederhergestellt/).waitFor()
  // No reload: the status is read afresh after the restore.
  await page.getByText('Die Datenbank war beschädigt').waitFor({ state: 'detached', timeout: 10_000 })
  await nav.getByRole('link', { name: 'Personen', exact: true }).click()
  await page.getByText('Weiß').first().waitFor().catch(async (e) => {
    throw new Error(`${e.message}\noffered: ${offered}\napp log:\n${app.log().slice(-3000)}`)
  })
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.dialogs, [])
})
