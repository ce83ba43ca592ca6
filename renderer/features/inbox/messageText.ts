import type { TFunction } from 'i18next';
import type { InboxMessage } from '../../../main/contract';

/**
 * A message's sentence: the translation `inbox.kind.<kind>` (each feature brings the
 * sentences of its own kinds), filled with the message's parameters. A kind this desk
 * has no sentence for (a newer desk synced it here) reads as a plain notice.
 */
export function messageText(t: TFunction, m: InboxMessage): string {
  const key = `inbox.kind.${m.kind}`;
  const sentence = t(key, { ...m.params, defaultValue: '' });
  return sentence && sentence !== key ? sentence : t('inbox.unknownKind');
}
