import type { Settings } from '../../protocol/config/consoleConfig';
import type { Language } from '../../protocol/common';
import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { readSettings, writeSettings } from './store/settingsRepo';
import type { Store } from './store/Store';
import { storeError } from './store/StoreError';

function defaultLanguage(): Language {
  return Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The operator's settings, kept in the database and announced on change. A database
 * failure reaches the API as the store's own message, naming the file.
 */
export class SettingsService extends SafeEmitter<{ changed: [settings: Settings] }> {
  readonly #store: Store;
  readonly #defaults: Settings = { language: defaultLanguage(), theme: 'dark', allowMeteredBulk: false, pins: {}, alertsMutedUntil: null };
  #cached: Settings | undefined;

  constructor(store: Store) {
    super();
    this.#store = store;
  }

  get(): Settings {
    this.#cached ??= this.#withStore(() => readSettings(this.#store.db, this.#defaults));
    return this.#cached;
  }

  update(patch: Partial<Settings>): Settings {
    const settings = this.#withStore(() => {
      writeSettings(this.#store.db, patch);
      return readSettings(this.#store.db, this.#defaults);
    });
    this.#cached = settings;
    this.safeEmit('changed', settings);
    return settings;
  }

  #withStore<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.#store.file);
    }
  }
}
