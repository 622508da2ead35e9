/**
 * Failed actions are reported here, translated by error code. Each message is its own
 * role="alert" element (its dismiss button beside it, outside the alert's text) so screen readers announce it as it appears; it stays until dismissed
 * (a clerk may be away from the screen), and only the last few are kept.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiError } from '../../shared/api/errors.js';
import { errorText } from '../../shared/i18n/messages.js';
import { useI18n, type I18n } from '../i18n.js';

export interface Toast {
  id: number;
  text: (i18n: I18n) => string;
  /** English detail for the helpdesk, shown small. */
  detail?: string;
}

export interface ToastStore {
  subscribe(listener: () => void): () => void;
  snapshot(): readonly Toast[];
  error(text: (i18n: I18n) => string, detail?: string): void;
  apiError(error: ApiError): void;
  dismiss(id: number): void;
}

const MAX_TOASTS = 4;

export function createToastStore(): ToastStore {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const set = (next: readonly Toast[]) => {
    toasts = next;
    for (const listener of [...listeners]) listener();
  };
  const store: ToastStore = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => toasts,
    error(text, detail) {
      set([...toasts, { id: nextId++, text, detail }].slice(-MAX_TOASTS));
    },
    apiError(error) {
      store.error(({ lang }) => errorText(error.code, lang), error.message);
    },
    dismiss(id) {
      set(toasts.filter((toast) => toast.id !== id));
    },
  };
  return store;
}

const ToastContext = createContext<ToastStore | null>(null);

export function ToastProvider({ store, children }: { store: ToastStore; children: ReactNode }) {
  return <ToastContext.Provider value={store}>{children}</ToastContext.Provider>;
}

export function useToasts(): ToastStore {
  const store = useContext(ToastContext);
  if (!store) throw new Error('useToasts() outside <ToastProvider>');
  return store;
}

export function ToastRegion() {
  const store = useToasts();
  const i18n = useI18n();
  const { t } = i18n;
  const toasts = useSyncExternalStore(store.subscribe, store.snapshot);
  return (
    <section className="toasts" aria-label={t('toast.region')}>
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <div className="toast-body" role="alert">
            <p className="toast-text">{toast.text(i18n)}</p>
            {toast.detail ? <p className="toast-detail">{t('toast.detail', { detail: toast.detail })}</p> : null}
          </div>
          <button type="button" className="toast-dismiss" aria-label={t('toast.dismiss')} onClick={() => store.dismiss(toast.id)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </section>
  );
}
