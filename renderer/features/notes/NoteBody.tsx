import Typography from '@mui/material/Typography';
import type { TimelineItem } from '../../../main/contract';
import type { NoteData } from '../../../main/notes/schema';

/** A note's text, as typed: line breaks kept, direction from its own letters. */
export function NoteBody({ item }: { item: TimelineItem }) {
  const { body } = item.data as NoteData;
  return (
    <Typography className="preserve-lines" dir="auto" sx={{ mt: 0.5 }}>
      {body}
    </Typography>
  );
}
