/**
 * Which of the clerk's problems an axis error is (shared/api/sync-status.ts): the status bar and
 * the connect forms say it in the clerk's words and keep the error itself for "Chi tiết".
 */
import type { AxisProblemCode } from '../../../shared/api/sync-status.js';
import { VXP_ERROR } from '../../../shared/axis/vxp.js';
import { AxisError } from './axis-client/types.js';

export function axisProblemCode(error: unknown): AxisProblemCode {
  if (!(error instanceof AxisError)) return 'internal';
  switch (error.code) {
    case VXP_ERROR.badCredentials:
      return 'credentials';
    case VXP_ERROR.senderNotRegistered:
      return 'sender_not_registered';
    case 'network':
      return 'unreachable';
    case 'timeout':
      return 'timeout';
    case 'http_404':
    case 'http_405':
    case 'bad_response':
      return 'wrong_address';
  }
  return error.kind === 'retryable' ? 'axis_error' : 'refused';
}

/** The form field a connect error belongs to. */
export function axisProblemField(code: AxisProblemCode): 'secret' | 'agencyCode' | 'axisUrl' {
  if (code === 'credentials') return 'secret';
  if (code === 'sender_not_registered') return 'agencyCode';
  return 'axisUrl';
}
