/**
 * Notices in the corner. Failed actions (translated by error code) and urgent arrivals are each
 * their own role="alert" element; ordinary news (a new document) is role="status", announced
 * politely. The dismiss button sits beside the message, outside its text. Notices stay until
 * dismissed (a clerk may be away from the screen), and only the last few are kept.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiError } from '../../shared/api/errors.js';
import { errorText } from '../../shared/i18n/messages.js';
import { useI18n, type I18n } from '../i18n.js';

export type ToastKind = 'error' | 'info' | 'urgent';

export interface ToastLink {
  href: string;
  text: (i18n: I18n) => string;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  text: (i18n: I18n) => string;
  /** A second line: English detail for the helpdesk (errors), or the sender (arrivals). */
  detail?: string | ((i18n: I18n) => string);
  link?: ToastLink;
  /** The urgency badge of an urgent notice ("Hỏa tốc"). */
  badge?: (i18n: I18n) => string;
}

export interface ToastStore {
  subscribe(listener: () => void): () => void;
  snapshot(): readonly Toast[];
  error(text: (i18n: I18n) => string, detail?: string): void;
  apiError(error: ApiError): void;
  /** News: a new document and where to open it. */
  notice(notice: { text: (i18n: I18n) => string; detail?: (i18n: I18n) => string; link?: ToastLink; urgent?: boolean; badge?: (i18n: I18n) => string }): void;
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
  const push = (toast: Omit<Toast, 'id'>) => set([...toasts, { ...toast, id: nextId++ }].slice(-MAX_TOASTS));
  const store: ToastStore = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => toasts,
    error(text, detail) {
      push({ kind: 'error', text, detail });
    },
    apiError(error) {
      store.error(({ lang }) => errorText(error.code, lang), error.message);
    },
    notice({ text, detail, link, urgent, badge }) {
      push({ kind: urgent ? 'urgent' : 'info', text, detail, link, badge });
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
      {toasts.map((toast) => {
        const detail = typeof toast.detail === 'function' ? toast.detail(i18n) : toast.detail;
        return (
          <div key={toast.id} className={`toast toast-${toast.kind}`}>
            <div className="toast-main">
              <div className="toast-body" role={toast.kind === 'info' ? 'status' : 'alert'}>
                {toast.kind === 'urgent' ? <span className="badge badge-priority badge-priority-3">{toast.badge ? toast.badge(i18n) : t('toast.urgent')}</span> : null}
                <p className="toast-text">{toast.text(i18n)}</p>
                {detail ? <p className="toast-detail">{toast.kind === 'error' ? t('toast.detail', { detail }) : detail}</p> : null}
              </div>
              {toast.link ? (
                <a className="toast-link" href={toast.link.href} onClick={() => store.dismiss(toast.id)}>
                  {toast.link.text(i18n)}
                </a>
              ) : null}
            </div>
            <button type="button" className="toast-dismiss" aria-label={t('toast.dismiss')} onClick={() => store.dismiss(toast.id)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        );
      })}
    </section>
  );
}
