/**
 * Every string the user sees, in one table: Vietnamese first (the working language of a văn thư),
 * English second. Placeholders are written `{name}` and must be the same in both languages (a
 * test checks it); `t()` types the parameters from the Vietnamese text.
 *
 * Keep the Vietnamese labels of controls stable: end-to-end tests find controls by them.
 */
import type { ApiErrorCode } from '../api/errors.js';
import type { SyncPhase } from '../api/sync-status.js';

export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'vi';

/** The Intl locale of each UI language (numbers 1.200 / 1,200; dates 23/11/2025). */
export const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export const messages = {
  // ── Application ────────────────────────────────────────────────────────────
  'app.name': { vi: 'VanThu', en: 'VanThu' },
  'app.tagline': { vi: 'Văn thư liên thông', en: 'Official document exchange' },
  'app.title': { vi: 'VanThu — Văn thư liên thông', en: 'VanThu — Official document exchange' },
  'app.loading': { vi: 'Đang tải ứng dụng…', en: 'Loading the application…' },
  'app.loadFailed': { vi: 'Không tải được trạng thái ứng dụng.', en: 'The application state could not be loaded.' },

  // ── Common ─────────────────────────────────────────────────────────────────
  'common.loading': { vi: 'Đang tải…', en: 'Loading…' },
  'common.retry': { vi: 'Thử lại', en: 'Retry' },
  'common.none': { vi: '—', en: '—' },
  'common.optional': { vi: 'Không bắt buộc', en: 'Optional' },
  'common.required': { vi: 'Bắt buộc', en: 'Required' },

  // ── Header ─────────────────────────────────────────────────────────────────
  'header.agency': { vi: 'Cơ quan đang kết nối', en: 'Connected agency' },
  'header.demoBadge': { vi: 'Demo', en: 'Demo' },
  'header.demoBadgeTitle': {
    vi: 'Đang dùng thử với trục liên thông tham chiếu chạy trong ứng dụng',
    en: 'Trying VanThu with the embedded reference axis',
  },
  'language.label': { vi: 'Ngôn ngữ', en: 'Language' },
  'language.vi': { vi: 'VI', en: 'VI' },
  'language.en': { vi: 'EN', en: 'EN' },
  'language.vi.title': { vi: 'Tiếng Việt', en: 'Tiếng Việt' },
  'language.en.title': { vi: 'English', en: 'English' },

  // ── Navigation ─────────────────────────────────────────────────────────────
  'nav.label': { vi: 'Chức năng chính', en: 'Main navigation' },
  'nav.drafts': { vi: 'Dự thảo', en: 'Drafts' },
  'nav.agencies': { vi: 'Danh bạ cơ quan', en: 'Agency directory' },

  // ── First-run setup ────────────────────────────────────────────────────────
  'setup.title': { vi: 'Thiết lập ban đầu', en: 'First-time setup' },
  'setup.intro': {
    vi: 'Chọn cách VanThu kết nối với trục liên thông văn bản quốc gia. Bạn có thể dùng thử trước rồi kết nối trục thật sau.',
    en: 'Choose how VanThu connects to the national document exchange axis. You can try it first and connect to the real axis later.',
  },
  'setup.demo.heading': { vi: 'Dùng thử', en: 'Try it out' },
  'setup.demo.description': {
    vi: 'Khởi động một trục liên thông tham chiếu chạy ngay trong ứng dụng, kèm ba cơ quan mẫu để thử soạn, gửi và nhận văn bản. Không có dữ liệu nào được gửi tới hệ thống thật.',
    en: 'Starts an embedded reference axis inside the application, with three sample agencies to try drafting, sending and receiving documents. Nothing is sent to a real system.',
  },
  'setup.demo.button': { vi: 'Dùng thử (demo)', en: 'Try the demo' },
  'setup.demo.pending': { vi: 'Đang khởi động trục liên thông tham chiếu…', en: 'Starting the reference axis…' },
  'setup.connect.heading': { vi: 'Kết nối trục liên thông', en: 'Connect to the exchange axis' },
  'setup.connect.description': {
    vi: 'Nhập thông tin kết nối do đơn vị quản lý trục liên thông văn bản quốc gia cấp cho cơ quan của bạn.',
    en: 'Enter the connection details that the operator of the national document axis issued to your agency.',
  },
  'setup.axisUrl.label': { vi: 'Địa chỉ trục liên thông', en: 'Axis address' },
  'setup.axisUrl.placeholder': { vi: 'https://', en: 'https://' },
  'setup.axisUrl.hint': {
    vi: 'Địa chỉ bắt đầu bằng https:// (hoặc http:// trong mạng nội bộ).',
    en: 'An address starting with https:// (or http:// on an internal network).',
  },
  'setup.agencyCode.label': { vi: 'Mã định danh cơ quan', en: 'Agency code' },
  'setup.agencyCode.placeholder': { vi: '000.00.00.G22', en: '000.00.00.G22' },
  'setup.agencyCode.hint': {
    vi: 'Mã định danh điện tử của cơ quan theo QCVN 102:2016/BTTTT, ví dụ 000.00.00.G22.',
    en: 'Your agency’s electronic identifier under QCVN 102:2016/BTTTT, e.g. 000.00.00.G22.',
  },
  'setup.secret.label': { vi: 'Khóa bí mật', en: 'Secret key' },
  'setup.secret.hint': {
    vi: 'Do đơn vị quản lý trục liên thông cấp, tối thiểu 8 ký tự.',
    en: 'Issued by the axis operator, at least 8 characters.',
  },
  'setup.connect.button': { vi: 'Kết nối', en: 'Connect' },
  'setup.connect.pending': { vi: 'Đang kết nối tới trục liên thông…', en: 'Connecting to the axis…' },
  'setup.field.axisUrl': {
    vi: 'Địa chỉ trục liên thông không hợp lệ. Địa chỉ phải bắt đầu bằng https:// hoặc http://.',
    en: 'The axis address is not valid. It must start with https:// or http://.',
  },
  'setup.field.agencyCode': {
    vi: 'Mã định danh không hợp lệ: chỉ gồm chữ cái, chữ số, dấu chấm, dấu gạch ngang hoặc gạch dưới.',
    en: 'The agency code is not valid: use only letters, digits, dots, dashes or underscores.',
  },
  'setup.field.secret': { vi: 'Khóa bí mật phải có từ 8 đến 512 ký tự.', en: 'The secret key must be 8 to 512 characters long.' },
  'setup.error.unauthorized': {
    vi: 'Trục liên thông từ chối mã định danh hoặc khóa bí mật. Vui lòng kiểm tra lại.',
    en: 'The axis rejected the agency code or the secret key. Please check them.',
  },
  'setup.error.unavailable': {
    vi: 'Không kết nối được tới trục liên thông. Vui lòng kiểm tra địa chỉ và kết nối mạng.',
    en: 'The axis could not be reached. Please check the address and the network connection.',
  },

  // ── Agency directory ───────────────────────────────────────────────────────
  'agencies.title': { vi: 'Danh bạ cơ quan', en: 'Agency directory' },
  'agencies.search.label': { vi: 'Tìm kiếm cơ quan', en: 'Search agencies' },
  'agencies.search.placeholder': {
    vi: 'Nhập tên cơ quan, mã định danh hoặc thư điện tử',
    en: 'Type an agency name, code or email',
  },
  'agencies.total': { vi: '{total} cơ quan', en: '{total} agencies' },
  'agencies.truncated': {
    vi: 'Đang hiển thị {shown} cơ quan đầu tiên. Hãy nhập thêm từ khóa để thu hẹp kết quả.',
    en: 'Showing the first {shown} agencies. Type more to narrow the results.',
  },
  'agencies.table.label': { vi: 'Danh sách cơ quan', en: 'Agency list' },
  'agencies.col.name': { vi: 'Tên cơ quan', en: 'Agency name' },
  'agencies.col.code': { vi: 'Mã định danh', en: 'Agency code' },
  'agencies.col.qd20': { vi: 'Mã QĐ 20', en: 'QĐ 20 code' },
  'agencies.col.email': { vi: 'Thư điện tử', en: 'Email' },
  'agencies.empty.notSynced': {
    vi: 'Danh bạ cơ quan chưa được đồng bộ. Danh bạ sẽ được tải về từ trục liên thông ở lần đồng bộ tới; bạn cũng có thể bấm “Đồng bộ ngay”.',
    en: 'The agency directory has not been synced yet. It will be downloaded from the axis at the next sync; you can also press “Sync now”.',
  },
  'agencies.empty.noMatch': {
    vi: 'Không tìm thấy cơ quan nào phù hợp với “{query}”.',
    en: 'No agency matches “{query}”.',
  },

  // ── Drafts ─────────────────────────────────────────────────────────────────
  'drafts.title': { vi: 'Văn bản dự thảo', en: 'Draft documents' },
  'drafts.list.label': { vi: 'Danh sách văn bản dự thảo', en: 'Draft documents' },
  'drafts.col.subject': { vi: 'Trích yếu', en: 'Subject' },
  'drafts.col.attachments': { vi: 'Tệp đính kèm', en: 'Attachments' },
  'drafts.col.updated': { vi: 'Cập nhật lúc', en: 'Updated' },
  'drafts.empty': {
    vi: 'Chưa có văn bản dự thảo nào. Hãy tạo dự thảo đầu tiên bằng biểu mẫu “Dự thảo mới”.',
    en: 'There are no drafts yet. Create the first one with the “New draft” form.',
  },
  'drafts.new.heading': { vi: 'Dự thảo mới', en: 'New draft' },
  'drafts.subject.label': { vi: 'Trích yếu', en: 'Subject' },
  'drafts.subject.placeholder': { vi: 'V/v …', en: 'Re: …' },
  'drafts.summary.label': { vi: 'Tóm tắt nội dung', en: 'Summary' },
  'drafts.create.button': { vi: 'Tạo dự thảo', en: 'Create draft' },
  'drafts.create.pending': { vi: 'Đang tạo dự thảo…', en: 'Creating the draft…' },
  'drafts.created': { vi: 'Đã tạo dự thảo.', en: 'Draft created.' },
  'drafts.field.subject.required': { vi: 'Vui lòng nhập trích yếu.', en: 'Please enter a subject.' },
  'drafts.field.subject': {
    vi: 'Trích yếu không được để trống và tối đa 500 ký tự.',
    en: 'The subject must not be empty and may have at most 500 characters.',
  },
  'drafts.field.summary': { vi: 'Tóm tắt nội dung tối đa 2.000 ký tự.', en: 'The summary may have at most 2,000 characters.' },
  'drafts.detail.none': {
    vi: 'Chọn một dự thảo trong danh sách để xem chi tiết và thêm tệp đính kèm.',
    en: 'Select a draft in the list to see its details and add attachments.',
  },
  'drafts.detail.label': { vi: 'Chi tiết dự thảo', en: 'Draft details' },
  'drafts.detail.notFound': {
    vi: 'Không tìm thấy văn bản này. Có thể văn bản đã bị xóa.',
    en: 'This document was not found. It may have been deleted.',
  },
  'drafts.detail.created': { vi: 'Tạo lúc', en: 'Created' },
  'drafts.detail.updated': { vi: 'Cập nhật lúc', en: 'Updated' },
  'drafts.detail.summary': { vi: 'Tóm tắt nội dung', en: 'Summary' },
  'drafts.detail.noSummary': { vi: 'Không có tóm tắt.', en: 'No summary.' },

  // ── Attachments ────────────────────────────────────────────────────────────
  'attachments.title': { vi: 'Tệp đính kèm', en: 'Attachments' },
  'attachments.empty': { vi: 'Chưa có tệp đính kèm.', en: 'No attachments yet.' },
  'attachments.table.label': { vi: 'Danh sách tệp đính kèm', en: 'Attachment list' },
  'attachments.col.name': { vi: 'Tên tệp', en: 'File name' },
  'attachments.col.size': { vi: 'Dung lượng', en: 'Size' },
  'attachments.col.sha256': { vi: 'SHA-256', en: 'SHA-256' },
  'attachments.col.actions': { vi: 'Thao tác', en: 'Actions' },
  'attachments.open': { vi: 'Mở', en: 'Open' },
  'attachments.openNamed': { vi: 'Mở tệp {name}', en: 'Open {name}' },
  'attachments.add.label': { vi: 'Thêm tệp PDF', en: 'Add a PDF file' },
  'attachments.add.hint': { vi: 'Tối đa 100 MB mỗi tệp.', en: 'Up to 100 MB per file.' },
  'attachments.uploading': { vi: 'Đang tải lên tệp {name}…', en: 'Uploading {name}…' },
  'attachments.added': { vi: 'Đã thêm tệp {name}.', en: '{name} added.' },
  'attachments.tooLarge': {
    vi: 'Tệp {name} vượt quá dung lượng tối đa 100 MB.',
    en: '{name} is larger than the 100 MB limit.',
  },
  'attachments.empty.file': { vi: 'Tệp {name} không có nội dung.', en: '{name} is empty.' },
  'attachments.readFailed': { vi: 'Không đọc được tệp {name} từ máy tính.', en: '{name} could not be read from this computer.' },

  // ── Sync status bar ────────────────────────────────────────────────────────
  'sync.bar.label': { vi: 'Trạng thái đồng bộ', en: 'Sync status' },
  'sync.phase.idle': { vi: 'Sẵn sàng', en: 'Idle' },
  'sync.phase.syncing': { vi: 'Đang đồng bộ', en: 'Syncing' },
  'sync.phase.offline': { vi: 'Mất kết nối trục', en: 'Axis offline' },
  'sync.phase.error': { vi: 'Lỗi đồng bộ', en: 'Sync error' },
  'sync.phase.stopped': { vi: 'Đã dừng đồng bộ', en: 'Sync stopped' },
  'sync.phase.not_configured': { vi: 'Chưa cấu hình', en: 'Not configured' },
  'sync.lastSync': { vi: 'Lần đồng bộ cuối: {time}', en: 'Last sync: {time}' },
  'sync.never': { vi: 'Chưa đồng bộ lần nào', en: 'Never synced' },
  'sync.nextAttempt': { vi: 'Thử lại lúc {time}', en: 'Next attempt at {time}' },
  'sync.queue': { vi: 'Hàng đợi gửi: {count}', en: 'Outbox queue: {count}' },
  'sync.progress.directory': { vi: 'Đang đồng bộ danh bạ: {done} / {total}', en: 'Syncing the directory: {done} / {total}' },
  'sync.progress.directoryUnknown': { vi: 'Đang đồng bộ danh bạ: {done}', en: 'Syncing the directory: {done}' },
  'sync.now': { vi: 'Đồng bộ ngay', en: 'Sync now' },
  'sync.unknown': { vi: 'Chưa rõ trạng thái đồng bộ', en: 'Sync status unknown' },

  // ── Notifications ──────────────────────────────────────────────────────────
  'toast.region': { vi: 'Thông báo', en: 'Notifications' },
  'toast.dismiss': { vi: 'Đóng thông báo', en: 'Dismiss notification' },
  'toast.detail': { vi: 'Chi tiết kỹ thuật: {detail}', en: 'Technical detail: {detail}' },

  // ── API errors, one per ApiErrorCode ───────────────────────────────────────
  'error.invalid_input': {
    vi: 'Thông tin nhập chưa hợp lệ. Vui lòng kiểm tra lại.',
    en: 'Some of the information entered is not valid. Please check it.',
  },
  'error.unauthorized': {
    vi: 'Phiên làm việc không hợp lệ hoặc đã hết hạn. Vui lòng mở lại ứng dụng.',
    en: 'Your session is not valid or has expired. Please reopen the application.',
  },
  'error.forbidden': { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  'error.not_found': {
    vi: 'Không tìm thấy dữ liệu yêu cầu. Có thể dữ liệu đã bị xóa.',
    en: 'The requested item was not found. It may have been deleted.',
  },
  'error.conflict': {
    vi: 'Dữ liệu đã thay đổi hoặc thao tác đã được thực hiện trước đó. Vui lòng tải lại và thử lại.',
    en: 'The data has changed or this was already done. Please reload and try again.',
  },
  'error.not_configured': {
    vi: 'Ứng dụng chưa được thiết lập kết nối với trục liên thông.',
    en: 'The application is not yet connected to an exchange axis.',
  },
  'error.unavailable': {
    vi: 'Không kết nối được. Vui lòng kiểm tra kết nối và thử lại.',
    en: 'The service could not be reached. Please check the connection and try again.',
  },
  'error.internal': {
    vi: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại hoặc liên hệ bộ phận hỗ trợ.',
    en: 'Something unexpected went wrong. Please try again or contact support.',
  },
} as const satisfies Record<string, { readonly vi: string; readonly en: string }>;

export type MessageKey = keyof typeof messages;

/** The `{name}` placeholders of a template, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof messages)[K]['vi']>, string | number>;

/** The rest arguments of t(): none for a text without placeholders, else every placeholder. */
export type ParamsArg<K extends MessageKey> = [Placeholders<(typeof messages)[K]['vi']>] extends [never] ? [params?: undefined] : [params: MessageParams<K>];

// Compile-time checks: every error code and sync phase has its entry.
type MissingKeys<K extends string> = Exclude<K, MessageKey>;
const _everyErrorCodeHasText: [MissingKeys<`error.${ApiErrorCode}`>] extends [never] ? true : never = true;
const _everySyncPhaseHasText: [MissingKeys<`sync.phase.${SyncPhase}`>] extends [never] ? true : never = true;
void _everyErrorCodeHasText;
void _everySyncPhaseHasText;

const numberFormats = new Map<Lang, Intl.NumberFormat>();

/** Formats a number the way the language writes it: 111.000 in Vietnamese, 111,000 in English. */
export function formatNumber(value: number, lang: Lang): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang]);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/**
 * The text of `key` in `lang`, with `{name}` placeholders replaced by `params` (numbers are
 * formatted for the language). An unknown placeholder is left as written.
 */
export function t<K extends MessageKey>(key: K, lang: Lang, ...[params]: ParamsArg<K>): string {
  const template: string = messages[key][lang];
  if (!params) return template;
  const values = params as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    const value = values[name];
    return typeof value === 'number' ? formatNumber(value, lang) : String(value);
  });
}

export function errorMessageKey(code: ApiErrorCode): `error.${ApiErrorCode}` & MessageKey {
  return `error.${code}`;
}

/** The translated text of an API error code. */
export function errorText(code: ApiErrorCode, lang: Lang): string {
  return messages[errorMessageKey(code)][lang];
}

export function syncPhaseKey(phase: SyncPhase): `sync.phase.${SyncPhase}` & MessageKey {
  return `sync.phase.${phase}`;
}

/** The placeholder names in a template, for the consistency test. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
