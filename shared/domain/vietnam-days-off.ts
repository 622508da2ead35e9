/**
 * The days off and make-up days VanThu ships for 2026 and 2027, for the civil service (công chức,
 * viên chức), with their sources: docs/formats.md "Working days and deadlines". Lunar holidays
 * and the Prime Minister's choices change every year, so this is data: a hub copies it into its
 * table once (migration 150) and IT keeps that table (`npm run hub -- holidays …`); a desk and
 * a standalone VanThu use it as shipped. Only weekdays off and weekend days worked are listed: a
 * holiday on a Sunday changes nothing by itself; its day in lieu is listed.
 */
import type { CalendarDay } from './working-days.js';

const off = (date: string, note: string): CalendarDay => ({ date, kind: 'day_off', note });
const worked = (date: string, note: string): CalendarDay => ({ date, kind: 'make_up_day', note });

/** Bộ luật Lao động 2019 Art. 111.3: a holiday on a weekly rest day gives the next working day off. */
const IN_LIEU = 'nghỉ bù, BLLĐ 2019 Điều 111.3';
/** Not announced when this table was made: IT corrects it from the year's notice. */
const ESTIMATE = 'ước tính, chưa có thông báo của Chính phủ';

const TET_2026 = 'Tết Âm lịch Bính Ngọ, Thông báo 9441/TB-BNV';
const TET_2027 = `Tết Âm lịch Đinh Mùi, ${ESTIMATE}`;

export const VIETNAM_DAYS_OFF: readonly CalendarDay[] = [
  off('2026-01-01', 'Tết Dương lịch'),
  off('2026-01-02', 'Nghỉ Tết Dương lịch, hoán đổi với thứ Bảy 10/01/2026 (Công văn 12729/VPCP-KGVX)'),
  worked('2026-01-10', 'Làm bù cho thứ Sáu 02/01/2026 (Công văn 12729/VPCP-KGVX)'),
  off('2026-02-16', `${TET_2026} (29 tháng Chạp)`),
  off('2026-02-17', `${TET_2026} (mùng 1)`),
  off('2026-02-18', `${TET_2026} (mùng 2)`),
  off('2026-02-19', `${TET_2026} (mùng 3)`),
  off('2026-02-20', `${TET_2026} (mùng 4)`),
  off('2026-04-27', `Giỗ Tổ Hùng Vương: 10/3 âm lịch là Chủ nhật 26/4, ${IN_LIEU}`),
  off('2026-04-30', 'Ngày Chiến thắng'),
  off('2026-05-01', 'Ngày Quốc tế Lao động'),
  worked('2026-08-22', 'Làm bù cho thứ Hai 31/8/2026 (Thông báo 9441/TB-BNV)'),
  off('2026-08-31', 'Nghỉ Quốc khánh, hoán đổi với thứ Bảy 22/8/2026 (Thông báo 9441/TB-BNV)'),
  off('2026-09-01', 'Quốc khánh, ngày liền kề (Thông báo 9441/TB-BNV)'),
  off('2026-09-02', 'Quốc khánh'),
  off('2026-11-24', 'Ngày Văn hóa Việt Nam (Nghị quyết 80-NQ/TW)'),

  off('2027-01-01', 'Tết Dương lịch'),
  off('2027-02-05', `${TET_2027} (29 tháng Chạp)`),
  off('2027-02-08', `${TET_2027} (mùng 3)`),
  off('2027-02-09', `${TET_2027} (mùng 4)`),
  off('2027-02-10', `${TET_2027}: mùng 1 là thứ Bảy, ${IN_LIEU}`),
  off('2027-02-11', `${TET_2027}: mùng 2 là Chủ nhật, ${IN_LIEU}`),
  off('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
  off('2027-04-30', 'Ngày Chiến thắng'),
  off('2027-05-03', `Ngày Quốc tế Lao động: 1/5 là thứ Bảy, ${IN_LIEU}`),
  off('2027-09-02', 'Quốc khánh'),
  off('2027-09-03', `Quốc khánh, ngày liền kề (${ESTIMATE})`),
  off('2027-11-24', 'Ngày Văn hóa Việt Nam (Nghị quyết 80-NQ/TW)'),
];
