import type { SettingsStore } from './store';
import type { Settings } from './schema';

const DEFAULTS: Settings = { language: 'fa', defaultAreaCode: '21' };

export class SettingsService {
  constructor(private readonly settings: SettingsStore) {}

  get(): Settings {
    const language = this.settings.get('pref.language');
    return {
      language: language === 'en' ? 'en' : DEFAULTS.language,
      defaultAreaCode: this.settings.get('pref.defaultAreaCode') ?? DEFAULTS.defaultAreaCode,
    };
  }

  update(patch: Partial<Settings>): Settings {
    if (patch.language) this.settings.set('pref.language', patch.language);
    if (patch.defaultAreaCode) this.settings.set('pref.defaultAreaCode', patch.defaultAreaCode);
    return this.get();
  }

  areaCode(): string {
    return this.get().defaultAreaCode;
  }
}
