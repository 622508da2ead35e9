/**
 * The payloads of the điều hành commands and of "Việc của tôi", as the hub validates them
 * (shared/hub/workflow.ts holds the shapes and words of the workflow itself). Kept apart from it
 * because zod probes `new Function` when its object schemas are made, which the renderer's strict
 * CSP reports as a violation: the renderer imports workflow.ts, never this module.
 */
import { z } from 'zod';
import { MAX_EXTENSION_REASON } from '../domain/working-days.js';
import { MAX_DRAFT_COMMENT } from './workflow.js';

const recordId = z.number().int().positive().max(2_147_483_647);
const text = (max: number) => z.string().trim().max(max);
/** Hạn xử lý: a calendar day. */
const deadline = z.iso.date();

/** Whom the leader assigns: a unit (its unit leaders pass it on) or a person. */
export const workHolder = z.union([z.object({ unitId: recordId }).strict(), z.object({ userId: recordId }).strict()]);
export type WorkHolderInput = z.output<typeof workHolder>;

/** The desk commands of the workflow (merged into shared/hub/commands.ts's commandPayloads). */
export const workflowCommandPayloads = {
  /** The clerk presents a registered arrival to a leader, with the handling she suggests. */
  'arrival.present': z.object({ documentId: recordId, leaderId: recordId, suggestion: text(2000).default('') }).strict(),
  /**
   * The leader's instruction and assignment. With `lead` null and no `cooperate`, he settles it
   * himself (lưu / để biết): the document is done, `inform` still told. `deadline` applies to every
   * item made here.
   */
  'arrival.assign': z
    .object({
      documentId: recordId,
      instruction: text(4000).default(''),
      lead: workHolder.nullable(),
      cooperate: z.array(workHolder).max(50).default([]),
      inform: z.array(workHolder).max(200).default([]),
      deadline: deadline.nullable().default(null),
    })
    .strict(),
  /** A unit leader passes his unit's item on to a specialist of his unit; the deadline is not later than the item's (null: the item's). */
  'assignment.pass': z
    .object({ documentId: recordId, itemId: recordId, userId: recordId, note: text(2000).default(''), deadline: deadline.nullable().default(null) })
    .strict(),
  /** The holder records progress; the first marks the work started. */
  'assignment.progress': z.object({ documentId: recordId, itemId: recordId, note: text(2000).default('') }).strict(),
  /** The holder marks the item done (an `inform` item: read). */
  'assignment.done': z.object({ documentId: recordId, itemId: recordId, note: text(2000).default('') }).strict(),
  /** The holder asks for a later deadline (gia hạn), with the reason and the day he proposes. */
  'assignment.askExtension': z.object({ documentId: recordId, itemId: recordId, reason: text(MAX_EXTENSION_REASON).min(1), deadline }).strict(),
  /**
   * The one who assigned the item, or one above him in its chain, approves the extension asked
   * (`extensionId`, the one the desk saw) or refuses it; a refusal changes nothing.
   */
  'assignment.decideExtension': z
    .object({ documentId: recordId, itemId: recordId, extensionId: recordId, decision: z.enum(['approve', 'refuse']), note: text(2000).default('') })
    .strict(),
  /** The arrival goes back to its sender (trả lại), with the reason the sender is told; every open item ends. */
  'arrival.return': z.object({ documentId: recordId, reason: text(2000).min(1) }).strict(),
  /**
   * An opinion on a draft that answers an arrival (ý kiến phối hợp), by one who holds its
   * co-operating or lead work, or one above that work; a line of the draft's timeline.
   */
  'draft.comment': z.object({ documentId: recordId, text: text(MAX_DRAFT_COMMENT).min(1) }).strict(),
  /**
   * Trình ký: the draft being edited goes to a leader (or unit leader) for his signature, with a
   * note; it is edited no more until he returns it.
   */
  'draft.submit': z.object({ documentId: recordId, leaderId: recordId, note: text(2000).default('') }).strict(),
  /** Trả lại: a leader sends a draft waiting for his signature back to be edited, saying why. */
  'draft.return': z.object({ documentId: recordId, comment: text(MAX_DRAFT_COMMENT).min(1) }).strict(),
} as const;

/** `GET /api/work?limit`: at most `limit` items (the soonest). */
export const myWorkQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }).strict();

/** `GET /api/reports/work`: the period, both days included, the start first. */
export const workReportQuery = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .strict()
  .refine((period) => period.from <= period.to, { path: ['to'], message: 'must not be before the start date' });
