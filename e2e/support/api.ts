import type { APIRequestContext } from 'playwright-core';

/**
 * Set-up steps a journey does not need to click through again (the foundation journey clicks
 * them): calls go through the browser context's request API, so its cookies are the page's.
 */
export async function setUpThroughApi(
  request: APIRequestContext,
  serverUrl: string,
): Promise<{ agentId: string }> {
  const headers = { origin: serverUrl };
  const setup = await request.post(`${serverUrl}/api/v1/setup`, {
    headers,
    data: {
      organizationName: 'Harbour Dental',
      name: 'Hana Harbour',
      email: 'hana@example.com',
      password: 'correct horse battery',
    },
  });
  if (setup.status() !== 201) throw new Error(`setup failed: ${await setup.text()}`);
  const agent = await request.post(`${serverUrl}/api/v1/agents`, {
    headers,
    data: { name: 'Reception', defaultCountry: 'GB' },
  });
  const body: unknown = await agent.json();
  if (
    agent.status() !== 201 ||
    !body ||
    typeof body !== 'object' ||
    !('id' in body) ||
    typeof body.id !== 'string'
  ) {
    throw new Error(`agent creation failed: ${JSON.stringify(body)}`);
  }
  return { agentId: body.id };
}
