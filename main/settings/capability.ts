import { defineCapability, method, NoInput } from '../api/capability';
import { forbidden } from '../api/errors';
import { messages } from './messages';
import { SettingsPatch } from './schema';
import { SettingsService } from './service';
import { SettingsStore } from './store';

/** Preferences of this desk (language, area code) and device-local values of other capabilities. */
export const settings = defineCapability({
  name: 'settings',
  permissions: { 'settings.manage': [] },
  messages,
  service: (ctx) => new SettingsService(new SettingsStore(ctx.store)),
  methods: (svc) => ({
    'settings.get': method(NoInput, null, () => svc.get()),
    'settings.update': method(SettingsPatch, null, (input, caller) => {
      // The language is each desk's own choice; the area code changes how every short
      // number is read, so it is an administrator's setting.
      if (input.defaultAreaCode !== undefined && !caller.permissions.has('settings.manage')) throw forbidden();
      return svc.update(input);
    }),
  }),
  provides: { language: (svc) => svc.get().language },
});
