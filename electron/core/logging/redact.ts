/**
 * Removes secrets from what is about to be logged: logs go to the helpdesk in diagnostics reports,
 * so a PIN, an axis secret or the browser host's launch token must never reach them.
 */

export const REDACTED = '[redacted]';

// Field names compared without case, '-' or '_': userPin, user_pin and USER-PIN are one name.
const SECRET_NAMES = new Set(['pin', 'userpin', 'sopin', 'newpin', 'oldpin', 'puk', 'passphrase', 'hmackey', 'apikey', 'privatekey', 'secretkey', 'authorization', 'proxyauthorization', 'cookie', 'setcookie']);
const SECRET_SUFFIXES = ['secret', 'password', 'token'];

function isSecretName(name: string): boolean {
  const plain = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_NAMES.has(plain) || SECRET_SUFFIXES.some((suffix) => plain.endsWith(suffix));
}

const NAME = String.raw`(?:user[-_]?pin|so[-_]?pin|new[-_]?pin|old[-_]?pin|pin|puk|passphrase|hmac[-_]?key|api[-_]?key|[a-z_-]*secret|[a-z_-]*password|[a-z_-]*token)`;
const QUOTED = String.raw`(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`;

const TEXT_RULES: [RegExp, string][] = [
  // Headers, whole rest of the line: the value may hold several cookies or a scheme and a credential.
  [/\b((?:proxy-)?authorization|set-cookie|cookie)(\s*[:=]\s*)(?!\[redacted\])[^\r\n]*/gi, `$1$2${REDACTED}`],
  [/\b(bearer|basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // "pin":"1234" (JSON) and pin: '1234' (util.inspect).
  [new RegExp(String.raw`(["']?)\b(${NAME})\1(\s*:\s*)${QUOTED}`, 'gi'), `$1$2$1$3"${REDACTED}"`],
  [new RegExp(String.raw`(["']?)\b(${NAME})\1(\s*:\s*)(-?\d+)\b`, 'gi'), `$1$2$1$3"${REDACTED}"`],
  // ?token=…, pin=1234, --pin=1234 and --so-pin 1234 (pkcs11-tool style login arguments).
  [new RegExp(String.raw`(--${NAME})([= ])(?!\[redacted\])[^\s&]+`, 'gi'), `$1$2${REDACTED}`],
  [new RegExp(String.raw`\b(${NAME})=(?!\[redacted\])[^\s&#"']+`, 'gi'), `$1=${REDACTED}`],
];

export function redactText(text: string): string {
  return TEXT_RULES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** A copy of `value` safe to log: secret-named fields replaced, every string passed through redactText. */
export function redactValue(value: unknown): unknown {
  return redactInner(value, new WeakSet());
}

function redactInner(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    // Errors keep their class name and stack for the helpdesk; the message may quote a URL with a token.
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    if (value.cause !== undefined) copy.cause = redactInner(value.cause, seen);
    return copy;
  }
  if (ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redactInner(item, seen));
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, typeof key === 'string' && isSecretName(key) ? REDACTED : redactInner(item, seen)]));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretName(key) ? REDACTED : redactInner(item, seen)]));
}
