import { Anchor, Text } from '@mantine/core';
import { splitLinks } from './split-links';

/** Plain text with its http(s) URLs as clickable links; nothing is parsed as HTML. */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {splitLinks(text).map((part, index) =>
        part.kind === 'link' ? (
          <Anchor key={index} href={part.value} rel="noreferrer">
            {part.value}
          </Anchor>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </Text>
  );
}
