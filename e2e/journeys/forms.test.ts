import http from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpThroughApi } from '../support/api';
import { openBrowser, screenshot, type Browser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

/**
 * A member builds a form by dragging fields onto it, maps them to contact fields, previews,
 * publishes and shares it; a visitor fills it on the hosted page and through an embed on another
 * page; the member finds the contact "via Form" and the submissions in the admin.
 */
let server: RunningServer;
let member: Browser;
let visitor: Browser;
let agentId = '';
let formUrl = '';
let embedSnippet = '';

beforeAll(async () => {
  server = await startServer();
  member = await openBrowser();
  visitor = await openBrowser();
  ({ agentId } = await setUpThroughApi(member.context.request, server.url));
  const field = await member.context.request.post(`${server.url}/api/v1/agents/${agentId}/fields`, {
    headers: { origin: server.url },
    data: { label: 'Company', key: 'company', type: 'text' },
  });
  expect(field.status()).toBe(201);
});
afterAll(async () => {
  await visitor.close();
  await member.close();
  await server.stop();
});

/** A real pointer drag (dnd-kit needs a few moves past its activation distance). */
async function drag(page: Page, from: Locator, to: Locator, offsetY = -20) {
  const source = await from.boundingBox();
  const target = await to.boundingBox();
  if (!source || !target) throw new Error('nothing to drag');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, {
    steps: 5,
  });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height + offsetY, {
    steps: 20,
  });
  await page.mouse.up();
}

async function chooseMapping(page: Page, option: string) {
  await page.getByRole('combobox', { name: 'Save the answer to' }).click();
  await page.getByRole('option', { name: option }).click();
}

const canvasFields = (page: Page) => page.getByTestId('canvas-field');

