// Bad input gets a German message next to the field and changes nothing;
// hostile text is stored verbatim and shown as text; a second process on
// the same database is refused in German; nothing personal lands in
// browser storage.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { closeApp, openApp, openPage, startApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, ['--section', 'personen']))
  await page.getByRole('heading', { name: 'Personen', level: 1 }).waitFor()
})

after(() => closeApp(browser, app, dir))

const count = () => page.locator('.people-table tbody tr').count()

async function newPerson(fields) {
  await page.getByRole('button', { name: 'Neue Person' }).click()
  for (const [field, value] of Object.entries(fields)) await page.fill(`#pf-${field}`, value)
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
}

async function fieldError(field, text) {
  const el = page.locator(`#pf-${field}-error`)
  await el.getByText(text).waitFor()
  assert.equal(await page.locator(`#pf-${field}`).getAttribute('aria-invalid'), 'true')
  assert.equal(await el.getAttribute('role'), 'alert')
}

test('a bad e-mail address is refused next to its field; nothing is stored', async () => {
  await newPerson({ firstName: 'Anna', lastName: 'Beispiel', email: 'anna(at)stadt' })
  await fieldError('email', 'Bitte eine gültige E-Mail-Adresse eingeben')
  await page.getByRole('button', { name: 'Abbrechen' }).click()
  await page.getByText('Noch keine Personen erfasst').waitFor()
})

test('impossible and reversed dates are refused next to their field', async () => {
  await newPerson({ firstName: 'Anna', lastName: 'Beispiel', startDate: '31.02.2027' })
  await fieldError('startDate', 'TT.MM.JJJJ')
  await page.fill('#pf-startDate', 'nächste Woche')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await fieldError('startDate', 'TT.MM.JJJJ')
  await page.fill('#pf-startDate', '01.09.2027')
  await page.fill('#pf-exitDate', '31.08.2027')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await fieldError('exitDate', 'darf nicht vor ihrem Beginn liegen')
  // the start date's old message is gone once it is valid
  assert.equal(await page.locator('#pf-startDate-error').count(), 0)
  await page.getByRole('button', { name: 'Abbrechen' }).click()
  assert.equal(await page.locator('.people-table').count(), 0)
})

test('required names and over-long text are refused', async () => {
  await newPerson({ firstName: '   ', lastName: 'x'.repeat(101) })
  await fieldError('firstName', 'Bitte „Vorname“ ausfüllen.')
  await page.fill('#pf-firstName', 'Anna')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await fieldError('lastName', '„Nachname“ darf höchstens 100 Zeichen lang sein.')
  assert.equal(await page.locator('#pf-firstName-error').count(), 0)
  await page.getByRole('button', { name: 'Abbrechen' }).click()
  assert.equal(await page.locator('.people-table').count(), 0)
})

test('a person cannot be their own line manager', async () => {
  await newPerson({ firstName: 'Bernd', lastName: 'Chef' })
  await page.locator('.people-table').getByText('Chef, Bernd').waitFor()
  // the form leaves the person out of the choice; the Go side refuses it anyway
  assert.equal(await page.locator('#pf-lineManagerId option', { hasText: 'Chef, Bernd' }).count(), 0)
  const id = Number(await page.locator('tr', { hasText: 'Chef, Bernd' }).getAttribute('data-person-id'))
  const refused = await page.evaluate(async (id) => {
    try {
      await window.go.app.PeopleService.Update(id, { salutation: '', firstName: 'Bernd', lastName: 'Chef', email: '', phone: '', departmentId: 0, roles: [], startDate: '', exitDate: '', lineManagerId: id, note: '' })
      return 'accepted'
    } catch (e) {
      return e.message
    }
  }, id)
  assert.match(refused, /nicht ihre eigene Vorgesetzte/)
  await page.getByRole('button', { name: 'Abbrechen' }).click()
})

