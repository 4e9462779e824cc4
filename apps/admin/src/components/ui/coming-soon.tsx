import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from './page-header';

interface ComingSoonProps {
  title: string;
  description: string;
  icon: ReactNode;
}

/** A placeholder screen for a part of the product that is not built yet. */
export function ComingSoon({ title, description, icon }: ComingSoonProps) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState
        mt="xl"
        variant="light"
        size="lg"
        icon={icon}
        title="Coming soon"
        description={description}
      />
    </>
  );
}
