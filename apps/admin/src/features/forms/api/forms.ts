import {
  ContactSubmissionSchema,
  FormListItemSchema,
  FormSchema,
  FormSubmissionSchema,
  pageOf,
  type FormPatch,
  type FormWrite,
} from '@agent-crm/contracts';
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiRequest, buildApiUrl } from '../../../lib/api-client';

const FormListSchema = pageOf(FormListItemSchema);
const SubmissionPageSchema = pageOf(FormSubmissionSchema);
const ContactSubmissionListSchema = pageOf(ContactSubmissionSchema);

export const formKeys = {
  all: ['forms'] as const,
  list: (agentId: string) => [...formKeys.all, agentId, 'list'] as const,
  one: (agentId: string, formId: string) => [...formKeys.all, agentId, formId] as const,
  submissions: (agentId: string, formId: string, q: string) =>
    [...formKeys.all, agentId, formId, 'submissions', q] as const,
  contact: (agentId: string, contactId: string) =>
    ['contact-submissions', agentId, contactId] as const,
};

function formsPath(agentId: string, formId?: string): string {
  const base = `/agents/${encodeURIComponent(agentId)}/forms`;
  return formId ? `${base}/${encodeURIComponent(formId)}` : base;
}

export function formsQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: formKeys.list(agentId),
    queryFn: ({ signal }) =>
      apiRequest(formsPath(agentId), { query: { limit: 200 }, schema: FormListSchema, signal }),
  });
}

export function useForms(agentId: string) {
  return useQuery(formsQueryOptions(agentId));
}

export function useForm(agentId: string, formId: string) {
  return useQuery({
    queryKey: formKeys.one(agentId, formId),
    queryFn: ({ signal }) => apiRequest(formsPath(agentId, formId), { schema: FormSchema, signal }),
  });
}

export function useCreateForm(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FormWrite) =>
      apiRequest(formsPath(agentId), { method: 'POST', body, schema: FormSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formKeys.list(agentId) }),
  });
}

export function useUpdateForm(agentId: string, formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FormPatch) =>
      apiRequest(formsPath(agentId, formId), { method: 'PATCH', body, schema: FormSchema }),
    meta: { handlesErrors: true },
    onSuccess: (form) => {
      queryClient.setQueryData(formKeys.one(agentId, formId), form);
      return queryClient.invalidateQueries({ queryKey: formKeys.list(agentId) });
    },
  });
}

export function useDeleteForm(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) => apiRequest(formsPath(agentId, formId), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formKeys.list(agentId) }),
  });
}

export function useDuplicateForm(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) =>
      apiRequest(`${formsPath(agentId, formId)}/duplicate`, { method: 'POST', schema: FormSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formKeys.list(agentId) }),
  });
}

export function useSubmissions(agentId: string, formId: string, q: string, cursor?: string) {
  return useQuery({
    queryKey: [...formKeys.submissions(agentId, formId, q), cursor ?? ''],
    queryFn: ({ signal }) =>
      apiRequest(`${formsPath(agentId, formId)}/submissions`, {
        query: { q, limit: 50, cursor },
        schema: SubmissionPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV download's address (a plain link: the browser streams it to a file). */
export function submissionsCsvUrl(agentId: string, formId: string, q: string): string {
  return buildApiUrl(`${formsPath(agentId, formId)}/submissions.csv`, { q });
}

export function useContactSubmissions(agentId: string, contactId: string) {
  return useQuery({
    queryKey: formKeys.contact(agentId, contactId),
    queryFn: ({ signal }) =>
      apiRequest(
        `/agents/${encodeURIComponent(agentId)}/contacts/${encodeURIComponent(contactId)}/submissions`,
        { schema: ContactSubmissionListSchema, signal },
      ),
  });
}

/** The hosted page and embed snippet of a form, for the share panel. */
export function shareLinks(slug: string, title: string) {
  const origin = window.location.origin;
  const url = `${origin}/f/${slug}`;
  const safeTitle = title.replace(/[<>"&]/g, '');
  const embed = `<iframe src="${url}?embed=1" title="${safeTitle}" data-agentcrm-form="${slug}" style="width:100%;border:0;min-height:480px" loading="lazy"></iframe>
<script>window.addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="agentcrm-form-height")return;document.querySelectorAll('iframe[data-agentcrm-form="'+d.slug+'"]').forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})});</script>`;
  return { url, embed };
}
