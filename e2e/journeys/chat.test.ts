import http from 'node:http';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpThroughApi } from '../support/api';
import { openBrowser, screenshot, type Browser } from '../support/browser';
import { freePort, startServer, type RunningServer } from '../support/server';

/**
 * A visitor on a customer's site chats with the embedded widget and leaves their details; the
 * member then finds them in the CRM: a contact "via Chat" with the transcript on its Chat tab,
 * and the person in Conversations. No LLM is configured: the rule-based assistant answers.
 */
let server: RunningServer;
let browser: Browser;
let site: http.Server;
let siteUrl = '';
let agentId = '';
let visitor: Page;

/** A plain page on another origin whose own styles try hard to reach into the widget. */
function customerPage(serverUrl: string, id: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Harbour Dental</title>
<style>
  * { font-family: serif !important; color: rgb(255, 0, 0) !important; }
  div, button, textarea, section { display: none !important; }
</style></head>
<body>
<h1>Harbour Dental</h1>
<p id="page-text">Book your check-up.</p>
<script src="${serverUrl}/embed.js" data-agent-id="${id}" async></script>
</body></html>`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  ({ agentId } = await setUpThroughApi(browser.context.request, server.url));
  const patched = await browser.context.request.patch(`${server.url}/api/v1/agents/${agentId}`, {
    headers: { origin: server.url },
    data: {
      visibility: 'public',
      accessMode: 'free',
      welcomeMessage: 'Welcome to Harbour Dental!',
      suggestedQuestions: ['Opening hours?'],
    },
  });
  if (patched.status() !== 200) throw new Error(`agent patch: ${await patched.text()}`);
  const port = await freePort();
  site = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(customerPage(server.url, agentId));
  });
  await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${port}/`;
  visitor = await browser.context.newPage();
});
afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
  await browser.close();
  await server.stop();
});

/** Sends one message with Enter and waits for the streamed reply; returns the reply's text. */
async function say(text: string): Promise<{ reply: string; deltas: number }> {
  const before = await visitor.locator('.m.assistant').count();
  const streamed = visitor.waitForResponse(
    (response: Response) =>
      response.url().endsWith('/messages') && response.request().method() === 'POST',
  );
  const input = visitor.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await input.press('Enter');
  const response = await streamed;
  expect(response.headers()['content-type']).toContain('text/event-stream');
  const body = await response.text();
  const deltas = body.split('event: delta').length - 1;
  const answer = visitor.locator('.m.assistant').nth(before);
  // The reply is final once its actions (copy, like, dislike) appear.
  await answer.getByRole('button', { name: 'Helpful', exact: true }).waitFor();
  return { reply: (await answer.locator('.t').textContent()) ?? '', deltas };
}

