import { describe, expect, it } from 'vitest';
import { arrivalNotification } from './desktop-texts.js';
import { notificationOptions, plainNotificationText, windowsToastXml } from './notification-markup.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** What a hostile sender puts in a subject and an agency name. */
const hostile = {
  type: 'document.arrived',
  id: 9,
  subject: 'Báo cáo </text></binding></visual><actions><action content="Mở" arguments="https://evil.example/x" activationType="protocol"/></actions><visual><binding template="ToastGeneric"><text>',
  senderName: 'UBND <b>tỉnh</b> <a href="https://evil.example">bấm</a> <img src="https://evil.example/p.png"/> & \u202Etxt.exe',
  priority: 3,
} as const;

describe('notification text from a sender', () => {
  it('Windows: the toast XML holds the sender text as escaped text only, and stays well-formed', () => {
    const options = notificationOptions(arrivalNotification(hostile, 'vi'), 'win32');
    const xml = options.toastXml!;
    expect(xml.match(/<action\b/g)).toBeNull();
    expect(xml.match(/<text>/g)).toHaveLength(3);
    expect(xml).toContain('&lt;/text&gt;&lt;/binding&gt;');
    expect(xml).toContain('&quot;https://evil.example/x&quot;');
    expect(xml).toContain('&amp; txt.exe');
    // Well-formed: every tag the XML has is one VanThu wrote.
    expect([...xml.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1])).toEqual(['toast', 'visual', 'binding', 'text', 'text', 'text', 'text', 'text', 'text', 'binding', 'visual', 'toast']);
    expect(windowsToastXml("a'b\"c", '<x>')).toBe('<toast><visual><binding template="ToastGeneric"><text>a&apos;b&quot;c</text><text>&lt;x&gt;</text></binding></visual></toast>');
  });

  it('Linux: the body markup is escaped (no link, image or bold from a sender); the plain-text title is not', () => {
    const options = notificationOptions({ title: 'Tiêu đề <b>x</b> & y', body: hostile.senderName }, 'linux');
    expect(options.body).toBe('UBND &lt;b&gt;tỉnh&lt;/b&gt; &lt;a href=&quot;https://evil.example&quot;&gt;bấm&lt;/a&gt; &lt;img src=&quot;https://evil.example/p.png&quot;/&gt; &amp; txt.exe');
    expect(options.title).toBe('Tiêu đề <b>x</b> & y');
    expect(notificationOptions(arrivalNotification(hostile, 'vi'), 'linux').urgency).toBe('critical');
  });

  it('removes control characters and bidi/format controls, keeps line breaks, bounds the length', () => {
    expect(plainNotificationText('a\u0000b\u0007c\u001bd\u202Ee\u2066f\u200Bg\nh\r\ni', 100)).toBe('abcdefg\nh\ni');
    expect([...plainNotificationText('ừ'.repeat(1000), 50)]).toHaveLength(50);
  });

  it('is what main shows: every Notification goes through notificationOptions', async () => {
    const files = [...(await readdir(import.meta.dirname)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).map((name) => path.join(import.meta.dirname, name)), path.join(import.meta.dirname, '..', 'processes', 'electron-main.ts')];
    const main = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
    const created = [...main.matchAll(/new Notification\(([^)]*)/g)].map((m) => m[1]);
    expect(created.length).toBeGreaterThan(0);
    for (const argument of created) expect(argument).toMatch(/^notificationOptions\(/);
  });
});
