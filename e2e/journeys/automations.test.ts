import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpThroughApi } from '../support/api';
import { openBrowser, screenshot, type Browser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

/**
 * An owner sets up "contact created" automations: manually created contacts go round robin to two
 * admins and start as Prospects; chat captures go to one chosen admin. Contacts added by hand and
 * captured by the agent then show the owners rotating, the stage set, the steps in Activity and
 * the assignment emails in the outbox.
 */
let server: RunningServer;
let browser: Browser;
let agentId = '';
const admins = {
  ada: { name: 'Ada Adams', email: 'ada@example.com', id: '' },
  ben: { name: 'Ben Brown', email: 'ben@example.com', id: '' },
};

async function json(response: { status: () => number; json: () => Promise<unknown> }) {
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status(), body };
}

/**
 * Invites a member and accepts the invitation, by default from another "browser" (no shared
 * cookies); with `acceptWith`, from that browser context, which is then signed in as them.
 */
async function invite(
  request: APIRequestContext,
  person: { name: string; email: string },
  role: 'admin' | 'user',
  acceptWith?: APIRequestContext,
): Promise<void> {
  const invitation = await json(
    await request.post(`${server.url}/api/v1/invitations`, {
      headers: { origin: server.url },
      data: { email: person.email, role },
    }),
  );
  expect(invitation.status).toBe(201);
  const token = new URL(String(invitation.body.acceptUrl)).searchParams.get('token') ?? '';
  const body = { token, name: person.name, password: 'correct horse battery' };
  if (acceptWith) {
    const accepted = await acceptWith.post(`${server.url}/api/v1/invitations/accept`, {
      headers: { origin: server.url },
      data: body,
    });
    expect(accepted.status()).toBe(201);
    return;
  }
  const accepted = await fetch(`${server.url}/api/v1/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
  expect(accepted.status).toBe(201);
}

async function contactsByEmail(): Promise<
  Map<string, { id: string; ownerId: string | null; stage: string; source: string }>
> {
  const response = await browser.context.request.get(
    `${server.url}/api/v1/agents/${agentId}/contacts?limit=100`,
  );
  const body = (await response.json()) as {
    data: { id: string; email: string; ownerId: string | null; stage: string; source: string }[];
  };
  return new Map(body.data.map((contact) => [contact.email, contact]));
}

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser();
  const { request } = browser.context;
  ({ agentId } = await setUpThroughApi(request, server.url));
  await invite(request, admins.ada, 'admin');
  await invite(request, admins.ben, 'admin');
  const members = (await (await request.get(`${server.url}/api/v1/members`)).json()) as {
    data: { id: string; email: string }[];
  };
  for (const admin of Object.values(admins)) {
    admin.id = members.data.find((member) => member.email === admin.email)?.id ?? '';
    expect(admin.id).not.toBe('');
  }
});
afterAll(async () => {
  await browser.close();
  await server.stop();
});

const automationsUrl = () => `${server.url}/agents/${agentId}/automations`;
const contactsUrl = () => `${server.url}/agents/${agentId}/contacts`;

async function choose(combobox: ReturnType<Browser['page']['getByRole']>, option: RegExp | string) {
  await combobox.click();
  await browser.page.getByRole('option', { name: option }).click();
}

describe('automations journey', () => {
  it('says the screen needs a desktop-sized window on a small screen', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(automationsUrl());
    await expect
      .poll(() => page.getByText('This screen needs a larger window').isVisible())
      .toBe(true);
    expect(await page.getByRole('tab', { name: 'Owner assignment' }).count()).toBe(0);
    await page.setViewportSize({ width: 1400, height: 900 });
    await expect
      .poll(() => page.getByRole('tab', { name: 'Owner assignment' }).isVisible())
      .toBe(true);
  });

  it('configures round robin for manually created contacts, refusing a pool of one', async () => {
    const { page } = browser;
    await expect
      .poll(() => page.getByRole('heading', { name: 'Contact created' }).isVisible())
      .toBe(true);
    const primary = page.getByRole('region', { name: 'Primary owner' });
    const secondary = page.getByRole('region', { name: 'Secondary owner' });

    await choose(primary.getByRole('combobox', { name: 'Strategy' }), 'Round robin');
    await choose(primary.getByRole('combobox', { name: 'Add to the pool' }), /Ada Adams/);
    await page.getByRole('button', { name: 'Save automations' }).click();
    await expect
      .poll(() =>
        primary.getByText('Round robin needs at least two members in the pool').isVisible(),
      )
      .toBe(true);

    await choose(primary.getByRole('combobox', { name: 'Add to the pool' }), /Ben Brown/);
    await expect.poll(() => primary.getByText(/needs at least two members/).count()).toBe(0);
    await expect
      .poll(() => primary.getByTestId('pool-member').allTextContents())
      .toEqual(['1.Ada Adams', '2.Ben Brown']);

    // Unsaved edits survive the window being made narrow for a moment.
    await page.setViewportSize({ width: 800, height: 900 });
    await expect
      .poll(() => page.getByText('This screen needs a larger window').isVisible())
      .toBe(true);
    await page.setViewportSize({ width: 1400, height: 900 });
    await expect.poll(() => primary.getByTestId('pool-member').count()).toBe(2);

    // A member of the primary pool is greyed out for the secondary owner, with the reason.
    await choose(secondary.getByRole('combobox', { name: 'Strategy' }), 'Selected member');
    await secondary.getByRole('combobox', { name: 'Member' }).click();
    const ada = page.getByRole('option', { name: /Ada Adams/ });
    await expect.poll(() => ada.textContent()).toContain('Already the primary owner');
    expect(await ada.getAttribute('data-combobox-disabled')).toBe('true');
    await page.keyboard.press('Escape');
    await screenshot(page, 'automations-owner-assignment');
    await choose(secondary.getByRole('combobox', { name: 'Strategy' }), 'No secondary owner');

    await page.getByRole('tab', { name: 'Starting stage' }).click();
    await choose(
      page.getByRole('combobox', { name: 'Starting stage: Manually created' }),
      'Prospect',
    );
    await page.getByRole('button', { name: 'Save automations' }).click();
    await expect.poll(() => page.getByText('Automations saved').isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('button', { name: 'Save automations' }).isDisabled())
      .toBe(true);

    const saved = (await (
      await browser.context.request.get(`${server.url}/api/v1/agents/${agentId}/automations`)
    ).json()) as {
      assignment: { manual: unknown };
      startingStage: { manual: string };
    };
    expect(saved.assignment.manual).toEqual({
      primary: { strategy: 'round_robin', pool: [admins.ada.id, admins.ben.id] },
      secondary: null,
    });
    expect(saved.startingStage.manual).toBe('Prospect');
  });

  it('rotates the owners of contacts added by hand and starts them as Prospects', async () => {
    const { page } = browser;
    await page.goto(contactsUrl());
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Iris One');
    await dialog.getByLabel('Email', { exact: true }).fill('iris@example.com');
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('1');

    // The rest by the API, one after another, so the turn order is known.
    for (const [name, email] of [
      ['Jon Two', 'jon@example.com'],
      ['Kim Three', 'kim@example.com'],
      ['Lea Four', 'lea@example.com'],
    ] as const) {
      const created = await browser.context.request.post(
        `${server.url}/api/v1/agents/${agentId}/contacts`,
        { headers: { origin: server.url }, data: { name, email } },
      );
      expect(created.status()).toBe(201);
    }

    await page.reload();
    await expect.poll(() => page.getByTestId('contact-count').textContent()).toBe('4');
    const expected = [
      ['Iris One', 'Ada Adams'],
      ['Jon Two', 'Ben Brown'],
      ['Kim Three', 'Ada Adams'],
      ['Lea Four', 'Ben Brown'],
    ] as const;
    for (const [name, owner] of expected) {
      const row = page.getByRole('row').filter({ hasText: name });
      await expect.poll(() => row.textContent()).toContain(owner);
      expect(await row.textContent()).toContain('Prospect');
    }
    await screenshot(page, 'automations-contacts-rotated');

    const contacts = await contactsByEmail();
    expect(
      ['iris', 'jon', 'kim', 'lea'].map((who) => contacts.get(`${who}@example.com`)?.ownerId),
    ).toEqual([admins.ada.id, admins.ben.id, admins.ada.id, admins.ben.id]);
  });

  it('shows the automation steps in the contact’s Activity and mails the new owner', async () => {
    const { page } = browser;
    await page.getByRole('cell', { name: 'iris@example.com' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}/);
    await page.getByRole('tab', { name: 'Activity' }).click();
    await expect
      .poll(() => page.getByText('Automation assigned owner Ada Adams').isVisible())
      .toBe(true);
    await expect.poll(() => page.getByText('Automation set stage Prospect').isVisible()).toBe(true);
    await screenshot(page, 'automations-activity');

    const outbox = (await (
      await browser.context.request.get(`${server.url}/api/v1/outbox`)
    ).json()) as {
      data: { to: string; subject: string }[];
    };
    const assigned = outbox.data.filter((mail) => mail.subject.startsWith('New contact assigned'));
    expect(assigned.filter((mail) => mail.to === admins.ada.email)).toHaveLength(2);
    expect(assigned.filter((mail) => mail.to === admins.ben.email)).toHaveLength(2);
    expect(assigned.some((mail) => mail.subject.includes('Iris One'))).toBe(true);
  });

  it('shows a problem only the server can see next to the select it concerns', async () => {
    const { page } = browser;
    const { request } = browser.context;
    await page.goto(automationsUrl());
    await page.getByRole('tab', { name: 'Starting stage' }).click();
    const formStage = page.getByRole('combobox', { name: 'Starting stage: Form' });
    await choose(formStage, 'Old Customer');

    // Meanwhile, someone removes that stage: this page's list of stages is now out of date.
    const settings = (await (
      await request.get(`${server.url}/api/v1/agents/${agentId}/crm-settings`)
    ).json()) as { stages: { id: string; name: string }[] };
    const stageId = (name: string) => settings.stages.find((stage) => stage.name === name)?.id;
    const removed = await request.delete(
      `${server.url}/api/v1/agents/${agentId}/crm-settings/stages/${stageId('Old Customer')}?moveTo=${stageId('Lead')}`,
      { headers: { origin: server.url } },
    );
    expect(removed.ok()).toBe(true);

    await page.getByRole('button', { name: 'Save automations' }).click();
    await expect
      .poll(() => page.getByText(/There is no stage named "Old Customer"/).isVisible())
      .toBe(true);
    expect(await formStage.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'automations-server-error');
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.getByText(/There is no stage named/).count()).toBe(0);
  });

  it('gives a contact the agent captures in a chat to the selected member', async () => {
    const { page } = browser;
    await page.goto(automationsUrl());
    await page.getByText('Captured by the agent', { exact: true }).click();
    await expect
      .poll(() => page.getByRole('radio', { name: 'Captured by the agent' }).isChecked())
      .toBe(true);
    const primary = page.getByRole('region', { name: 'Primary owner' });
    // "Creator of the contact" is only offered for contacts members create by hand.
    await primary.getByRole('combobox', { name: 'Strategy' }).click();
    expect(await page.getByRole('option', { name: /Creator of the contact/ }).count()).toBe(0);
    await page.getByRole('option', { name: /Selected member/ }).click();
    await choose(primary.getByRole('combobox', { name: 'Member' }), /Ben Brown/);
    await page.getByRole('button', { name: 'Save automations' }).click();
    await expect.poll(() => page.getByText('Automations saved').isVisible()).toBe(true);

    const { request } = browser.context;
    const published = await request.patch(`${server.url}/api/v1/agents/${agentId}`, {
      headers: { origin: server.url },
      data: { visibility: 'public' },
    });
    expect(published.status()).toBe(200);

    // A visitor, with no session, talks to the agent through the public chat API. (A real-looking
    // address: the agent deliberately ignores placeholders such as x@y.com.)
    const started = await fetch(`${server.url}/public/v1/agents/${agentId}/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://customer.example' },
      body: '{}',
    });
    expect(started.status).toBe(201);
    const { conversationId, visitorToken } = (await started.json()) as {
      conversationId: string;
      visitorToken: string;
    };
    const sent = await fetch(`${server.url}/public/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://customer.example',
        authorization: `Bearer ${visitorToken}`,
      },
      body: JSON.stringify({
        text: 'Hi, my name is Xena Young. My email is xena@harbourmail.co.uk',
      }),
    });
    expect(sent.status).toBe(200);

    await page.goto(contactsUrl());
    const row = page.getByRole('row').filter({ hasText: 'xena@harbourmail.co.uk' });
    await expect.poll(() => row.textContent()).toContain('Ben Brown');
    expect(await row.textContent()).toContain('via Chat');
    const captured = (await contactsByEmail()).get('xena@harbourmail.co.uk');
    expect(captured).toMatchObject({ ownerId: admins.ben.id, source: 'chat' });
  });

  it('shows the rules read-only to a member with the User role', async () => {
    const { request } = browser.context;
    const user = await openBrowser();
    try {
      await invite(
        request,
        { name: 'Uma User', email: 'uma@example.com' },
        'user',
        user.context.request,
      );
      const members = (await (await request.get(`${server.url}/api/v1/members`)).json()) as {
        data: { id: string; email: string }[];
      };
      const umaId = members.data.find((member) => member.email === 'uma@example.com')?.id ?? '';
      const granted = await request.put(`${server.url}/api/v1/agents/${agentId}/access`, {
        headers: { origin: server.url },
        data: { memberIds: [umaId] },
      });
      expect(granted.ok()).toBe(true);

      const { page } = user;
      await page.goto(automationsUrl());
      await expect
        .poll(() => page.getByText('Only owners and admins can change automations.').isVisible())
        .toBe(true);
      const primary = page.getByRole('region', { name: 'Primary owner' });
      await expect.poll(() => primary.getByTestId('pool-member').count()).toBe(2);
      expect(await primary.getByRole('button', { name: /Remove Ada Adams/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save automations' }).count()).toBe(0);
      expect(
        await primary.getByRole('combobox', { name: 'Strategy' }).getAttribute('readonly'),
      ).not.toBeNull();
      const refused = await page.evaluate(async (url) => {
        const current: unknown = await (await fetch(url)).json();
        const response = await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(current),
        });
        return response.status;
      }, `/api/v1/agents/${agentId}/automations`);
      expect(refused).toBe(403);
    } finally {
      await user.close();
    }
  });
});
