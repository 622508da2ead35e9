/** `assignment.done`: a work item finished (an item for information: read); hub/commands/work-item-steps.ts. */
import type { CommandHandler } from './command-handler.js';
import type { PreparedStatuses } from './workflow-steps.js';
import { applyItemStep, prepareItemStatuses } from './work-item-steps.js';

export const assignmentDone: CommandHandler<'assignment.done', PreparedStatuses> = {
  precheck: (context, payload) => prepareItemStatuses(context, payload, 'done'),
  apply: (context, payload) => applyItemStep(context, payload, 'done'),
};
