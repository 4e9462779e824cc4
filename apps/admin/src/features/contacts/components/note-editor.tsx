import '@mantine/tiptap/styles.css';
import { Button, Group, Stack } from '@mantine/core';
import { Link, RichTextEditor } from '@mantine/tiptap';
import { useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';

interface NoteEditorProps {
  initialHtml?: string;
  submitLabel: string;
  isPending: boolean;
  /** Resolves true when saved, so the editor empties for the next note. */
  onSubmit: (html: string) => Promise<boolean>;
  onCancel?: () => void;
}

/** The rich text editor of notes: headings, bold, italic, lists and links. Loaded on demand. */
export function NoteEditor({
  initialHtml = '',
  submitLabel,
  isPending,
  onSubmit,
  onCancel,
}: NoteEditorProps) {
  const editor = useEditor({
    // StarterKit's own link mark is replaced by Mantine's, which the link control works with.
    extensions: [StarterKit.configure({ link: false }), Link.configure({ openOnClick: false })],
    content: initialHtml,
    editorProps: {
      attributes: { 'aria-label': 'Note', role: 'textbox', 'aria-multiline': 'true' },
    },
  });
  const isEmpty = useEditorState({ editor, selector: ({ editor: current }) => current.isEmpty });

  const submit = async () => {
    if (editor.isEmpty) return;
    if (await onSubmit(editor.getHTML())) editor.commands.clearContent();
  };

  return (
    <Stack gap="xs">
      <RichTextEditor editor={editor}>
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 />
            <RichTextEditor.H3 />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content mih={100} />
      </RichTextEditor>
      <Group justify="flex-end" gap="sm">
        {onCancel ? (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button loading={isPending} disabled={isEmpty} onClick={() => void submit()}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
