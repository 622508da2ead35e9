/**
 * A modal confirmation dialog on the native <dialog> element: showModal() makes the rest of the
 * window inert (focus stays inside), Escape closes it, and the browser exposes it as
 * role="dialog" with aria-modal. Mount it to open it, unmount it to close it; focus goes back
 * to where it was.
 */
import { useEffect, useId, useLayoutEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n.js';
import { Field } from './Field.js';

interface DialogProps {
  title: string;
  /** What the action will do, read out with the dialog. */
  description?: string;
  confirmLabel: string;
  /** Red confirm button: revoke, return, refuse. */
  danger?: boolean;
  pending?: boolean;
  /** An error for the whole form (field errors go beside their fields). */
  error?: string | null;
  errorDetail?: string;
  onConfirm(): void;
  onClose(): void;
  children?: ReactNode;
  /** Wide enough for a document (a PDF preview). */
  wide?: boolean;
}

export function ConfirmDialog({ title, description, confirmLabel, danger, pending, error, errorDetail, onConfirm, onClose, children, wide = false }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event) => {
      // Escape: the component decides (it unmounts the dialog), not the browser.
      event.preventDefault();
      onCloseRef.current();
    };
    const onNativeClose = () => onCloseRef.current();
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      if (returnFocus?.isConnected) returnFocus.focus();
    };
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    onConfirm();
    // A field the confirmation found wanting gets the focus (once React rendered its error).
    setTimeout(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  }

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {description ? (
          <p id={descriptionId} className="dialog-description">
            {description}
          </p>
        ) : null}
        {children}
        {error ? (
          <p className="form-error" role="alert" title={errorDetail}>
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          {pending ? (
            <span className="pending-text" role="status">
              {t('dialog.pending')}
            </span>
          ) : null}
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={pending}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface ReasonFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | null;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  autoFocus?: boolean;
}

/** The reason (or note) textarea of a dialog; Ctrl+Enter confirms. */
export function ReasonField({ label, value, onChange, error, required = true, hint, placeholder, autoFocus = true }: ReasonFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      <textarea
        rows={4}
        maxLength={500}
        placeholder={placeholder}
        data-autofocus={autoFocus ? '' : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
    </Field>
  );
}
