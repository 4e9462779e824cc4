import { Center, Container, Group, Paper, Text, ThemeIcon } from '@mantine/core';
import { IconMessageChatbot } from '@tabler/icons-react';
import { Outlet } from 'react-router';

/** The centered card around setup, sign-in, sign-up and invitation screens. */
export function AuthLayout() {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Container size={440} w="100%">
        <Group justify="center" gap="xs" mb="lg">
          <ThemeIcon size="lg" radius="md" variant="filled">
            <IconMessageChatbot size={20} />
          </ThemeIcon>
          <Text fw={700} size="lg">
            Agent CRM
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Outlet />
        </Paper>
      </Container>
    </Center>
  );
}
