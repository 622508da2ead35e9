/**
 * A labelled file input with its hint. The input is cleared after each choice so that the same
 * file can be chosen again (after a fix, or to retry).
 */
import type { ChangeEvent } from 'react';

interface FilePickerProps {
  id: string;
  label: string;
  accept: string;
  disabled: boolean;
  onFile: (file: File) => void | Promise<void>;
  hint?: string;
  /** Further ids that describe the input (an error message). */
  describedBy?: string;
  className?: string;
}

export function FilePicker({ id, label, accept, disabled, onFile, hint, describedBy, className }: FilePickerProps) {
  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (file) await onFile(file);
    input.value = '';
  }
  const described = [hint ? `${id}-hint` : null, describedBy ?? null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input id={id} type="file" accept={accept} aria-describedby={described} disabled={disabled} onChange={(event) => void onChange(event)} />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
