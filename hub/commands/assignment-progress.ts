/** `assignment.progress`: progress on a work item; the first marks it started (hub/commands/work-item-steps.ts). */
import type { CommandHandler } from './command-handler.js';
import type { PreparedStatuses } from './workflow-steps.js';
import { applyItemStep, prepareItemStatuses } from './work-item-steps.js';

export const assignmentProgress: CommandHandler<'assignment.progress', PreparedStatuses> = {
  precheck: (context, payload) => prepareItemStatuses(context, payload, 'progress'),
  apply: (context, payload) => applyItemStep(context, payload, 'progress'),
};
