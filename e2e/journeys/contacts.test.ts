import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpThroughApi } from '../support/api';
import { openBrowser, screenshot, type Browser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

/**
 * A member's day in the CRM: add contacts (and be warned about a duplicate), edit one, write a
 * formatted note, attach a file, move the contact on the board, archive and restore it, and add a
 * custom field that then shows up in the form, the list and the filters.
 */
let server: RunningServer;
let browser: Browser;
let agentId = '';
let contactUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  ({ agentId } = await setUpThroughApi(browser.context.request, server.url));
});
afterAll(async () => {
  await browser.close();
  await server.stop();
});

const contactsUrl = () => `${server.url}/agents/${agentId}/contacts`;

describe('contacts journey', () => {
  it('adds the first contact from the empty state', async () => {
    const { page } = browser;
    await page.goto(contactsUrl());
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Nadia Novak');
    await dialog.getByLabel('Email', { exact: true }).fill('Nadia@Example.com');
    await dialog.getByLabel('Mobile number').fill('07911 123456');
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'nadia@example.com' }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.getByRole('cell', { name: '+447911123456' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('1');
  });

  it('warns about a duplicate while typing and refuses it', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Nadia Novack');
    await dialog.getByLabel('Email', { exact: true }).fill('nadia@example.com');
    await expect.poll(() => dialog.getByText('Same email').first().isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText('Similar name').first().isVisible()).toBe(true);
    await screenshot(page, 'contacts-duplicate-warning');
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await expect
      .poll(() =>
        dialog
          .getByText(/already exists/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await dialog.getByLabel('Email', { exact: true }).fill('owen@example.com');
    await dialog.getByLabel('Name', { exact: true }).fill('Owen Okafor');
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('2');
  });

  it('edits a contact on the General tab', async () => {
    const { page } = browser;
    await page.getByRole('cell', { name: 'nadia@example.com' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}/);
    contactUrl = page.url().split('?')[0] ?? '';
    await page.getByRole('tab', { name: 'General' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Nadia Novak-Smith');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Nadia Novak-Smith' }).isVisible())
      .toBe(true);
  });

  it('writes a formatted note, and a hostile one executes nothing', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Notes' }).click();
    const editor = page.getByRole('textbox', { name: 'Note' });
    await editor.click();
    await page.keyboard.type('Prefers ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('morning');
    await page.keyboard.press('Control+B');
    await page.keyboard.type(' appointments');
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByTestId('note').first();
    await expect.poll(() => note.locator('strong').textContent()).toBe('morning');

    const contactId = contactUrl.split('/').pop() ?? '';
    const hostile = await browser.context.request.post(
      `${server.url}/api/v1/agents/${agentId}/contacts/${contactId}/notes`,
      {
        headers: { origin: server.url },
        data: {
          html: '<p>see <img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=2">link</a></p>',
        },
      },
    );
    expect(hostile.status()).toBe(201);
    await page.reload();
    await expect.poll(() => page.getByTestId('note').count()).toBe(2);
    await page
      .getByRole('link', { name: 'link' })
      .click({ trial: false })
      .catch(() => undefined);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('[data-testid="note"] img').count()).toBe(0);
  });

  it('uploads a file and downloads it as an attachment', async () => {
    const { page } = browser;
    await page.goto(`${contactUrl}?tab=files`);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'x-ray.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('panoramic x-ray, 2026'),
    });
    const link = page.getByRole('link', { name: 'x-ray.txt' });
    await expect.poll(() => link.isVisible()).toBe(true);
    const href = (await link.getAttribute('href')) ?? '';
    const download = await browser.context.request.get(new URL(href, server.url).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(await download.text()).toBe('panoramic x-ray, 2026');
  });

  it('moves the contact on the board by dragging its card', async () => {
    const { page } = browser;
    await page.goto(`${contactsUrl()}/board`);
    const card = page.getByTestId('board-card').filter({ hasText: 'Nadia Novak-Smith' });
    const target = page.getByTestId('board-column-Prospect');
    await expect.poll(() => card.isVisible()).toBe(true);
    const from = await card.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('board not laid out');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, {
      steps: 5,
    });
    await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 20 });
    await page.mouse.up();
    await expect
      .poll(() => target.getByTestId('board-card').filter({ hasText: 'Nadia Novak-Smith' }).count())
      .toBe(1);
    await screenshot(page, 'contacts-board');
    const contactId = contactUrl.split('/').pop() ?? '';
    const saved = await browser.context.request.get(
      `${server.url}/api/v1/agents/${agentId}/contacts/${contactId}`,
    );
    expect(((await saved.json()) as { stage: string }).stage).toBe('Prospect');
  });

  it('archives and restores', async () => {
    const { page } = browser;
    await page.goto(contactUrl);
    await page.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Restore' }).isVisible()).toBe(true);
    await page.goto(contactsUrl());
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('1');
    await page.goto(contactUrl);
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Archive' }).isVisible()).toBe(true);
    await page.goto(contactsUrl());
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('2');
  });

  it('adds a custom field that appears in the form, the list and the filters', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/agents/${agentId}/crm-settings`);
    await page.getByRole('button', { name: 'Add field' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Label/).fill('Insurance plan');
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Single select' }).click();
    await dialog.getByLabel('Options').fill('Basic');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Options').fill('Premium');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Create field' }).click();
    await expect.poll(() => page.getByText('insurance_plan').first().isVisible()).toBe(true);

    await page.goto(contactsUrl());
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Email', { exact: true }).fill('paula@example.com');
    await form.getByRole('combobox', { name: 'Insurance plan' }).click();
    await page.getByRole('option', { name: 'Premium' }).click();
    await form.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('3');

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Insurance plan' }).check();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Insurance plan' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: 'Premium' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByRole('combobox', { name: 'Insurance plan' }).click();
    await page.getByRole('option', { name: 'Premium' }).click();
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('1');
    expect(page.url()).toContain('field.insurance_plan=Premium');
    await screenshot(page, 'contacts-custom-field-filter');
  });
});