describe('chat journey', () => {
  it('shows the bubble on a plain page, untouched by its styles and leaking none', async () => {
    await visitor.goto(siteUrl);
    const launcher = visitor.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    expect(await launcher.isVisible()).toBe(true);
    // The page's red, serif everything stops at the shadow root.
    const launcherColor = await launcher.evaluate((node) => getComputedStyle(node).color);
    expect(launcherColor).toBe('rgb(255, 255, 255)');
    // And the widget's own rules (e.g. margin: 0 on everything) do not reach the page.
    const pageMargin = await visitor
      .locator('#page-text')
      .evaluate((node) => getComputedStyle(node).marginTop);
    expect(pageMargin).not.toBe('0px');
  });

  it('opens with the keyboard, greets, and suggests questions', async () => {
    const launcher = visitor.getByRole('button', { name: 'Open chat' });
    await launcher.focus();
    await visitor.keyboard.press('Enter');
    const dialog = visitor.getByRole('dialog', { name: 'Chat with Reception' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByText('Welcome to Harbour Dental!').isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Opening hours?' }).isVisible()).toBe(true);
    // Focus moves into the message box, ready to type.
    await expect
      .poll(() =>
        visitor.getByRole('textbox', { name: 'Message' }).evaluate((n) => n.matches(':focus')),
      )
      .toBe(true);
  });

  it('chats: streamed replies ask for, then take, the name, email and phone', async () => {
    const hello = await say('Hi');
    expect(hello.deltas).toBeGreaterThan(1);
    expect(hello.reply.toLowerCase()).toContain('name');
    // Suggested questions go away once the visitor has spoken.
    expect(await visitor.getByRole('button', { name: 'Opening hours?' }).isVisible()).toBe(false);

    const named = await say("I'm Dana Scully");
    expect(named.reply).toContain('Dana');
    expect(named.reply.toLowerCase()).toContain('email');

    const emailed = await say('dana@fbi.gov');
    expect(emailed.reply.toLowerCase()).toContain('phone');

    const phoned = await say('+44 7911 123456');
    expect(phoned.reply).toMatch(/thank/i);
    await screenshot(visitor, 'chat-widget-conversation');
  });

  it('likes an answer, and Escape closes the panel back to the bubble', async () => {
    const last = visitor.locator('.m.assistant').last();
    const like = last.getByRole('button', { name: 'Helpful', exact: true });
    const saved = visitor.waitForResponse((response) => response.url().endsWith('/feedback'));
    await like.click();
    expect((await saved).status()).toBe(204);
    expect(await like.getAttribute('aria-pressed')).toBe('true');

    await visitor.getByRole('textbox', { name: 'Message' }).press('Escape');
    await expect.poll(() => visitor.getByRole('dialog').count()).toBe(0);
    await expect
      .poll(() =>
        visitor
          .getByRole('button', { name: 'Open chat' })
          .evaluate((node) => node.matches(':focus')),
      )
      .toBe(true);
  });

  it('continues the same conversation after a reload', async () => {
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const dialog = visitor.getByRole('dialog', { name: 'Chat with Reception' });
    await expect
      .poll(() => dialog.getByText('dana@fbi.gov', { exact: true }).isVisible())
      .toBe(true);
    expect(
      await dialog
        .getByRole('button', { name: 'Helpful', exact: true })
        .last()
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('shows the contact "via Chat" with the transcript on its Chat tab', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/agents/${agentId}/contacts`);
    const row = page.getByRole('row', { name: /dana@fbi\.gov/ });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.getByRole('cell', { name: 'dana@fbi.gov' }).isVisible()).toBe(true);
    expect(await row.getByRole('cell', { name: 'via Chat', exact: true }).isVisible()).toBe(true);
    await row.getByRole('cell', { name: 'dana@fbi.gov' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}/);
    expect(await page.getByTestId('contact-source').textContent()).toBe('via Chat');
    await page.getByRole('tab', { name: 'Chat' }).click();
    const transcript = page.getByRole('log', { name: 'Transcript' });
    await expect.poll(() => transcript.getByText("I'm Dana Scully").isVisible()).toBe(true);
    expect(await transcript.getByText('dana@fbi.gov', { exact: true }).isVisible()).toBe(true);
    expect(await transcript.getByLabel('Liked').count()).toBe(1);
    await screenshot(page, 'chat-contact-tab');
    // The full name, as given in "I'm Dana Scully".
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Dana Scully');
  });

  it('lists the person in Conversations, and a new message arrives live', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/agents/${agentId}/conversations`);
    const person = page.getByTestId('chat-person').filter({ hasText: 'dana@fbi.gov' });
    await person.click();
    const transcript = page.getByRole('log', { name: 'Transcript' });
    await expect
      .poll(() => transcript.getByText('dana@fbi.gov', { exact: true }).isVisible())
      .toBe(true);

    // The visitor writes again; the open transcript picks it up without a reload.
    // (The widget is still open from the reload above.)
    await say('Do you open on Saturdays?');
    await expect
      .poll(() => transcript.getByText('Do you open on Saturdays?').isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    // Search narrows the people list.
    await page.getByRole('textbox', { name: 'Search people' }).fill('nobody-like-this');
    await expect.poll(() => page.getByText('Nobody matches this search.').isVisible()).toBe(true);
    await screenshot(page, 'chat-conversations');
  });
  it('shows the embed snippet and share link, and the playground chats with the agent', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/agents/${agentId}/settings`);
    const snippet = page.getByRole('textbox', { name: 'Embed snippet' });
    expect(await snippet.inputValue()).toBe(
      `<script src="${server.url}/embed.js" data-agent-id="${agentId}" async></script>`,
    );
    expect(await page.getByRole('textbox', { name: 'Share link' }).inputValue()).toBe(
      `${server.url}/chat/${agentId}`,
    );
    const input = page.getByRole('textbox', { name: 'Playground message' });
    await input.fill('Hello from the team');
    await input.press('Enter');
    const log = page.getByRole('log', { name: 'Playground messages' });
    await expect.poll(() => log.getByText('Hello from the team').isVisible()).toBe(true);
    await expect.poll(() => log.getByText(/your name/).count()).toBeGreaterThan(0);
  });

  it('serves the share page in full-page mode, and says when an agent is private', async () => {
    const share = await browser.context.newPage();
    await share.goto(`${server.url}/chat/${agentId}`);
    const region = share.getByRole('region', { name: 'Chat with Reception' });
    await region.waitFor();
    const input = share.getByRole('textbox', { name: 'Message' });
    await input.fill('Hello from the share page');
    await input.press('Enter');
    await region.getByRole('button', { name: 'Helpful', exact: true }).last().waitFor();
    expect(await share.title()).toBe('Reception');

    const created = await browser.context.request.post(`${server.url}/api/v1/agents`, {
      headers: { origin: server.url },
      data: { name: 'Back office', defaultCountry: 'GB', visibility: 'private' },
    });
    const privateId = ((await created.json()) as { id: string }).id;
    await share.goto(`${server.url}/chat/${privateId}`);
    await expect.poll(() => share.getByText('This agent is private.').isVisible()).toBe(true);
    expect(await share.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);

    // Restrict: the agent is public, but only signed-in customers may chat.
    const restricted = await browser.context.request.post(`${server.url}/api/v1/agents`, {
      headers: { origin: server.url },
      data: {
        name: 'Members desk',
        defaultCountry: 'GB',
        visibility: 'public',
        accessMode: 'restricted',
      },
    });
    const restrictedId = ((await restricted.json()) as { id: string }).id;
    await share.goto(`${server.url}/chat/${restrictedId}`);
    const message = share.getByRole('textbox', { name: 'Message' });
    await share.getByRole('region', { name: 'Chat with Members desk' }).waitFor();
    await message.fill('Can I book?');
    await message.press('Enter');
    await expect
      .poll(() => share.getByText('Sign in to chat with this agent.').isVisible())
      .toBe(true);
    // Nothing was sent: the text is back in the box, no message bubble stays behind.
    expect(await message.inputValue()).toBe('Can I book?');
    expect(await share.locator('.m.user').count()).toBe(0);
    await share.close();
  });

  it('renders inline from code on the customer page, and destroy() removes every chat', async () => {
    await visitor.evaluate((id) => {
      const api = (window as unknown as { AgentCRM: { init: (o: object) => unknown } }).AgentCRM;
      api.init({ agentId: id, mode: 'inline', target: '#page-text' });
    }, agentId);
    await visitor.getByRole('region', { name: 'Chat with Reception' }).waitFor();
    expect(await visitor.locator('agent-crm-chat').count()).toBe(2);
    await visitor.evaluate(() => {
      (window as unknown as { AgentCRM: { destroy: () => void } }).AgentCRM.destroy();
    });
    expect(await visitor.locator('agent-crm-chat').count()).toBe(0);
  });
});
