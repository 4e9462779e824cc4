import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, redirect } from 'react-router';
import { agentsQueryOptions } from '../features/agents/api/agents';
import { meQueryOptions, setupStatusQueryOptions } from '../lib/auth';
import { pickAgentId } from './last-agent';
import { AgentScope } from './layouts/agent-scope';
import { AppLayout } from './layouts/app-layout';
import { AuthLayout } from './layouts/auth-layout';
import { FullPageLoader } from './layouts/full-page-loader';
import { RouteError } from './layouts/route-error';

/** Where someone without a session belongs: the first-run setup, or sign-in. */
async function signedOutDestination(queryClient: QueryClient): Promise<string> {
  const status = await queryClient.query(setupStatusQueryOptions);
  return status.isSetUp ? '/sign-in' : '/setup';
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteError,
      HydrateFallback: FullPageLoader,
      children: [
        {
          Component: AuthLayout,
          children: [
            {
              path: 'setup',
              loader: async () => {
                const status = await queryClient.query(setupStatusQueryOptions);
                return status.isSetUp ? redirect('/sign-in') : null;
              },
              lazy: () => import('./routes/setup').then((m) => ({ Component: m.SetupRoute })),
            },
            {
              path: 'sign-in',
              loader: async () => {
                const me = await queryClient.query(meQueryOptions);
                if (me) return redirect('/');
                const status = await queryClient.query(setupStatusQueryOptions);
                return status.isSetUp ? null : redirect('/setup');
              },
              lazy: () => import('./routes/sign-in').then((m) => ({ Component: m.SignInRoute })),
            },
            {
              path: 'sign-up',
              lazy: () => import('./routes/sign-up').then((m) => ({ Component: m.SignUpRoute })),
            },
            {
              path: 'accept-invitation',
              lazy: () =>
                import('./routes/accept-invitation').then((m) => ({
                  Component: m.AcceptInvitationRoute,
                })),
            },
          ],
        },
        {
          path: '/',
          Component: AppLayout,
          loader: async () => {
            const me = await queryClient.query(meQueryOptions);
            return me ? null : redirect(await signedOutDestination(queryClient));
          },
          children: [
            {
              index: true,
              // Opens the agent last worked in; the page itself only shows when there is none.
              loader: async () => {
                if (!(await queryClient.query(meQueryOptions))) return null;
                const agents = await queryClient.query(agentsQueryOptions());
                const agentId = pickAgentId(agents.data.map((agent) => agent.id));
                return agentId ? redirect(`/agents/${agentId}/contacts`) : null;
              },
              lazy: () => import('./routes/home').then((m) => ({ Component: m.HomeRoute })),
            },
            {
              path: 'agents/:agentId',
              Component: AgentScope,
              children: [
                { index: true, loader: () => redirect('contacts') },
                {
                  path: 'contacts',
                  lazy: () =>
                    import('./routes/contacts').then((m) => ({ Component: m.ContactsRoute })),
                },
                {
                  path: 'contacts/board',
                  lazy: () =>
                    import('./routes/contacts-board').then((m) => ({
                      Component: m.ContactsBoardRoute,
                    })),
                },
                {
                  path: 'contacts/:contactId',
                  lazy: () =>
                    import('./routes/contact-detail').then((m) => ({
                      Component: m.ContactDetailRoute,
                    })),
                },
                {
                  path: 'forms',
                  lazy: () => import('./routes/forms').then((m) => ({ Component: m.FormsRoute })),
                },
                {
                  path: 'forms/:formId',
                  lazy: () =>
                    import('./routes/form-builder').then((m) => ({
                      Component: m.FormBuilderRoute,
                    })),
                },
                {
                  path: 'forms/:formId/submissions',
                  lazy: () =>
                    import('./routes/form-submissions').then((m) => ({
                      Component: m.FormSubmissionsRoute,
                    })),
                },
                {
                  path: 'automations',
                  lazy: () =>
                    import('./routes/automations').then((m) => ({
                      Component: m.AutomationsRoute,
                    })),
                },
                {
                  path: 'crm-settings',
                  lazy: () =>
                    import('./routes/crm-settings').then((m) => ({
                      Component: m.CrmSettingsRoute,
                    })),
                },
                {
                  path: 'conversations',
                  lazy: () =>
                    import('./routes/conversations').then((m) => ({
                      Component: m.ConversationsRoute,
                    })),
                },
                {
                  path: 'settings',
                  lazy: () =>
                    import('./routes/agent-settings').then((m) => ({
                      Component: m.AgentSettingsRoute,
                    })),
                },
              ],
            },
            {
              path: 'settings',
              children: [
                { index: true, loader: () => redirect('/settings/profile') },
                {
                  path: 'members',
                  lazy: () =>
                    import('./routes/members').then((m) => ({ Component: m.MembersRoute })),
                },
                {
                  path: 'audit-log',
                  lazy: () =>
                    import('./routes/audit-log').then((m) => ({ Component: m.AuditLogRoute })),
                },
                {
                  path: 'outbox',
                  lazy: () => import('./routes/outbox').then((m) => ({ Component: m.OutboxRoute })),
                },
                {
                  path: 'profile',
                  lazy: () =>
                    import('./routes/profile').then((m) => ({ Component: m.ProfileRoute })),
                },
                {
                  path: 'organization',
                  lazy: () =>
                    import('./routes/organization').then((m) => ({
                      Component: m.OrganizationRoute,
                    })),
                },
              ],
            },
            {
              path: '*',
              lazy: () =>
                import('./routes/not-found').then((m) => ({ Component: m.NotFoundRoute })),
            },
          ],
        },
      ],
    },
  ]);
}
