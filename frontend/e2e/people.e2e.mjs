// A new user's first session: departments, people, search, edit, archive,
// delete, settings — then the app is closed and reopened on the same file.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { writeFileSync } from 'node:fs'
import { closeApp, openApp, openPage, startApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
})

after(() => closeApp(browser, app, dir))

const rows = () => page.locator('.people-table tbody tr')
const rowNames = async () => (await page.locator('.people-table tbody tr td:first-child button').allInnerTexts()).map((s) => s.trim())

async function search(text) {
  await page.fill('input[type=search]', text)
  // search-as-you-type: wait for the debounced answer to be rendered
  await page.waitForTimeout(450)
}

async function fillPerson(p) {
  for (const [field, value] of Object.entries(p)) {
    const el = page.locator(`#pf-${field}`)
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption({ label: value })
    else await el.fill(value)
  }
}

// openPerson clicks a name in the list and waits until the form shows that person.
async function openPerson(label) {
  await page.getByRole('button', { name: label }).click()
  const last = label.split(',')[0]
  await page.waitForFunction((last) => document.querySelector('#pf-lastName')?.value === last, last)
}

async function confirmDialog(button) {
  const dialog = page.getByRole('alertdialog')
  await dialog.waitFor()
  await dialog.getByRole('button', { name: button }).click()
  await dialog.waitFor({ state: 'detached' })
}

test('the shell shows every section in German, unfinished ones honestly', async () => {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  for (const s of ['Übersicht', 'Personen', 'Programme', 'Tandems', 'Gespräche', 'Dokumente', 'Einstellungen']) {
    await nav.getByRole('link', { name: s, exact: true }).waitFor()
  }
  await nav.getByRole('link', { name: 'Dokumente' }).click()
  await page.getByRole('heading', { name: 'Dokumente', exact: true, level: 1 }).waitFor()
  await nav.getByRole('link', { name: 'Übersicht' }).click()
  await page.getByText('Das Organisationsprofil ist noch nicht ausgefüllt').waitFor()
  assert.equal(await page.locator('[data-figure=people]').innerText(), '0')
})

test('create a department', async () => {
  await page.getByRole('link', { name: 'Personen' }).click()
  await page.getByRole('tab', { name: 'Dienststellen' }).click()
  await page.getByRole('button', { name: 'Neue Dienststelle' }).click()
  await page.fill('#df-name', 'Sozialer Dienst Süd')
  await page.fill('#df-shortName', 'ASD-S')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.locator('.departments-table').getByText('Sozialer Dienst Süd').waitFor()
  await page.getByRole('button', { name: 'Neue Dienststelle' }).click()
  await page.fill('#df-name', 'sozialer dienst SÜD')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.locator('#df-name-error').getByText('gibt es bereits').waitFor()
  await page.getByRole('button', { name: 'Abbrechen' }).click()
  assert.equal(await page.locator('.departments-table tbody tr').count(), 1)
})

test('create people through the form', async () => {
  await page.getByRole('tab', { name: 'Personen' }).click()
  await page.getByText('Noch keine Personen erfasst').waitFor()
  await page.getByRole('button', { name: 'Neue Person' }).click()
  await fillPerson({
    salutation: 'Herr', firstName: 'Jürgen', lastName: 'Müller', email: 'j.mueller@hilden.de', phone: '02103 72-0',
    departmentId: 'Sozialer Dienst Süd', startDate: '01.03.2015',
  })
  await page.getByRole('checkbox', { name: 'Mentor:in' }).check()
  await page.getByRole('checkbox', { name: 'Sachgebietsleitung' }).check()
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.getByRole('status').getByText('Gespeichert.').waitFor()
  await page.locator('.people-table').getByText('Müller, Jürgen').waitFor()

  await page.getByRole('button', { name: 'Neue Person' }).click()
  await fillPerson({ salutation: 'Frau', firstName: 'Élodie', lastName: 'Straßburger', departmentId: 'Sozialer Dienst Süd', lineManagerId: 'Müller, Jürgen', startDate: '1.2.2027' })
  await page.getByRole('checkbox', { name: 'Mentee / neue Fachkraft' }).check()
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.locator('.people-table').getByText('Straßburger, Élodie').waitFor()
  assert.equal(await page.inputValue('#pf-startDate'), '01.02.2027')
  await page.getByRole('button', { name: 'Abbrechen' }).click()

  await page.getByRole('button', { name: 'Neue Person' }).click()
  await fillPerson({ firstName: 'Ayşe', lastName: 'Yıldız' })
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.locator('.people-table').getByText('Yıldız, Ayşe').waitFor()
  assert.match(await page.locator('.count').innerText(), /3 Personen/)
})

