/**
 * How a change-log item reads: each changed part of the record with its fields, old → new.
 * The backend has already described every field (label key, value kind, names for
 * references); this only formats values by their kind.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ChangeData, DescribedChange, DescribedField, TimelineItem } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';

export function FieldValue({ kind, value }: { kind: DescribedField['kind']; value: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <span>{t('history.emptyValue')}</span>;
  }
  switch (kind) {
    case 'enum':
      return <span>{t(String(value))}</span>;
    case 'phone':
      // As the Details tab shows a number: its display form, left to right.
      return <Ltr>{fmt.phone(String(value))}</Ltr>;
    case 'email':
      // An address is Latin: its digits stay Latin.
      return <Ltr>{String(value)}</Ltr>;
    case 'number':
      return <Ltr>{fmt.digits(String(value))}</Ltr>;
    case 'date':
    case 'datetime':
      return typeof value === 'number' ? <span>{kind === 'date' ? fmt.date(value) : fmt.dateTime(value)}</span> : <bdi>{String(value)}</bdi>;
    case 'boolean':
      return <span>{t(value ? 'common.yes' : 'common.no')}</span>;
    case 'list':
      return <bdi>{(Array.isArray(value) ? value.map(String) : [String(value)]).join(t('common.listSeparator'))}</bdi>;
    default:
      return <bdi className={kind === 'multiline' ? 'preserve-lines' : undefined}>{String(value)}</bdi>;
  }
}

function FieldLine({ field, op }: { field: DescribedField; op: DescribedChange['op'] }) {
  const { t } = useTranslation();
  return (
    <Typography component="li" variant="body2" data-testid="change-field">
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {t(field.label)}
        {t('common.colon')}
      </Box>{' '}
      {op === 'update' ? (
        <>
          <FieldValue kind={field.kind} value={field.from} /> {t('history.arrow')} <FieldValue kind={field.kind} value={field.to} />
        </>
      ) : (
        <FieldValue kind={field.kind} value={op === 'delete' ? field.from : field.to} />
      )}
    </Typography>
  );
}

/** The body of a change-log item: the record's own fields first, then its parts. */
export function ChangeLogBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const { changes } = item.data as ChangeData;
  const shown = changes.filter((c) => c.op !== 'update' || c.fields.length > 0);
  if (shown.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, mt: 0.5, p: 0, listStyle: 'none' }}>
      {shown.map((c, i) => {
        // The record's own fields read as plain lines; a phone or an address is named first.
        const own = c.own;
        const fields = c.fields.filter((f) => !(isEmpty(f.from) && isEmpty(f.to)));
        return (
          <Box component="li" key={i} sx={{ py: 0.25 }} data-testid="change-part">
            {!own && (
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {t(`history.ops.${c.op}`, { part: t(c.entity) })}
              </Typography>
            )}
            <Box component="ul" sx={{ m: 0, paddingInlineStart: own ? 0 : 2.5, listStyle: own ? 'none' : 'disc' }}>
              {fields.map((f, j) => (
                <FieldLine key={j} field={f} op={c.op} />
              ))}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}
