import { describe, expect, it } from 'vitest';
import { aboutBox, arrivalNotification, noticesNotification, trayTooltip, updateReadyNotification } from './desktop-texts.js';

describe('trayTooltip', () => {
  it('says how many documents wait, with the language’s digit grouping, or that none does', () => {
    expect(trayTooltip(3, 'vi')).toBe('VanThu — 3 văn bản chờ xử lý');
    expect(trayTooltip(1200, 'vi')).toBe('VanThu — 1.200 văn bản chờ xử lý');
    expect(trayTooltip(1200, 'en')).toBe('VanThu — 1,200 documents waiting');
    expect(trayTooltip(0, 'vi')).toBe('VanThu — không có văn bản chờ xử lý');
    expect(trayTooltip(0, 'en')).toBe('VanThu — no documents waiting');
  });
});

describe('arrivalNotification', () => {
  const arrived = { type: 'document.arrived', id: 4, subject: 'V/v họp giao ban', senderName: 'UBND tỉnh Nghệ An', priority: 0 } as const;

  it('names the subject and the sender', () => {
    expect(arrivalNotification(arrived, 'vi')).toEqual({
      title: 'VanThu: văn bản mới đến',
      body: 'Văn bản mới đến: V/v họp giao ban\nTừ UBND tỉnh Nghệ An',
      urgency: 'normal',
    });
    expect(arrivalNotification({ ...arrived, senderName: null }, 'en')).toEqual({ title: 'VanThu: new document', body: 'New document: V/v họp giao ban', urgency: 'normal' });
  });

  it('says the urgency in the title of an urgent document, which stays until dismissed', () => {
    expect(arrivalNotification({ ...arrived, priority: 3 }, 'vi')).toMatchObject({ title: 'VanThu: văn bản Hỏa tốc mới đến', urgency: 'critical' });
    expect(arrivalNotification({ ...arrived, priority: 1 }, 'en')).toMatchObject({ title: 'VanThu: new document (Urgent)', urgency: 'critical' });
  });
});

describe('updateReadyNotification', () => {
  it('names the version and says that a click installs, once nothing is being sent or signed', () => {
    expect(updateReadyNotification('0.2.0', 'vi')).toEqual({
      title: 'Có bản cập nhật VanThu 0.2.0',
      body: 'Bấm vào đây để cài đặt và mở lại VanThu. Việc cài đặt chờ đến khi không còn văn bản đang gửi hay đang ký.',
    });
    expect(updateReadyNotification('0.2.0', 'en').title).toBe('VanThu 0.2.0 is ready to install');
  });
});

describe('aboutBox', () => {
  it('gives the app, Electron, Chromium and Node versions', () => {
    const box = aboutBox({ app: '0.1.0', electron: '45.4.1', chrome: '142.0.1', node: '22.20.0' }, 'en');
    expect(box).toEqual({
      title: 'About VanThu',
      message: 'VanThu 0.1.0',
      detail: 'Official document exchange for state agencies.\nElectron 45.4.1 · Chromium 142.0.1 · Node.js 22.20.0',
      buttons: ['Close'],
    });
    expect(aboutBox({ app: '0.1.0', electron: '45.4.1', chrome: '142.0.1', node: '22.20.0' }, 'vi').buttons).toEqual(['Đóng']);
  });
});

describe('noticesNotification', () => {
  const reminder = {
    key: 'reminder:3',
    day: '2026-12-02',
    read: false,
    kind: 'reminder',
    documentSubject: 'Công văn về báo cáo quý',
    reminder: { id: 3, kind: 'overdue', itemId: 9, documentId: 41, deadline: '2026-12-01', day: '2026-12-02', workingDaysLate: 1, own: false },
  } as const;
  const digest = { key: 'digest:7:2026-12-02', day: '2026-12-02', read: false, kind: 'digest', digest: { day: '2026-12-02', open: 3, overdue: 0, dueToday: 2, dueSoon: 1, awaiting: 0 } } as const;

  it('says the one notice in plain words, dates in dd/MM/yyyy; an overdue one stays until dismissed', () => {
    expect(noticesNotification({ type: 'hub.notices', arrived: [reminder] }, 'vi')).toEqual({
      title: 'VanThu: nhắc việc',
      body: 'Việc của đơn vị quá hạn 1 ngày làm việc (hạn 01/12/2026): Công văn về báo cáo quý',
      urgency: 'critical',
    });
    expect(noticesNotification({ type: 'hub.notices', arrived: [digest] }, 'en')).toEqual({
      title: 'VanThu: reminder',
      body: 'Work for 02/12/2026: 0 overdue, 2 due today, 1 due within 3 working days, 0 waiting for your decision.',
      urgency: 'normal',
    });
  });

  it('counts several', () => {
    expect(noticesNotification({ type: 'hub.notices', arrived: [digest, reminder] }, 'vi')).toMatchObject({ body: '2 nhắc việc mới', urgency: 'critical' });
  });
});
