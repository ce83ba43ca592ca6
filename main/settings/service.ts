import type { SettingsStore } from './store';
import type { Settings } from './schema';

const DEFAULTS: Settings = { language: 'fa', defaultAreaCode: '21', lockAfterMinutes: 10 };

/**
 * Preferences of this desk. Read on hot paths (every phone lookup needs the area code),
 * so kept in memory; this service is the only writer.
 */
export class SettingsService {
  private cached: Settings | null = null;

  constructor(private readonly settings: SettingsStore) {}

  get(): Settings {
    if (this.cached) return this.cached;
    const language = this.settings.get('pref.language');
    this.cached = {
      language: language === 'en' ? 'en' : DEFAULTS.language,
      defaultAreaCode: this.settings.get('pref.defaultAreaCode') ?? DEFAULTS.defaultAreaCode,
      lockAfterMinutes: Number(this.settings.get('pref.lockAfterMinutes') ?? DEFAULTS.lockAfterMinutes),
    };
    return this.cached;
  }

  update(patch: Partial<Settings>): Settings {
    if (patch.language) this.settings.set('pref.language', patch.language);
    if (patch.defaultAreaCode) this.settings.set('pref.defaultAreaCode', patch.defaultAreaCode);
    if (patch.lockAfterMinutes !== undefined) this.settings.set('pref.lockAfterMinutes', String(patch.lockAfterMinutes));
    this.cached = null;
    return this.get();
  }

  /** The store was replaced (a restore): read everything again. */
  reload(): void {
    this.cached = null;
  }

  areaCode(): string {
    return this.get().defaultAreaCode;
  }

  /** A device-local value another capability keeps here (the signed-in user). Never synced. */
  local(key: string): string | undefined {
    return this.settings.get(`local.${key}`);
  }

  setLocal(key: string, value: string): void {
    this.settings.set(`local.${key}`, value);
  }
}
