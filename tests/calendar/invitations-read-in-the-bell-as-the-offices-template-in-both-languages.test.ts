import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { InboxMessage } from '../../main/contract';
import { invitationKind } from '../../main/calendar/invitations';
import { TEMPLATE_EVENTS } from '../../main/calendar/templates';
import { FEATURES } from '../../renderer/features';
import { messageText } from '../../renderer/features/inbox/messageText';
import { translationsOf } from '../../renderer/i18n';

describe('an invitation in the bell', () => {
  it('reads, for every event and in both languages, as the template the office chose (not as an unknown notice)', async () => {
    for (const lng of ['fa', 'en'] as const) {
      const t = await i18next.createInstance().init({ lng, resources: { [lng]: { translation: translationsOf(FEATURES, lng) } }, interpolation: { escapeValue: false } });
      for (const event of TEMPLATE_EVENTS) {
        const text = `جلسهٔ «بودجه» (${event}) — <b>not markup</b>`;
        const m: InboxMessage = { id: 'x', kind: invitationKind(event), params: { title: 'جلسه', text }, item: null, link: null, at: 0, readAt: null, from: null };
        expect(messageText(t, m), `${lng} ${event}`).toBe(text);
      }
    }
  });
});
