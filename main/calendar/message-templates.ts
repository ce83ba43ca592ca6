/**
 * The system message templates invitations are built from (one per event and channel):
 * the office's own wording or the default in the desk's language, edited in Settings with
 * its parameters checked, reset, and previewed with sample values.
 */
import { invalid } from '../api/errors';
import type { Language } from '../api/messages';
import { addDays, dateOf } from '../api/zoned-time';
import { longJalaliDate, persianDigits } from './jalali';
import type * as S from './schema';
import { CHANNELS, defaultTemplate, renderTemplate, TEMPLATE_EVENTS, TEMPLATE_PARAMETERS, templateKey, unknownParameters, type Channel, type TemplateEvent, type TemplateValues } from './templates';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { CalendarSettingsBook } from './settings';

export class MessageTemplates extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly config: CalendarSettingsBook,
  ) {
    super(ctx);
  }

  template(event: TemplateEvent, channel: Channel, lang: Language) {
    const row = this.rows.template(templateKey(event), channel);
    return row ? { subject: row.subject, body: row.body } : defaultTemplate(event, channel, lang);
  }

  templates(): S.TemplateView[] {
    const lang = this.language();
    return TEMPLATE_EVENTS.flatMap((event) =>
      CHANNELS.map((channel) => {
        const row = this.rows.template(templateKey(event), channel);
        const t = row ? { subject: row.subject, body: row.body } : defaultTemplate(event, channel, lang);
        return { event, channel, subject: t.subject, body: t.body, custom: row !== undefined };
      }),
    );
  }

  private checkTemplate(t: { subject?: string | undefined; body: string }): void {
    const unknown = unknownParameters(`${t.subject ?? ''} ${t.body}`);
    if (unknown.length > 0) {
      const params = { names: unknown.map((n) => `{${n}}`).join('، '), allowed: TEMPLATE_PARAMETERS.map((n) => `{${n}}`).join(' ') };
      throw invalid('calendar.template.unknownParameter', [{ path: ['body'], key: 'calendar.template.unknownParameter', params }], params);
    }
  }

  updateTemplate(t: { event: TemplateEvent; channel: Channel; subject?: string | undefined; body: string }, caller: CalendarCaller): S.TemplateView {
    this.checkTemplate(t);
    this.store.write(caller.userId, (w) => {
      const row = this.rows.template(templateKey(t.event), t.channel);
      const values = { subject: t.subject ?? null, body: t.body };
      if (row) w.update('message_templates', row.id, values);
      else w.insert('message_templates', { event: templateKey(t.event), channel: t.channel, ...values });
    });
    return this.templates().find((x) => x.event === t.event && x.channel === t.channel)!;
  }

  resetTemplate(t: { event: TemplateEvent; channel: Channel }, caller: CalendarCaller): S.TemplateView {
    const row = this.rows.template(templateKey(t.event), t.channel);
    if (row) this.store.write(caller.userId, (w) => w.softDelete('message_templates', row.id));
    return this.templates().find((x) => x.event === t.event && x.channel === t.channel)!;
  }

  /** The template filled with sample values, as an attendee would read it. */
  previewTemplate(t: { event: TemplateEvent; channel: Channel; subject?: string | undefined; body: string }): S.TemplatePreview {
    this.checkTemplate(t);
    const lang = this.language();
    const zone = this.config.settings().zone;
    const now = this.clock.now();
    const tomorrow = addDays(dateOf(now, zone), 1);
    const sample: TemplateValues =
      lang === 'fa'
        ? { subject: 'جلسهٔ بررسی قرارداد', date: longJalaliDate(tomorrow, 'fa'), time: persianDigits('10:00–11:00'), room: 'اتاق جلسات ۱', coordinator: 'مسئول دفتر', attendee: 'آقای رضایی', calendar: 'تقویم مدیرعامل' }
        : { subject: 'Contract review', date: longJalaliDate(tomorrow, 'en'), time: '10:00–11:00', room: 'Meeting room 1', coordinator: 'Office manager', attendee: 'Mr Rezaei', calendar: "CEO's calendar" };
    return { subject: t.subject ? renderTemplate(t.subject, sample) : null, body: renderTemplate(t.body, sample) };
  }
}
