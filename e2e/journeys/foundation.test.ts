import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type Browser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

/**
 * A new user's first session: set up the organization, sign in, create an agent, invite a
 * colleague, who accepts from the outbox link and sees only what a User may.
 */
let server: RunningServer;
let owner: Browser;
let member: Browser;

beforeAll(async () => {
  server = await startServer();
  owner = await openBrowser();
  member = await openBrowser();
});
afterAll(async () => {
  await member.close();
  await owner.close();
  await server.stop();
});

const OWNER = { email: 'olivia@example.com', password: 'correct horse battery' };
const MEMBER = { email: 'uma@example.com', password: 'another good password' };

describe('foundation journey', () => {
  let acceptUrl = '';

  it('sets up the organization on first visit', async () => {
    const { page } = owner;
    await page.goto(server.url);
    await page.waitForURL('**/setup');
    await page.getByLabel('Organization name').fill('Sunrise Clinic');
    await page.getByLabel('Your name').fill('Olivia Owner');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect.poll(() => page.getByText('Sunrise Clinic').first().isVisible()).toBe(true);
    await screenshot(page, 'after-setup');
  });

  it('signs out and back in', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: /Olivia/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Wrong email or password').isVisible()).toBe(true);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Sunrise Clinic').first().isVisible()).toBe(true);
  });

  it('creates an agent and sees its CRM group', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'Create agent' }).first().click();
    await page.getByLabel('Agent name').fill('Front desk');
    await page.getByRole('dialog').getByRole('button', { name: 'Create agent' }).click();
    await page.waitForURL(/\/agents\/[0-9a-f-]{36}\//);
    for (const name of ['Contacts', 'Forms', 'Automations', 'Conversations']) {
      await expect.poll(() => page.getByRole('link', { name }).first().isVisible()).toBe(true);
    }
    await page.getByRole('link', { name: 'Contacts' }).first().click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Add contact' }).first().isVisible())
      .toBe(true);
    await screenshot(page, 'agent-contacts');
    // Forms has landed: a new agent's Forms screen invites the first form.
    await page.getByRole('link', { name: 'Forms' }).first().click();
    await expect.poll(() => page.getByText('No forms yet').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'New form' }).isVisible()).toBe(true);
  });

  it('invites a member, whose link lands in the outbox', async () => {
    const { page } = owner;
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill(MEMBER.email);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect
      .poll(() => page.getByLabel('Invitation link').inputValue())
      .toContain('/accept-invitation?token=');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.getByText(MEMBER.email).first().click();
    const link = page.getByRole('link', { name: /accept-invitation/ });
    acceptUrl = (await link.getAttribute('href')) ?? '';
    expect(acceptUrl).toContain(`${server.url}/accept-invitation?token=`);
    await screenshot(page, 'outbox');
  });

  it('the member accepts, signs in and sees only what a User may', async () => {
    const { page } = member;
    await page.goto(acceptUrl);
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(MEMBER.email);
    await page.getByLabel('Your name').fill('Uma User');
    await page.getByLabel('Password').fill(MEMBER.password);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect.poll(() => page.getByText('Sunrise Clinic').first().isVisible()).toBe(true);

    // No agent is shared with a new User, and the owner-only parts are not offered.
    await expect
      .poll(() =>
        page
          .getByText(/no agents? (is |are )?shared with you/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await page.getByRole('button', { name: 'Create agent' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Outbox' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Members' }).click();
    await expect.poll(() => page.getByText(OWNER.email).first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
    await screenshot(page, 'member-view');

    // The server agrees with the screen.
    const outbox = await page.evaluate(async () => (await fetch('/api/v1/outbox')).status);
    expect(outbox).toBe(403);
  });
});
