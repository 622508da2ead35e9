/**
 * Fastify validates each route's body, params and query with the zod schemas of shared/hub, and
 * hands the handler the parsed value (trimmed, lower-cased, defaults filled), not the raw input.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { HubError } from '../errors.js';

export function useZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler<z.ZodType>(({ schema }) => (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: invalidInput(result.error) };
  });
}

export function invalidInput(error: z.ZodError): HubError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return new HubError('invalid_input', `Invalid input: ${issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; ')}`, { issues });
}
