import { Center, Loader } from '@mantine/core';

/** Shown while the first route's data loads. */
export function FullPageLoader() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}
