/**
 * Which addresses may carry the agency's traffic (the axis, and the updates): https anywhere;
 * plain http only to this computer (the demo axis, a local proxy), or anywhere when IT allows it
 * with the AllowHttp policy. The signature headers of the axis binding protect no body and no
 * answer (docs/reliability.md#replay), so on a network only TLS keeps them from being read and
 * changed on the way. See docs/reliability.md#plain-http.
 */

/** localhost, *.localhost, 127.0.0.0/8 and ::1: names and addresses that never leave this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/** Whether `url` would send VanThu's traffic over plain http to another computer. */
export function isPlainHttpOffMachine(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
}
