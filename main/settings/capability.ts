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
  service: (ctx) => {
    const svc = new SettingsService(new SettingsStore(ctx.store));
    // A restored store brings its own settings.
    ctx.storage.onReopen(() => svc.reload());
    return svc;
  },
  methods: (svc) => ({
    'settings.get': method(NoInput, null, () => svc.get()),
    'settings.update': method(SettingsPatch, null, (input, caller) => {
      // The language is each desk's own choice; the area code changes how every short
      // number is read and the idle lock is a security policy: administrators' settings.
      const policy = input.defaultAreaCode !== undefined || input.lockAfterMinutes !== undefined;
      if (policy && !caller.permissions.has('settings.manage')) throw forbidden();
      return svc.update(input);
    }),
  }),
  provides: { language: (svc) => svc.get().language },
});
