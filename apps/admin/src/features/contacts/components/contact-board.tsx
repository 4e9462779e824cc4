import type { Contact } from '@agent-crm/contracts';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Badge, Card, Group, Loader, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { QueryError } from '../../../components/ui/query-error';
import {
  BOARD_COLUMN_LIMIT,
  useBoardColumn,
  useContactCount,
  useMoveContactStage,
} from '../api/contacts';
import { contactTitle, memberName, type CrmVocabulary } from './vocabulary';

interface ContactBoardProps {
  agentId: string;
  vocabulary: CrmVocabulary;
}

interface CardData {
  contact: Contact;
}

function isCardData(value: unknown): value is CardData {
  return typeof value === 'object' && value !== null && 'contact' in value;
}

function isColumnData(value: unknown): value is { stage: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'stage' in value &&
    typeof value.stage === 'string'
  );
}

/** One column per stage; dragging a card to another column changes the contact's stage. */
export function ContactBoard({ agentId, vocabulary }: ContactBoardProps) {
  const moveStage = useMoveContactStage(agentId);
  const [dragged, setDragged] = useState<Contact | null>(null);
  const sensors = useSensors(
    // A few pixels of movement before dragging, so a click still opens the contact.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  const handleDragStart = (event: DragStartEvent) => {
    const data = event.active.data.current;
    setDragged(isCardData(data) ? data.contact : null);
  };

  const handleDragEnd = (event: DragEndEvent) => {
    setDragged(null);
    const data = event.active.data.current;
    const target: unknown = event.over?.data.current;
    const stage = isColumnData(target) ? target.stage : null;
    if (!isCardData(data) || !stage || stage === data.contact.stage) return;
    moveStage.mutate({ contact: data.contact, stage });
  };

  return (
    <DndContext
      sensors={sensors}
      onDragStart={handleDragStart}
      onDragEnd={handleDragEnd}
      onDragCancel={() => {
        setDragged(null);
      }}
    >
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="md" pb="md">
          {vocabulary.stages.map((stage) => (
            <BoardColumn key={stage} agentId={agentId} stage={stage} vocabulary={vocabulary} />
          ))}
        </Group>
      </ScrollArea>
      <DragOverlay>
        {dragged ? <CardBody contact={dragged} vocabulary={vocabulary} isOverlay /> : null}
      </DragOverlay>
    </DndContext>
  );
}

interface BoardColumnProps {
  agentId: string;
  stage: string;
  vocabulary: CrmVocabulary;
}

function BoardColumn({ agentId, stage, vocabulary }: BoardColumnProps) {
  const column = useBoardColumn(agentId, stage);
  const count = useContactCount(agentId, { stage });
  const { setNodeRef, isOver } = useDroppable({ id: `stage:${stage}`, data: { stage } });
  const contacts = column.data?.data ?? [];

  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      w={280}
      miw={280}
      bg={isOver ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
      data-testid={`board-column-${stage}`}
      aria-label={`${stage} column`}
      role="region"
    >
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{stage}</Text>
        <Badge variant="light" data-testid="column-count">
          {count.data ?? '…'}
        </Badge>
      </Group>
      <Stack gap="xs" mih={120}>
        {column.isPending ? (
          <Loader size="sm" />
        ) : column.isError ? (
          <QueryError error={column.error} onRetry={() => void column.refetch()} />
        ) : (
          contacts.map((contact) => (
            <BoardCard
              key={contact.id}
              agentId={agentId}
              contact={contact}
              vocabulary={vocabulary}
            />
          ))
        )}
        {count.data !== undefined && count.data > BOARD_COLUMN_LIMIT ? (
          <Text size="xs" c="dimmed" ta="center">
            Showing the latest {BOARD_COLUMN_LIMIT} of {count.data}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function BoardCard({
  agentId,
  contact,
  vocabulary,
}: {
  agentId: string;
  contact: Contact;
  vocabulary: CrmVocabulary;
}) {
  const navigate = useNavigate();
  // The drag overlay follows the pointer; the card itself only fades where it was.
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: contact.id,
    data: { contact } satisfies CardData,
  });
  return (
    <div
      ref={setNodeRef}
      style={{ opacity: isDragging ? 0.4 : 1 }}
      {...attributes}
      {...listeners}
      aria-label={`${contactTitle(contact)}, ${contact.stage}`}
      data-testid="board-card"
      onClick={() => {
        void navigate(`/agents/${agentId}/contacts/${contact.id}`);
      }}
    >
      <CardBody contact={contact} vocabulary={vocabulary} />
    </div>
  );
}

function CardBody({
  contact,
  vocabulary,
  isOverlay = false,
}: {
  contact: Contact;
  vocabulary: CrmVocabulary;
  isOverlay?: boolean;
}) {
  return (
    <Card
      withBorder
      padding="sm"
      shadow={isOverlay ? 'lg' : 'xs'}
      style={{ cursor: isOverlay ? 'grabbing' : 'grab' }}
    >
      <Text size="sm" fw={600} truncate>
        {contactTitle(contact)}
      </Text>
      {contact.email ? (
        <Text size="xs" c="dimmed" truncate>
          {contact.email}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {memberName(vocabulary.members, contact.ownerId) ?? 'Unassigned'}
      </Text>
    </Card>
  );
}
