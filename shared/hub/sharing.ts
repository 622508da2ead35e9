/**
 * Who may give a document to units and people (`document.share`): the clerk, a leader, a unit
 * leader. The hub's handler, the desk's check and the page read this one list; it holds no zod
 * schema, so the renderer may load it (test/renderer-no-eval.test.ts).
 */
import type { Role } from './accounts.js';

export const DOCUMENT_SHARERS: readonly Role[] = ['clerk', 'leader', 'unit_leader'];