describe('forms journey', () => {
  it('builds a form by dragging fields onto it and configuring them', async () => {
    const { page } = member;
    await page.goto(`${server.url}/agents/${agentId}/forms`);
    await expect.poll(() => page.getByText('No forms yet').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'New form' }).click();
    await page.waitForURL(/\/forms\/[0-9a-f-]{36}$/);
    await expect.poll(() => canvasFields(page).count()).toBe(2);

    const canvas = page.getByTestId('form-canvas');
    await drag(page, page.locator('[data-palette-type="phone"]'), canvas);
    await expect.poll(() => canvasFields(page).count()).toBe(3);
    await chooseMapping(page, 'Contact: Phone');

    await drag(page, page.locator('[data-palette-type="short_text"]'), canvas);
    await expect.poll(() => canvasFields(page).count()).toBe(4);
    await page.getByLabel('Label', { exact: true }).fill('Company name');
    await chooseMapping(page, 'Custom: Company');

    await drag(page, page.locator('[data-palette-type="long_text"]'), canvas);
    await expect.poll(() => canvasFields(page).count()).toBe(5);
    await page.getByLabel('Label', { exact: true }).fill('How can we help?');
    await page.getByLabel('Required', { exact: true }).check();

    // Keyboard reordering: the message moves above the company.
    await page.getByRole('button', { name: 'Reorder How can we help?' }).focus();
    for (const key of ['Space', 'ArrowUp', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(300);
    }
    await expect
      .poll(async () => (await canvasFields(page).allInnerTexts()).map((t) => t.split('\n')[0]))
      .toEqual(['Name *', 'Email *', 'Phone', 'How can we help? *', 'Company name']);

    await page.getByRole('tab', { name: 'Form settings' }).click();
    await page.getByLabel('Title').fill('Book a visit');
    await page.getByLabel('Success message').fill('Thanks! We will call you back.');
    await page.getByRole('tab', { name: 'Preview' }).click();
    const preview = page.getByLabel('Preview');
    await expect
      .poll(() => preview.getByRole('heading', { name: 'Book a visit' }).isVisible())
      .toBe(true);
    await expect.poll(() => preview.getByText('How can we help?').isVisible()).toBe(true);
    await screenshot(page, 'forms-builder');

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Unsaved changes').isVisible()).toBe(false);
    // The switch follows the server: it turns on once the form is published.
    await page.getByRole('switch', { name: 'Published' }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Published' }).isChecked()).toBe(true);
    await expect
      .poll(() => page.getByText('Published', { exact: true }).first().isVisible())
      .toBe(true);

    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog');
    formUrl = await dialog.getByLabel('Link to the form').inputValue();
    // The address was made when the form was created; renaming keeps links working.
    expect(formUrl).toMatch(new RegExp(`^${server.url}/f/untitled-form-[a-z2-9]{8}$`));
    embedSnippet = await dialog.getByLabel('Embed on a site').inputValue();
    expect(embedSnippet).toContain(`${formUrl}?embed=1`);
    await page.keyboard.press('Escape');
  });

  it('a visitor fills it on the hosted page', async () => {
    const { page } = visitor;
    await page.goto(formUrl);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Book a visit' }).isVisible())
      .toBe(true);
    await page.getByLabel(/^Name/).fill('Vera Visitor');
    await page.getByLabel(/^Email/).fill('vera@example.com');
    await page.getByLabel(/^Phone/).fill('07911 123456');
    await page.getByLabel(/^Company name/).fill('Visitor & Co');
    // Too quick, and a required answer missing: the errors are shown by the fields.
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.getByText('How can we help? is required').isVisible()).toBe(true);
    await page.getByLabel(/^How can we help/).fill('A check-up next week, please.');
    // A person takes a few seconds; the form refuses faster submissions.
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => page.getByText('Thanks! We will call you back.').isVisible())
      .toBe(true);
    await screenshot(page, 'forms-hosted-done');
  });

  it('a visitor fills it embedded in another page', async () => {
    const { page } = visitor;
    // Another site, on another origin, pasting the embed snippet from the share panel.
    const site = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><h1>Harbour Dental</h1>${embedSnippet}`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    await page.goto(`http://127.0.0.1:${String(port)}/`);
    const frame = page.frameLocator('iframe[title="Book a visit"]');
    await frame.getByLabel(/^Name/).fill('Eli Embed');
    await frame.getByLabel(/^Email/).fill('eli@example.com');
    await frame.getByLabel(/^How can we help/).fill('From the embed');
    await page.waitForTimeout(3_200);
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => frame.getByText('Thanks! We will call you back.').isVisible())
      .toBe(true);
  });

  it('the member sees the contacts via Form and the submissions', async () => {
    const { page } = member;
    await page.goto(`${server.url}/agents/${agentId}/forms`);
    const row = page.getByRole('row', { name: /Book a visit/ });
    await expect.poll(() => row.getByRole('link', { name: '2' }).isVisible()).toBe(true);
    await row.getByRole('link', { name: '2' }).click();
    await page.waitForURL(/\/submissions/);
    await expect
      .poll(() => page.getByRole('cell', { name: 'From the embed' }).isVisible())
      .toBe(true);
    await page.getByLabel('Search submissions').fill('check-up');
    await expect
      .poll(() => page.getByRole('cell', { name: 'From the embed' }).isVisible())
      .toBe(false);
    await expect
      .poll(() => page.getByRole('cell', { name: 'A check-up next week, please.' }).isVisible())
      .toBe(true);
    await screenshot(page, 'forms-submissions');
    await page.getByRole('link', { name: 'Open contact' }).first().click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}/);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Vera Visitor' }).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('+447911123456').first().isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'Forms' }).click();
    const submission = page.getByTestId('contact-submission');
    await expect.poll(() => submission.getByText('Book a visit').isVisible()).toBe(true);
    await expect
      .poll(() => submission.getByText('A check-up next week, please.').isVisible())
      .toBe(true);
    await expect.poll(() => submission.getByText('Visitor & Co').isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'General' }).click();
    await expect.poll(() => page.getByLabel('Company').inputValue()).toBe('Visitor & Co');

    await page.goto(`${server.url}/agents/${agentId}/contacts`);
    await expect
      .poll(() => page.getByRole('cell', { name: 'eli@example.com' }).isVisible())
      .toBe(true);
  });

  it('an unpublished form is gone for visitors', async () => {
    const { page } = member;
    await page.goto(`${server.url}/agents/${agentId}/forms`);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('switch', { name: 'Published' }).click();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Published' }).isChecked())
      .toBe(false);
    await expect.poll(() => page.getByText('Draft', { exact: true }).isVisible()).toBe(true);
    const response = await visitor.page.goto(formUrl);
    expect(response?.status()).toBe(404);
    await expect.poll(() => visitor.page.getByText('Form not found').isVisible()).toBe(true);
  });
});