test('search as you type is umlaut- and case-insensitive', async () => {
  await search('mull')
  assert.deepEqual(await rowNames(), ['Müller, Jürgen'])
  await search('MUELL')
  assert.deepEqual(await rowNames(), ['Müller, Jürgen'])
  await search('strass')
  assert.deepEqual(await rowNames(), ['Straßburger, Élodie'])
  await search('elodie')
  assert.deepEqual(await rowNames(), ['Straßburger, Élodie'])
  await search('süd')
  assert.deepEqual(await rowNames(), ['Müller, Jürgen', 'Straßburger, Élodie'])
  await search('niemand')
  await page.getByText('Keine Person passt zu Suche und Filter.').waitFor()
  await search('')
  assert.equal(await rows().count(), 3)
})

test('filter by role and department', async () => {
  await page.locator('.toolbar select').first().selectOption({ label: 'Mentee / neue Fachkraft' })
  await page.waitForTimeout(300)
  assert.deepEqual(await rowNames(), ['Straßburger, Élodie'])
  await page.locator('.toolbar select').first().selectOption({ label: 'Alle Rollen' })
  await page.locator('.toolbar select').nth(1).selectOption({ label: 'Sozialer Dienst Süd' })
  await page.waitForTimeout(300)
  assert.deepEqual(await rowNames(), ['Müller, Jürgen', 'Straßburger, Élodie'])
  await page.locator('.toolbar select').nth(1).selectOption({ label: 'Alle Dienststellen' })
  await page.waitForTimeout(300)
  assert.equal(await rows().count(), 3)
})

test('edit a person', async () => {
  await openPerson('Müller, Jürgen')
  assert.equal(await page.inputValue('#pf-startDate'), '01.03.2015')
  await page.fill('#pf-phone', '+49 2103 72-123')
  await page.fill('#pf-note', 'Mentor seit 2019, „erfahren“ im Kinderschutz.')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.locator('.people-table').getByText('+49 2103 72-123').waitFor()
})

test('delete is confirmed in the app and refused while others depend on the person', async () => {
  await openPerson('Müller, Jürgen')
  await page.locator('.person-form').getByRole('button', { name: 'Löschen', exact: true }).click()
  // cancelling changes nothing
  const dialog = page.getByRole('alertdialog')
  await dialog.getByText('endgültig löschen').waitFor()
  await dialog.getByRole('button', { name: 'Abbrechen' }).click()
  assert.equal(await rows().count(), 3)
  await page.locator('.person-form').getByRole('button', { name: 'Löschen', exact: true }).click()
  await confirmDialog('Löschen')
  await page.locator('.person-form .form-error').getByText('als vorgesetzte Person eingetragen').waitFor()
  assert.equal(await rows().count(), 3)
})

test('archive hides a person but keeps them', async () => {
  await openPerson('Straßburger, Élodie')
  await page.locator('.person-form').getByRole('button', { name: 'Archivieren' }).click()
  await confirmDialog('Archivieren')
  await page.getByRole('status').getByText('Archiviert.').waitFor()
  await page.waitForTimeout(300)
  assert.deepEqual(await rowNames(), ['Müller, Jürgen', 'Yıldız, Ayşe'])
  await page.getByLabel('Archivierte anzeigen').check()
  await page.waitForTimeout(300)
  assert.deepEqual(await rowNames(), ['Müller, Jürgen', 'Straßburger, Élodie', 'Yıldız, Ayşe'])
  await page.locator('tr.archived').getByText('archiviert').waitFor()
  await page.getByLabel('Archivierte anzeigen').uncheck()
})

test('delete a person nobody depends on', async () => {
  await openPerson('Yıldız, Ayşe')
  await page.locator('.person-form').getByRole('button', { name: 'Löschen', exact: true }).click()
  await confirmDialog('Löschen')
  await page.getByRole('status').getByText('Gelöscht.').waitFor()
  await page.waitForTimeout(300)
  assert.deepEqual(await rowNames(), ['Müller, Jürgen'])
})

