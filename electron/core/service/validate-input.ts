import { ApiError } from '../../../shared/api/errors.js';
import { apiInputs, isApiMethod, type ApiMethod, type ApiParsedInput } from '../../../shared/api/contract.js';

/** Checks a call from a renderer against the contract; the renderer is never trusted. */
export function validateCall(method: unknown, input: unknown): { method: ApiMethod; input: ApiParsedInput<ApiMethod> } {
  if (!isApiMethod(method)) throw new ApiError('not_found', `Unknown API method: ${String(method).slice(0, 80)}`);
  const parsed = apiInputs[method].safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || '(input)'] ??= issue.message;
    throw new ApiError('invalid_input', `Invalid input for ${method}`, fields);
  }
  return { method, input: parsed.data };
}
