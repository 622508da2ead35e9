/**
 * The draft form's state and how nothing typed is lost, the offline-first way (as a mail client
 * keeps a message being written): every change is saved by itself a moment after the clerk stops
 * typing; what is not saved yet is also kept in this window's storage and put back when the draft
 * is opened again (after a crash or a closed window); leaving the draft saves at once. A draft
 * with the signers (or kept from the demo) is locked: nothing is saved.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { callApi, useApi } from '../../api/client.js';
import { documentChangedHere } from '../../api/query-keys.js';
import { changedFields, errorsByField, formFromMetadata, hasChanges, type DraftChanges, type DraftForm } from './draft-form.js';

/** How long after the last keystroke a change is saved. */
export const AUTOSAVE_DELAY_MS = 800;
const BACKUP_PREFIX = 'vanthu.draftBackup.';

interface Backup {
  form: DraftForm;
  /** The saved version the edits were made on: a backup of an older version is not put back over a newer one. */
  basedOn: string;
}

function readBackup(id: number, updatedAt: string): DraftForm | null {
  try {
    const backup = JSON.parse(localStorage.getItem(`${BACKUP_PREFIX}${id}`) ?? 'null') as Backup | null;
    return backup && backup.basedOn === updatedAt ? backup.form : null;
  } catch {
    return null;
  }
}

function writeBackup(id: number, backup: Backup | null): void {
  try {
    if (backup) localStorage.setItem(`${BACKUP_PREFIX}${id}`, JSON.stringify(backup));
    else localStorage.removeItem(`${BACKUP_PREFIX}${id}`);
  } catch {
    // Storage full or off: autosave still runs; only the crash copy is missing.
  }
}

/** Field errors kept after a failed save or send, and what is left for the whole form. */
export interface Problems {
  fields: Map<string, string>;
  form: ApiError | null;
}
export const NO_PROBLEMS: Problems = { fields: new Map(), form: null };

export function problemsOf(error: ApiError): Problems {
  const fields = errorsByField(error.fields);
  return { fields, form: fields.size === 0 ? error : null };
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export function useDraftForm(detail: DocumentDetail) {
  const api = useApi();
  const queryClient = useQueryClient();
  const locked = detail.signingState !== 'none' || detail.demo;
  const [restored] = useState(() => (locked ? null : readBackup(detail.id, detail.updatedAt)));
  const [form, setForm] = useState<DraftForm>(() => restored ?? formFromMetadata(detail.metadata));
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  /** Bumped after a failure, to move focus to the first field in error. */
  const [failures, setFailures] = useState(0);
  const changes = changedFields(form, detail.metadata);
  const dirty = !locked && hasChanges(changes);
  const valid = form.subject.trim() !== '';
  const inFlight = useRef<Promise<boolean> | null>(null);

  const store = useCallback(
    async (id: number, fields: DraftChanges): Promise<DocumentDetail> => {
      const saved = await callApi(api, 'drafts.update', { id, fields });
      documentChangedHere(queryClient, saved);
      return saved;
    },
    [api, queryClient],
  );

  // The latest unsaved changes, for the save made when the editor goes away.
  const pending = useRef({ id: detail.id, changes, dirty, valid });
  useLayoutEffect(() => {
    pending.current = { id: detail.id, changes, dirty, valid };
  });

  useEffect(() => {
    writeBackup(detail.id, dirty ? { form, basedOn: detail.updatedAt } : null);
  }, [detail.id, detail.updatedAt, dirty, form]);

  /** Saves what changed; true when nothing is left unsaved. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    if (locked) return true;
    if (inFlight.current) await inFlight.current;
    const { id, changes: now, dirty: unsaved, valid: ok } = pending.current;
    if (!ok) {
      setProblems({ fields: new Map([['subject', 'required']]), form: null });
      setFailures((count) => count + 1);
      setSaveState('failed');
      return false;
    }
    if (!unsaved) return true;
    setSaveState('saving');
    const run = store(id, now).then(
      () => {
        setProblems(NO_PROBLEMS);
        setSaveState('saved');
        return true;
      },
      (error: unknown) => {
        setProblems(problemsOf(error as ApiError));
        setFailures((count) => count + 1);
        setSaveState('failed');
        return false;
      },
    );
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [locked, store]);

  // Saved by itself a moment after the last change (not while a field is in error: that waits for the clerk).
  useEffect(() => {
    if (!dirty || !valid || saveState === 'saving' || problems.fields.size > 0) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, dirty, valid, saveState, problems, saveNow]);

  // Leaving the draft (another screen, the window hidden or closed) saves at once.
  useEffect(() => {
    const flush = () => {
      const { id, changes: now, dirty: unsaved, valid: ok } = pending.current;
      if (!unsaved || !ok) return;
      // Saved: the crash copy is done with. Not saved: it stays, and is put back next time.
      void store(id, now).then(
        () => writeBackup(id, null),
        () => undefined,
      );
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [store]);

  function set<K extends keyof DraftForm>(name: K, value: DraftForm[K]) {
    setForm((current) => ({ ...current, [name]: value }));
    setSaveState('idle');
    if (problems.fields.has(name)) setProblems(NO_PROBLEMS);
  }

  function fail(next: Problems) {
    setProblems(next);
    setFailures((count) => count + 1);
  }

  return { form, set, locked, dirty, valid, saveState, saveNow, problems, fail, failures, restored: restored !== null };
}

export type DraftFormState = ReturnType<typeof useDraftForm>;
