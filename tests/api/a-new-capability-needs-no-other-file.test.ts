/**
 * docs/architecture.md, "How to add a capability": a throw-away capability, declared only
 * in this file, joins the backend and the renderer through the two lists and nothing else.
 */
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import StarOutlined from '@mui/icons-material/StarOutlined';
import { defineCapability, event, method, type Capability } from '../../main/api/capability';
import { ApiError } from '../../main/api/errors';
import type { Backend } from '../../main/backend';
import { CAPABILITIES } from '../../main/capabilities';
import type { IdentityService } from '../../main/identities/service';
import type { Feature } from '../../renderer/app/feature';
import { contributions, mergeTranslations, navEntries, navEntryOf } from '../../renderer/app/features';
import { FEATURES } from '../../renderer/features';
import { startBackend } from './backend-fixture';

const stars = defineCapability({
  name: 'stars',
  permissions: { 'stars.give': ['receptionist'] },
  messages: { 'stars.tooMany': { fa: 'بیش از {n} ستاره نمی‌شود.', en: 'No more than {n} stars.' } },
  events: { 'stars.given': event<{ identityId: string; count: number }>() },
  service: (ctx) => {
    const identities = ctx.use<IdentityService>('identities');
    const given: { identityId: string; count: number; at: number; key: string }[] = [];
    return {
      give(identityId: string, count: number) {
        if (!identities.exists(identityId)) throw new ApiError('not-found', 'identity.notFound');
        if (count > 5) throw new ApiError('invalid-input', 'stars.tooMany', { n: 5 });
        given.push({ identityId, count, at: ctx.clock.now(), key: ctx.clock.newId() });
        ctx.emit('stars.given', { identityId, count });
        return { count };
      },
      given,
    };
  },
  methods: (svc) => ({
    'stars.give': method(z.object({ identityId: z.uuid(), count: z.number().int().min(1) }), 'stars.give', (i) => svc.give(i.identityId, i.count)),
  }),
  timeline: (svc) => [
    {
      kind: 'star',
      page: (identityId) =>
        svc.given.filter((g) => g.identityId === identityId).map((g) => ({ kind: 'star', key: g.key, at: g.at, actorId: null, data: { count: g.count } })),
    },
  ],
});

let backend: Backend | undefined;
let dataDir: string | undefined;
const events: [string, unknown][] = [];
afterAll(async () => {
  await backend?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a capability declared in one file', () => {
  it('brings its method, permission, message, event and history items to the backend', async () => {
    const started = await startBackend('stars', undefined, {
      events: (e, p) => events.push([e, p]),
      capabilities: [...CAPABILITIES, stars] as readonly Capability<string, unknown>[],
    });
    backend = started.backend;
    dataDir = started.dataDir;
    expect(backend.router.names()).toContain('stars.give');
    const person = await backend.call('identities.create', { kind: 'person', lastName: 'ستاره‌دار' });
    if (!person.ok) throw new Error(person.error.message);
    const id = (person.value as { id: string }).id;

    const given = await backend.call('stars.give', { identityId: id, count: 3 });
    expect(given).toEqual({ ok: true, value: { count: 3 } });
    expect(events).toContainEqual(['stars.given', { identityId: id, count: 3 }]);

    const tooMany = await backend.call('stars.give', { identityId: id, count: 9 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'بیش از ۹ ستاره نمی‌شود.'.replace('۹', '۵') } });

    const history = await backend.call('history.timeline', { identityId: id });
    if (!history.ok) throw new Error(history.error.message);
    expect((history.value as { items: { kind: string }[] }).items.map((i) => i.kind)).toContain('star');

    // A new store grants the permission to the roles the manifest names.
    const roles = backend.db.prepare('SELECT name, permissions FROM roles').all() as { name: string; permissions: string }[];
    const receptionist = roles.find((r) => r.name === 'منشی');
    const staff = roles.find((r) => r.name === 'کارمند');
    expect(JSON.parse(receptionist!.permissions)).toContain('stars.give');
    expect(JSON.parse(staff!.permissions)).not.toContain('stars.give');
  });

  it('brings its page, navigation entry, words, history renderer and widget to the renderer', () => {
    const Page = () => null;
    const feature: Feature = {
      name: 'stars',
      routes: [{ path: 'stars', Page }],
      nav: { path: '/stars', labelKey: 'stars.nav', icon: StarOutlined, order: 55 },
      translations: { fa: { stars: { nav: 'ستاره‌ها' } }, en: { stars: { nav: 'Stars' } } },
      timeline: { star: { icon: StarOutlined, title: () => 'stars.nav' } },
      dashboard: [{ key: 'stars', order: 5, Component: Page }],
    };
    const all = [...FEATURES, feature];
    expect(navEntries(all).map((e) => e.path)).toContain('/stars');
    expect(navEntryOf(all, '/stars/anything')?.feature).toBe('stars');
    expect(all.flatMap((f) => f.routes ?? []).map((r) => r.path)).toContain('stars');
    const fa = mergeTranslations(all.flatMap((f) => (f.translations ? [f.translations.fa] : [])));
    expect((fa.stars as { nav: string }).nav).toBe('ستاره‌ها');
    expect(contributions(all, 'dashboard').map((c) => c.key)).toContain('stars');
    expect(all.map((f) => f.timeline?.star).find(Boolean)?.title({} as never)).toBe('stars.nav');
  });

  it('refuses a second definition of the same words', () => {
    expect(() => mergeTranslations([{ a: { b: 'x' } }, { a: { b: 'y' } }])).toThrow(/a\.b/);
  });
});
