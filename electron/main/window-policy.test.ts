/**
 * The app window's security settings, checked on the configuration window.ts hands to Electron:
 * no Electron binary is available where these tests run, so nothing here starts a window.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/transport.js';
import {
  decideNavigation,
  decideWindowOpen,
  denyPermissionCheck,
  denyPermissionRequest,
  isRendererPage,
  preventWebviewAttach,
  responseHeadersFor,
  rendererIndexUrl,
  windowWebPreferences,
  withContentSecurityPolicy,
} from './window-policy.js';

const bundleDir = path.resolve('/opt/VanThu/resources/app/dist/electron');
const indexUrl = rendererIndexUrl(bundleDir);

describe('webPreferences', () => {
  it('isolates and sandboxes the page, with no Node anywhere and web security on', () => {
    expect(windowWebPreferences(bundleDir, true)).toEqual({
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
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows the developer tools only in an unpackaged build', () => {
    expect(windowWebPreferences(bundleDir, false).devTools).toBe(true);
    expect(windowWebPreferences(bundleDir, true).devTools).toBe(false);
  });

  it('loads the bundled renderer page from the file next to the bundle', () => {
    expect(indexUrl).toBe(pathToFileURL(path.join(bundleDir, '..', 'renderer', 'index.html')).href);
  });
});

describe('navigation (will-navigate)', () => {
  it('allows the renderer page itself, with its hash routes', () => {
    expect(decideNavigation(indexUrl, indexUrl)).toEqual({ allow: true });
    expect(decideNavigation(`${indexUrl}#/incoming/42`, indexUrl)).toEqual({ allow: true });
  });

  it('refuses every other page; https ones are handed to the user browser, nothing else is', () => {
    expect(decideNavigation('https://evil.example/', indexUrl)).toEqual({ allow: false, openExternal: 'https://evil.example/' });
    expect(decideNavigation('http://evil.example/', indexUrl)).toEqual({ allow: false, openExternal: null });
    for (const url of [
      pathToFileURL(path.join(bundleDir, '..', 'renderer', 'other.html')).href,
      pathToFileURL(path.resolve('/etc/passwd')).href,
      'file:///C:/Windows/System32/cmd.exe',
      'file://attacker.example/share/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:null/1234',
      'vanthu://settings',
      'not a url',
    ]) {
      expect(decideNavigation(url, indexUrl), url).toEqual({ allow: false, openExternal: null });
    }
  });

  it('accepts API calls only from the renderer page (isRendererPage)', () => {
    expect(isRendererPage(indexUrl, indexUrl)).toBe(true);
    expect(isRendererPage(undefined, indexUrl)).toBe(false);
    expect(isRendererPage('https://evil.example/', indexUrl)).toBe(false);
    expect(isRendererPage(`${indexUrl}/../../evil.html`, indexUrl)).toBe(false);
  });
});

describe('new windows (setWindowOpenHandler)', () => {
  it('denies every window; https links go to the user browser, others nowhere', () => {
    expect(decideWindowOpen('https://vanban.chinhphu.vn/')).toEqual({ action: 'deny', openExternal: 'https://vanban.chinhphu.vn/' });
    for (const url of [indexUrl, 'http://example.com/', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'smb://host/share', '']) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternal: null });
    }
  });
});

describe('permissions', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'fullscreen', 'hid', 'serial', 'usb', 'midiSysex', 'openExternal', 'pointerLock', 'unknown', 'some-future-permission'];

  it('denies every permission request', () => {
    for (const permission of permissions) {
      const answers: boolean[] = [];
      denyPermissionRequest(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check with no', () => {
    for (const permission of permissions) expect(denyPermissionCheck(null, permission), permission).toBe(false);
  });
});

describe('webviews', () => {
  it('prevents will-attach-webview', () => {
    let prevented = 0;
    preventWebviewAttach({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
  });
});

describe('Content-Security-Policy', () => {
  it('is set on every response, replacing whatever the response carried', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy({ 'content-security-policy': ["script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('keeps the sandboxing CSP of a file link (vanthu-blob:) and replaces every other', () => {
    const link = { 'Content-Security-Policy': ["default-src 'none'; sandbox"], 'Content-Type': ['application/pdf'] };
    expect(responseHeadersFor('vanthu-blob://file/abc', link)).toEqual(link);
    expect(responseHeadersFor('file:///app/dist/renderer/index.html', link)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(responseHeadersFor('https://vanthu-blob.example/', link)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('is strict: nothing by default, scripts from the app only, no inline code or eval, no framing, no plugins', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:/);
  });
});

describe('preload', () => {
  it('exposes one object, built by createPreloadBridge, and never ipcRenderer itself', async () => {
    const source = await readFile(path.join(import.meta.dirname, '..', 'preload', 'preload.ts'), 'utf8');
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect([...code.matchAll(/contextBridge\.exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(code).toMatch(/contextBridge\.exposeInMainWorld\('vanthu', createPreloadBridge\(ipcRenderer\)\);/);
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*,\s*ipcRenderer\b/);
    expect(code).not.toMatch(/executeInMainWorld|exposeInIsolatedWorld|webFrame/);
  });
});
