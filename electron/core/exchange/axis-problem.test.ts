import { describe, expect, it } from 'vitest';
import { AxisError } from './axis-client/types.js';
import { axisProblemCode, axisProblemField } from './axis-problem.js';

describe('the clerk’s problem behind an axis error', () => {
  it.each([
    [new AxisError('permanent', '15', 'x'), 'credentials', 'secret'],
    [new AxisError('permanent', '19', 'x'), 'sender_not_registered', 'agencyCode'],
    [new AxisError('retryable', 'network', 'x'), 'unreachable', 'axisUrl'],
    [new AxisError('retryable', 'timeout', 'x'), 'timeout', 'axisUrl'],
    [new AxisError('permanent', 'http_404', 'x'), 'wrong_address', 'axisUrl'],
    [new AxisError('permanent', 'bad_response', 'x'), 'wrong_address', 'axisUrl'],
    [new AxisError('retryable', '20', 'x'), 'axis_error', 'axisUrl'],
    [new AxisError('retryable', 'http_503', 'x'), 'axis_error', 'axisUrl'],
    [new AxisError('permanent', '23', 'x'), 'refused', 'axisUrl'],
    [new Error('disk I/O error'), 'internal', 'axisUrl'],
  ] as const)('%s → %s', (error, code, field) => {
    expect(axisProblemCode(error)).toBe(code);
    expect(axisProblemField(axisProblemCode(error))).toBe(field);
  });
});
