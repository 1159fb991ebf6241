import type { Alert } from '../../../protocol/api/coreApi';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';

/** Problems the operator must see (a banner in every view) until they are solved. */
export class AlertCenter extends SafeEmitter<{ changed: [alerts: Alert[]] }> {
  readonly #alerts = new Map<Alert['code'], Alert>();

  list(): Alert[] {
    return [...this.#alerts.values()];
  }

  raise(code: Alert['code'], severity: Alert['severity'], detail?: string): void {
    const existing = this.#alerts.get(code);
    if (existing && existing.severity === severity && existing.detail === detail) return;
    this.#alerts.set(code, { id: code, code, severity, at: Date.now(), ...(detail !== undefined ? { detail: detail.slice(0, 500) } : {}) });
    this.safeEmit('changed', this.list());
  }

  clear(code: Alert['code']): void {
    if (this.#alerts.delete(code)) this.safeEmit('changed', this.list());
  }
}
