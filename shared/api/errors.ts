/**
 * Errors that cross the API boundary. The code is stable (the renderer picks its translated
 * text by it); the message is English detail for logs and the helpdesk.
 */
export const API_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'not_configured',
  'unavailable',
  /** The data folder's disk (or the user's quota) is full: nothing was saved. */
  'disk_full',
  /** The data folder cannot be written (read-only disk or permissions). */
  'read_only',
  /** The database is damaged: the app is in recovery (restore a backup or start afresh). */
  'damaged',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  /** Field-level problems of invalid input: path → message. */
  fields?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(code: ApiErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }

  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }

  static fromBody(body: unknown): ApiError {
    if (typeof body === 'object' && body !== null) {
      const { code, message, fields } = body as Partial<ApiErrorBody>;
      if (typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code)) {
        return new ApiError(code, typeof message === 'string' ? message : code, fields);
      }
    }
    return new ApiError('internal', 'Malformed error from the VanThu core');
  }
}