test('calls with bad arguments straight to the Go side are refused', async () => {
  const answers = await page.evaluate(async () => {
    const s = window.go.app.PeopleService
    const tries = [
      () => s.Get(-1),
      () => s.Get(99999),
      () => s.Delete(0),
      () => s.List({ query: 'a'.repeat(101), role: '', departmentId: 0, includeArchived: false, limit: 0 }),
      () => s.List({ query: '', role: 'admin', departmentId: 0, includeArchived: false, limit: 0 }),
      () => s.List({ query: '', role: '', departmentId: 0, includeArchived: false, limit: 100000 }),
      () => s.Create({ salutation: 'Dr.', firstName: 'A', lastName: 'B', email: '', phone: '', departmentId: 0, roles: [], startDate: '', exitDate: '', lineManagerId: 0, note: '' }),
      () => s.Create({ salutation: '', firstName: 'A', lastName: 'B', email: '', phone: '', departmentId: 424242, roles: [], startDate: '', exitDate: '', lineManagerId: 0, note: '' }),
      () => s.Create({ salutation: '', firstName: 'A', lastName: 'B', email: '', phone: '', departmentId: 0, roles: ['king'], startDate: '', exitDate: '', lineManagerId: 0, note: '' }),
      () => s.Create({ salutation: '', firstName: 'A\u202Eevil', lastName: 'B', email: '', phone: '', departmentId: 0, roles: [], startDate: '', exitDate: '', lineManagerId: 0, note: '' }),
      () => window.go.app.OrganisationService.SetLogo('data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='),
      () => window.go.app.OrganisationService.Save({ municipality: 'Stadt', officeName: 'Amt', street: '', postalCode: '123', city: '', phone: '', email: '', signatoryName: '', signatoryFunction: '' }),
    ]
    const out = []
    for (const t of tries) {
      try {
        await t()
        out.push('accepted')
      } catch (e) {
        out.push(JSON.parse(e.message))
      }
    }
    return out
  })
  for (const a of answers) {
    assert.notEqual(a, 'accepted')
    assert.ok(['invalid', 'not_found'].includes(a.code), JSON.stringify(a))
    assert.match(a.message, /^(Bitte|Diese|Der|Das|Die|„)/, a.message)
    assert.doesNotMatch(a.message, /sql|error|nil|panic/i)
  }
  assert.equal(await count(), 1)
})

test('hostile names are stored verbatim and shown as text', async () => {
  const first = '<img src=x onerror=alert(1)>'
  const last = "'); DROP TABLE people;--"
  await newPerson({ firstName: first, lastName: last, note: '<script>alert("note")</script>' })
  const row = page.locator('tr', { hasText: 'DROP TABLE' })
  await row.waitFor()
  assert.equal((await row.locator('td').first().locator('button').innerText()).trim(), `${last}, ${first}`)
  assert.equal(await page.locator('.people-table img').count(), 0)
  assert.equal(await page.locator('#pf-note').inputValue(), '<script>alert("note")</script>')
  // The table is still there: the SQL went in as text.
  await page.fill('input[type=search]', 'drop table')
  await page.waitForTimeout(450)
  assert.equal(await count(), 1)
  await page.fill('input[type=search]', '')
  await page.waitForTimeout(450)
  assert.equal(await count(), 2)
  await page.getByRole('button', { name: 'Abbrechen' }).click()
})

test('a bad postcode in the organisation profile is refused next to the field', async () => {
  await page.getByRole('link', { name: 'Einstellungen' }).click()
  await page.fill('#of-municipality', 'Stadt Hilden')
  await page.fill('#of-officeName', 'Amt für Jugend, Schule und Sport')
  await page.fill('#of-postalCode', '4072')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.locator('#of-postalCode-error').getByText('fünfstellige Postleitzahl').waitFor()
  await page.fill('#of-postalCode', '40721')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await page.getByRole('status').getByText('Gespeichert.').waitFor()
})

test('a second process on the same database gets a German message, not a second writer', async () => {
  const second = await startApp(dbPath)
  try {
    const other = await openPage(browser, second)
    const alert = other.page.getByRole('alert')
    await other.page.getByRole('heading', { name: 'Tandem kann die Datenbank nicht öffnen' }).waitFor()
    assert.match(await alert.innerText(), /bereits in einem anderen Tandem-Fenster oder Programm geöffnet/)
    assert.match(await alert.innerText(), /tandem\.db/)
    await other.context.close()
  } finally {
    await second.stop()
  }
  // the first app still works
  await page.getByRole('link', { name: 'Personen' }).click()
  await page.locator('.people-table').getByText('Chef, Bernd').waitFor()
})

test('no personal data in browser storage, no dialogs, no page errors, no foreign requests', async () => {
  const storage = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    idb: (await indexedDB.databases()).map((d) => d.name),
    cookies: document.cookie,
  }))
  assert.ok(storage.local.every((k) => k === 'tandem.locale'), JSON.stringify(storage))
  assert.deepEqual(storage.session, [])
  assert.deepEqual(storage.idb, [])
  assert.equal(storage.cookies, '')
  assert.deepEqual(problems.dialogs, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.foreignRequests, [])
})
