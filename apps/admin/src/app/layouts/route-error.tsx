import { Button, Center, EmptyState, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { describeError } from '../../lib/notify';

/** Last-resort screen for errors thrown while loading or rendering a route. */
export function RouteError() {
  const error = useRouteError();
  const isNotFound = isRouteErrorResponse(error) && error.status === 404;
  const { title, message } = isNotFound
    ? { title: 'Page not found', message: 'There is nothing at this address.' }
    : describeError(error);

  return (
    <Center mih="100vh" p="md">
      <EmptyState
        variant="light"
        color={isNotFound ? undefined : 'red'}
        icon={<IconAlertTriangle size={28} />}
        title={title}
        description={message}
      >
        <EmptyState.Actions>
          <Group>
            <Button component="a" href="/" variant="default">
              Go to the start page
            </Button>
            <Button
              onClick={() => {
                window.location.reload();
              }}
            >
              Reload
            </Button>
          </Group>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