test('a department with people cannot be deleted', async () => {
  await page.getByRole('tab', { name: 'Dienststellen' }).click()
  await page.locator('.departments-table').getByRole('button', { name: 'Löschen' }).click()
  await confirmDialog('Löschen')
  await page.locator('.departments [role=alert]').getByText('kann nicht gelöscht werden').waitFor()
  assert.equal(await page.locator('.departments-table tbody tr').count(), 1)
  await page.getByRole('tab', { name: 'Personen' }).click()
})

function png(width, height) {
  // A real PNG, made here so the test needs no file: RGB, one colour.
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([31, 95, 168], y * (width * 3 + 1) + 1 + x * 3)
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

test('organisation profile with logo, and where the data is', async () => {
  await page.getByRole('link', { name: 'Einstellungen' }).click()
  assert.equal(await page.getByTestId('database-path').innerText(), dbPath)
  await page.fill('#of-municipality', 'Stadt Hilden')
  await page.fill('#of-officeName', 'Amt für Jugend, Schule und Sport')
  await page.fill('#of-street', 'Am Rathaus 1')
  await page.fill('#of-postalCode', '40721')
  await page.fill('#of-city', 'Hilden')
  await page.fill('#of-signatoryName', 'Dr. Maria Weiß')
  await page.fill('#of-signatoryFunction', 'Jugendamtsleitung')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.getByRole('status').getByText('Gespeichert.').waitFor()

  const logo = join(dir, 'wappen.png')
  writeFileSync(logo, png(120, 60))
  await page.getByTestId('logo-input').setInputFiles(logo)
  await page.getByRole('status').getByText('Logo gespeichert.').waitFor()
  const size = await page.getByAltText('Vorschau des Logos').evaluate((img) => [img.naturalWidth, img.naturalHeight])
  assert.deepEqual(size, [120, 60])

  const gif = join(dir, 'bild.gif')
  writeFileSync(gif, Buffer.from('R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=', 'base64'))
  await page.getByTestId('logo-input').setInputFiles(gif)
  await page.getByText('Das Logo muss ein PNG- oder JPEG-Bild sein.').waitFor()
  // the stored logo is still the PNG
  assert.deepEqual(await page.getByAltText('Vorschau des Logos').evaluate((img) => img.naturalWidth), 120)
})

test('after closing and reopening, everything is as it was', async () => {
  await page.close()
  await app.stop()
  app = await startApp(dbPath)
  ;({ page, problems } = await openPage(browser, app))
  await page.getByRole('link', { name: 'Personen' }).click()
  await page.locator('.people-table').getByText('Müller, Jürgen').waitFor()
  assert.deepEqual(await rowNames(), ['Müller, Jürgen'])
  await openPerson('Müller, Jürgen')
  assert.equal(await page.inputValue('#pf-phone'), '+49 2103 72-123')
  assert.equal(await page.inputValue('#pf-note'), 'Mentor seit 2019, „erfahren“ im Kinderschutz.')
  assert.equal(await page.locator('#pf-lastName').inputValue(), 'Müller')
  assert.ok(await page.getByRole('checkbox', { name: 'Sachgebietsleitung' }).isChecked())
  await page.getByLabel('Archivierte anzeigen').check()
  await page.locator('.people-table').getByText('Straßburger, Élodie').waitFor()
  await page.getByRole('link', { name: 'Einstellungen' }).click()
  // the profile arrives from the Go side after the form is shown
  // (the field must exist first: a missing one is not "filled")
  await page.waitForFunction(() => (document.querySelector('#of-municipality')?.value ?? '') !== '', null, { timeout: 20_000 }).catch(() => {})
  // on failure, say what the page shows (an error message, or nothing loaded)
  assert.equal(await page.inputValue('#of-municipality'), 'Stadt Hilden', await page.locator('#app').innerText())
  assert.equal(await page.getByAltText('Vorschau des Logos').evaluate((img) => img.naturalWidth), 120)
  await page.getByRole('link', { name: 'Übersicht' }).click()
  assert.equal(await page.locator('[data-figure=people]').innerText(), '1')
  assert.equal(await page.locator('[data-figure=mentors]').innerText(), '1')
})

test('English is the second language', async () => {
  await page.getByRole('link', { name: 'Einstellungen' }).click()
  await page.getByLabel('Sprache der Oberfläche').selectOption('en')
  await page.getByRole('navigation').getByRole('link', { name: 'People' }).waitFor()
  await page.getByLabel('Interface language').selectOption('de')
  await page.getByRole('navigation').getByRole('link', { name: 'Personen' }).waitFor()
})

test('no dialogs, page errors or requests leaving the app', () => {
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
