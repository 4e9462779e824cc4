import { Anchor, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconArrowLeft, IconDownload, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { submissionsCsvUrl, useForm, useSubmissions } from '../../features/forms/api/forms';
import { SubmissionsTable } from '../../features/forms/components/submissions-table';

export function FormSubmissionsRoute() {
  const { agentId = '', formId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const [cursors, setCursors] = useState<string[]>([]);
  const form = useForm(agentId, formId);
  const applySearch = useDebouncedCallback((value: string) => {
    const search = value.trim();
    setParams(search ? { q: search } : {}, { replace: true });
    setCursors([]);
  }, 300);
  const submissions = useSubmissions(agentId, formId, q, cursors.at(-1));

  if (form.isError) return <QueryError error={form.error} onRetry={() => void form.refetch()} />;
  if (form.isPending) return <Loader m="xl" />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/agents/${agentId}/forms/${formId}`} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Back to the form
        </Group>
      </Anchor>
      <PageHeader
        title={`Submissions: ${form.data.title}`}
        description={`${String(form.data.submissionCount)} in total`}
        actions={
          <Button
            component="a"
            href={submissionsCsvUrl(agentId, formId, q)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Export CSV
          </Button>
        }
      />
      <TextInput
        aria-label="Search submissions"
        placeholder="Search the answers"
        leftSection={<IconSearch size={16} />}
        value={typed}
        onChange={(event) => {
          setTyped(event.currentTarget.value);
          applySearch(event.currentTarget.value);
        }}
        maw={360}
      />
      {submissions.isPending ? (
        <Loader />
      ) : submissions.isError ? (
        <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />
      ) : submissions.data.data.length === 0 ? (
        <Text c="dimmed">{q ? 'No submission matches this search.' : 'No submissions yet.'}</Text>
      ) : (
        <>
          <SubmissionsTable
            agentId={agentId}
            form={form.data}
            submissions={submissions.data.data}
          />
          <Group>
            {cursors.length > 0 ? (
              <Button
                variant="default"
                onClick={() => {
                  setCursors(cursors.slice(0, -1));
                }}
              >
                Newer
              </Button>
            ) : null}
            {submissions.data.nextCursor ? (
              <Button
                variant="default"
                onClick={() => {
                  const next = submissions.data.nextCursor;
                  if (next) setCursors([...cursors, next]);
                }}
              >
                Older
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </Stack>
  );
}
