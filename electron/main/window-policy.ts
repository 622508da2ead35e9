/**
 * The security decisions of the app window, as plain values and functions: window.ts wires them
 * into Electron, and window-policy.test.ts checks them without an Electron binary. Electron is
 * imported for its types only, so this module runs under plain Node.
 */
import type { WebPreferences } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BLOB_SCHEME, CONTENT_SECURITY_POLICY } from '../../shared/api/transport.js';

function rendererIndex(bundleDir: string): string {
  return path.join(bundleDir, '..', 'renderer', 'index.html');
}

export function rendererIndexUrl(bundleDir: string): string {
  return pathToFileURL(rendererIndex(bundleDir)).href;
}

/**
 * No Node in the page, a sandboxed renderer, and nothing that loosens the same-origin rules. A
 * packaged build has no developer tools at all (not only none in the menu).
 */
export function windowWebPreferences(bundleDir: string, packaged: boolean): WebPreferences {
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // The spellchecker would download dictionaries from Google's servers.
    spellcheck: false,
    devTools: !packaged,
  };
}

/** A link the user's own browser may open: https only (no http, file:, javascript:, custom schemes). */
function externalLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export type NavigationDecision = { allow: true } | { allow: false; openExternal: string | null };

/** The window only ever shows the bundled renderer page; routes live in its hash. */
export function decideNavigation(url: string, indexUrl: string): NavigationDecision {
  if (isRendererPage(url, indexUrl)) return { allow: true };
  return { allow: false, openExternal: externalLink(url) };
}

/** Nothing opens inside the app; web links go to the user's browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternal: string | null } {
  return { action: 'deny', openExternal: externalLink(url) };
}

export function isRendererPage(url: string | undefined, indexUrl: string): boolean {
  if (url === undefined) return false;
  try {
    const parsed = new URL(url);
    const index = new URL(indexUrl);
    return parsed.protocol === 'file:' && parsed.host === index.host && fileURLToPath(parsed) === fileURLToPath(index);
  } catch {
    return false;
  }
}

/**
 * The app needs no camera, microphone, location, page notifications or anything else. Typed
 * loosely (any contents, any permission name) so that names Electron adds later are denied too;
 * window.ts hands these to Electron's own handler types, which the typecheck holds them to.
 */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(_contents: unknown, _permission: string): boolean {
  return false;
}

/**
 * Response headers with the shared CSP in place of whatever the response carried, except a file
 * link's (`vanthu-blob:`), whose sandboxing CSP (served-file.ts) must stay.
 */
export function responseHeadersFor(url: string, headers: Record<string, string[]> | undefined): Record<string, string[]> {
  return url.startsWith(`${BLOB_SCHEME}:`) ? (headers ?? {}) : withContentSecurityPolicy(headers);
}

/** Response headers with the shared CSP in place of whatever the response carried. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/** `will-attach-webview`: the app has no <webview>, so none may be attached (webviewTag is off too). */
export function preventWebviewAttach(event: { preventDefault(): void }): void {
  event.preventDefault();
}
