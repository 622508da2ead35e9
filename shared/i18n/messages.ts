/**
 * Every string the user sees, in one table: Vietnamese first (the working language of a văn thư),
 * English second. Placeholders are written `{name}` and must be the same in both languages (a
 * test checks it); `t()` types the parameters from the Vietnamese text.
 *
 * Keep the Vietnamese labels of controls stable: end-to-end tests find controls by them.
 */
import type { DocumentState, OutboxItem, Priority, QuarantineItem, RecipientState, RequestKind } from '../api/documents.js';
import type { ApiErrorCode } from '../api/errors.js';
import type { SyncPhase } from '../api/sync-status.js';
import type { QuarantineReason } from '../api/quarantine-reasons.js';

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
  'common.cancel': { vi: 'Hủy', en: 'Cancel' },
  'common.loadMore': { vi: 'Tải thêm (còn {remaining})', en: 'Load more ({remaining} left)' },
  'common.showing': { vi: 'Đang hiển thị {shown} / {total}', en: 'Showing {shown} of {total}' },

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
  'notify.enable': { vi: 'Bật thông báo', en: 'Turn on notifications' },
  'notify.enable.title': {
    vi: 'Hiện thông báo trên màn hình máy tính khi có văn bản mới đến',
    en: 'Show a desktop notification when a new document arrives',
  },

  // ── Navigation ─────────────────────────────────────────────────────────────
  'nav.label': { vi: 'Chức năng chính', en: 'Main navigation' },
  'nav.search': { vi: 'Tìm kiếm', en: 'Search' },
  'nav.inbox': { vi: 'Văn bản đến', en: 'Incoming' },
  'nav.outbox': { vi: 'Văn bản đi', en: 'Outgoing' },
  'nav.drafts': { vi: 'Dự thảo', en: 'Drafts' },
  'nav.queue': { vi: 'Hàng đợi gửi', en: 'Send queue' },
  'nav.quarantine': { vi: 'Cách ly', en: 'Quarantine' },
  'nav.agencies': { vi: 'Danh bạ cơ quan', en: 'Agency directory' },
  'nav.count.documents': { vi: '{count} văn bản', en: '{count} documents' },
  'nav.count.pending': {
    vi: '{count} văn bản, có đề nghị đang chờ trả lời',
    en: '{count} documents, with requests waiting for an answer',
  },
  'nav.count.queue': { vi: '{count} gói chờ gửi', en: '{count} packages waiting to be sent' },
  'nav.count.quarantine': { vi: '{count} gói chờ kiểm tra', en: '{count} packages to check' },

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
    vi: 'Địa chỉ bắt đầu bằng https://. Chỉ dùng http:// khi bộ phận CNTT cho phép bằng chính sách AllowHttp.',
    en: 'An address starting with https://. Use http:// only where your IT allows it with the AllowHttp policy.',
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
    vi: 'Địa chỉ trục liên thông không hợp lệ: địa chỉ phải bắt đầu bằng https:// (http:// chỉ khi bộ phận CNTT cho phép bằng chính sách AllowHttp).',
    en: 'The axis address is not valid: it must start with https:// (http:// only where your IT allows it with the AllowHttp policy).',
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
  'drafts.field.summary': { vi: 'Tóm tắt nội dung tối đa 500 ký tự.', en: 'The summary may have at most 500 characters.' },

  // ── Document vocabulary ────────────────────────────────────────────────────
  'priority.0': { vi: 'Thường', en: 'Normal' },
  'priority.1': { vi: 'Khẩn', en: 'Urgent' },
  'priority.2': { vi: 'Thượng khẩn', en: 'Very urgent' },
  'priority.3': { vi: 'Hỏa tốc', en: 'Immediate' },
  'priority.4': { vi: 'Hỏa tốc hẹn giờ', en: 'Immediate, timed' },

  'docState.editing': { vi: 'Đang soạn', en: 'Being drafted' },
  'docState.queued': { vi: 'Chờ gửi', en: 'Waiting to be sent' },
  'docState.sent': { vi: 'Đã gửi', en: 'Sent' },
  'docState.failed': { vi: 'Gửi lỗi', en: 'Sending failed' },
  'docState.arrived': { vi: 'Chờ tiếp nhận', en: 'Awaiting acceptance' },
  'docState.returned': { vi: 'Đã trả lại', en: 'Returned' },
  'docState.accepted': { vi: 'Đã tiếp nhận', en: 'Accepted' },
  'docState.assigned': { vi: 'Đã giao xử lý', en: 'Assigned' },
  'docState.processing': { vi: 'Đang xử lý', en: 'Being processed' },
  'docState.done': { vi: 'Đã hoàn thành', en: 'Finished' },
  'docState.revoked': { vi: 'Đã thu hồi', en: 'Revoked' },

  'recipientState.queued': { vi: 'Chờ gửi', en: 'Waiting to be sent' },
  'recipientState.sent': { vi: 'Đã gửi', en: 'Sent' },
  'recipientState.arrived': { vi: 'Đã đến', en: 'Arrived' },
  'recipientState.returned': { vi: 'Bị trả lại', en: 'Returned' },
  'recipientState.accepted': { vi: 'Đã tiếp nhận', en: 'Accepted' },
  'recipientState.assigned': { vi: 'Đã giao xử lý', en: 'Assigned' },
  'recipientState.processing': { vi: 'Đang xử lý', en: 'Being processed' },
  'recipientState.done': { vi: 'Đã hoàn thành', en: 'Finished' },
  'recipientState.takeback_requested': { vi: 'Đang đề nghị thu hồi', en: 'Take-back requested' },
  'recipientState.takeback_agreed': { vi: 'Đồng ý thu hồi', en: 'Agreed to give it back' },
  'recipientState.takeback_refused': { vi: 'Từ chối thu hồi', en: 'Refused to give it back' },

  // Status codes of SPEC §4; any other code is shown verbatim.
  'status.01': { vi: 'Đã đến', en: 'Arrived' },
  'status.02': { vi: 'Trả lại', en: 'Returned' },
  'status.03': { vi: 'Đã tiếp nhận, vào sổ văn bản đến', en: 'Accepted and registered' },
  'status.04': { vi: 'Đã giao xử lý', en: 'Assigned for handling' },
  'status.05': { vi: 'Đang xử lý', en: 'Being processed' },
  'status.06': { vi: 'Đã hoàn thành xử lý', en: 'Processing finished' },
  'status.13': { vi: 'Đề nghị lấy lại văn bản', en: 'Asked to take the document back' },
  'status.15': { vi: 'Đồng ý cập nhật, lấy lại văn bản', en: 'Agreed to the update or take-back' },
  'status.16': { vi: 'Từ chối cập nhật, lấy lại văn bản', en: 'Refused the update or take-back' },
  'status.other': { vi: 'Mã trạng thái {code}', en: 'Status code {code}' },

  // ── Document lists ─────────────────────────────────────────────────────────
  'list.inbox.title': { vi: 'Văn bản đến', en: 'Incoming documents' },
  'list.outbox.title': { vi: 'Văn bản đi', en: 'Outgoing documents' },
  'list.drafts.title': { vi: 'Văn bản dự thảo', en: 'Draft documents' },
  'list.inbox.label': { vi: 'Danh sách văn bản đến', en: 'Incoming documents' },
  'list.outbox.label': { vi: 'Danh sách văn bản đi', en: 'Outgoing documents' },
  'list.drafts.label': { vi: 'Danh sách văn bản dự thảo', en: 'Draft documents' },
  'list.inbox.empty': {
    vi: 'Chưa có văn bản đến. Văn bản các cơ quan gửi tới sẽ hiện ở đây sau mỗi lần đồng bộ với trục liên thông.',
    en: 'No incoming documents yet. Documents other agencies send appear here after each sync with the axis.',
  },
  'list.outbox.empty': {
    vi: 'Chưa có văn bản đi. Văn bản gửi từ mục “Dự thảo” sẽ hiện ở đây.',
    en: 'No outgoing documents yet. Documents sent from “Drafts” appear here.',
  },
  'list.drafts.empty': {
    vi: 'Chưa có văn bản dự thảo nào. Hãy tạo dự thảo đầu tiên bằng biểu mẫu “Dự thảo mới”.',
    en: 'There are no drafts yet. Create the first one with the “New draft” form.',
  },
  'list.total': { vi: '{total} văn bản', en: '{total} documents' },
  'list.col.priority': { vi: 'Độ khẩn', en: 'Urgency' },
  'list.col.code': { vi: 'Số/Ký hiệu', en: 'Number' },
  'list.col.subject': { vi: 'Trích yếu', en: 'Subject' },
  'list.col.sender': { vi: 'Cơ quan gửi', en: 'Sender' },
  'list.col.state': { vi: 'Trạng thái', en: 'Status' },
  'list.col.arrivalNumber': { vi: 'Số đến', en: 'Arrival no.' },
  'list.col.arrivedAt': { vi: 'Ngày đến', en: 'Arrived' },
  'list.col.updated': { vi: 'Cập nhật lúc', en: 'Updated' },
  'list.col.attachments': { vi: 'Tệp đính kèm', en: 'Attachments' },
  'list.pendingRequest': { vi: 'Có đề nghị chờ trả lời', en: 'Request waiting for an answer' },
  'list.noSubject': { vi: '(Không có trích yếu)', en: '(No subject)' },
  // ── Search ─────────────────────────────────────────────────────────────────
  'search.title': { vi: 'Tìm kiếm văn bản', en: 'Search documents' },
  'search.box.label': { vi: 'Tìm văn bản', en: 'Search documents' },
  'search.box.placeholder': {
    vi: 'Trích yếu, số/ký hiệu, cơ quan gửi, người ký… (Ctrl+F hoặc /)',
    en: 'Subject, number, sender, signer… (Ctrl+F or /)',
  },
  'search.filters.label': { vi: 'Lọc kết quả', en: 'Filter the results' },
  'search.filter.any': { vi: 'Tất cả', en: 'All' },
  'search.filter.direction': { vi: 'Loại', en: 'Kind' },
  'search.direction.incoming': { vi: 'Văn bản đến', en: 'Incoming' },
  'search.direction.outgoing': { vi: 'Văn bản đi', en: 'Outgoing' },
  'search.direction.draft': { vi: 'Dự thảo', en: 'Draft' },
  'search.filter.type': { vi: 'Loại văn bản', en: 'Document type' },
  'search.filter.state': { vi: 'Trạng thái xử lý', en: 'Handling status' },
  'search.filter.priority': { vi: 'Độ khẩn', en: 'Urgency' },
  'search.filter.register': { vi: 'Sổ đăng ký', en: 'Register' },
  'search.filter.dateFrom': { vi: 'Từ ngày', en: 'From' },
  'search.filter.dateTo': { vi: 'Đến ngày', en: 'To' },
  'search.filter.clear': { vi: 'Bỏ lọc', en: 'Clear filters' },
  'search.results.label': { vi: 'Kết quả tìm kiếm', en: 'Search results' },
  'search.results.count': { vi: '{count} văn bản', en: '{count} documents' },
  'search.results.countCapped': { vi: 'Hơn {count} văn bản', en: 'More than {count} documents' },
  'search.results.empty': {
    vi: 'Không có văn bản nào khớp. Thử bỏ bớt từ hoặc bỏ lọc.',
    en: 'No document matches. Try fewer words or clear the filters.',
  },
  'search.results.loadingMore': { vi: 'Đang tải thêm…', en: 'Loading more…' },
  'search.keyboardHint': {
    vi: '↑/↓ chọn văn bản, Home/End về đầu/cuối, Enter để mở.',
    en: '↑/↓ select a document, Home/End go to the first/last, Enter opens it.',
  },

  'list.keyboardHint': {
    vi: 'Dùng phím ↑ ↓ để chuyển giữa các văn bản, Enter để mở.',
    en: 'Use ↑ ↓ to move between documents, Enter to open one.',
  },

  // ── One document ───────────────────────────────────────────────────────────
  'document.back.inbox': { vi: 'Về danh sách văn bản đến', en: 'Back to incoming documents' },
  'document.back.outbox': { vi: 'Về danh sách văn bản đi', en: 'Back to outgoing documents' },
  'document.back.drafts': { vi: 'Về danh sách dự thảo', en: 'Back to drafts' },
  'document.notFound': {
    vi: 'Không tìm thấy văn bản này. Có thể văn bản đã bị xóa.',
    en: 'This document was not found. It may have been deleted.',
  },
  'document.metadata': { vi: 'Thông tin văn bản', en: 'Document details' },
  'meta.code': { vi: 'Số, ký hiệu', en: 'Number and notation' },
  'meta.type': { vi: 'Loại văn bản', en: 'Document type' },
  'meta.promulgationDate': { vi: 'Ngày ban hành', en: 'Issued on' },
  'meta.place': { vi: 'Nơi ban hành', en: 'Place of issue' },
  'meta.signer': { vi: 'Người ký', en: 'Signed by' },
  'meta.dueDate': { vi: 'Hạn xử lý', en: 'Due date' },
  'meta.priority': { vi: 'Độ khẩn', en: 'Urgency' },
  'meta.sender': { vi: 'Cơ quan gửi', en: 'Sender' },
  'meta.arrivalNumber': { vi: 'Số đến', en: 'Arrival number' },
  'meta.arrivedAt': { vi: 'Ngày đến', en: 'Arrived' },
  'meta.documentId': { vi: 'Mã văn bản liên thông', en: 'Exchange document id' },
  'meta.updated': { vi: 'Cập nhật lúc', en: 'Updated' },
  'meta.summary': { vi: 'Tóm tắt nội dung', en: 'Summary' },
  'meta.noSummary': { vi: 'Không có tóm tắt.', en: 'No summary.' },

  'revoked.title': { vi: 'Văn bản đã bị thu hồi', en: 'This document has been revoked' },
  'revoked.reason': { vi: 'Lý do: {reason}', en: 'Reason: {reason}' },
  'revoked.at': { vi: 'Thu hồi lúc {time}. Văn bản vẫn được lưu để tra cứu.', en: 'Revoked at {time}. It is kept for reference.' },
  'replaced.by': { vi: 'Đã được thay thế bởi {document}', en: 'Replaced by {document}' },
  'replaces': { vi: 'Thay thế cho {document}', en: 'Replaces {document}' },

  'request.takeback': { vi: 'Cơ quan gửi đề nghị lấy lại văn bản này.', en: 'The sender asks to take this document back.' },
  'request.revoke': { vi: 'Cơ quan gửi đề nghị thu hồi văn bản này.', en: 'The sender asks to revoke this document.' },
  'request.update': { vi: 'Cơ quan gửi đề nghị cập nhật văn bản này.', en: 'The sender asks to update this document.' },
  'request.replace': {
    vi: 'Cơ quan gửi đề nghị thay thế văn bản này bằng một văn bản mới.',
    en: 'The sender asks to replace this document with a new one.',
  },
  'request.reason': { vi: 'Lý do: {reason}', en: 'Reason: {reason}' },
  'request.receivedAt': { vi: 'Nhận lúc {time}', en: 'Received at {time}' },
  'request.replacement': { vi: 'Xem văn bản thay thế', en: 'See the replacement' },
  'request.agree': { vi: 'Đồng ý', en: 'Agree' },
  'request.refuse': { vi: 'Từ chối', en: 'Refuse' },
  'request.agree.title': { vi: 'Đồng ý với đề nghị', en: 'Agree to the request' },
  'request.agree.effect.takeback': {
    vi: 'Văn bản sẽ được đánh dấu đã thu hồi tại cơ quan bạn (vẫn được lưu, không bị xóa) và cơ quan gửi được báo đồng ý (mã 15).',
    en: 'The document is marked revoked here (kept, not deleted) and the sender is told you agree (code 15).',
  },
  'request.agree.effect.revoke': {
    vi: 'Văn bản sẽ được đánh dấu đã thu hồi tại cơ quan bạn (vẫn được lưu, không bị xóa) và cơ quan gửi được báo đồng ý (mã 15).',
    en: 'The document is marked revoked here (kept, not deleted) and the sender is told you agree (code 15).',
  },
  'request.agree.effect.update': {
    vi: 'Nội dung văn bản sẽ được cập nhật theo đề nghị (bản cũ vẫn được lưu) và cơ quan gửi được báo đồng ý (mã 15).',
    en: 'The document is updated as requested (the earlier version is kept) and the sender is told you agree (code 15).',
  },
  'request.agree.effect.replace': {
    vi: 'Văn bản này sẽ được liên kết với văn bản thay thế và cơ quan gửi được báo đồng ý (mã 15).',
    en: 'This document is linked to its replacement and the sender is told you agree (code 15).',
  },
  'request.agree.note': { vi: 'Ghi chú', en: 'Note' },
  'request.agree.confirm': { vi: 'Xác nhận đồng ý', en: 'Confirm: agree' },
  'request.refuse.title': { vi: 'Từ chối đề nghị', en: 'Refuse the request' },
  'request.refuse.effect': {
    vi: 'Cơ quan gửi được báo từ chối kèm lý do (mã 16). Văn bản giữ nguyên tại cơ quan bạn.',
    en: 'The sender is told you refuse, with your reason (code 16). The document stays as it is here.',
  },
  'request.refuse.confirm': { vi: 'Xác nhận từ chối', en: 'Confirm: refuse' },
  'request.agreed': { vi: 'Đã gửi ý kiến đồng ý tới cơ quan gửi.', en: 'Your agreement was sent to the sender.' },
  'request.refused': { vi: 'Đã gửi ý kiến từ chối tới cơ quan gửi.', en: 'Your refusal was sent to the sender.' },

  'dialog.reason': { vi: 'Lý do', en: 'Reason' },
  'dialog.reason.hint': { vi: 'Bắt buộc, tối đa 500 ký tự.', en: 'Required, up to 500 characters.' },
  'dialog.reason.required': { vi: 'Vui lòng nhập lý do.', en: 'Please enter a reason.' },
  'dialog.pending': { vi: 'Đang thực hiện…', en: 'Working…' },

  // ── Handling an incoming document ──────────────────────────────────────────
  'clerk.actions': { vi: 'Xử lý văn bản', en: 'Handle the document' },
  'clerk.accept': { vi: 'Tiếp nhận', en: 'Accept' },
  'clerk.return': { vi: 'Trả lại', en: 'Return' },
  'clerk.assign': { vi: 'Giao xử lý', en: 'Assign' },
  'clerk.process': { vi: 'Đang xử lý', en: 'Mark as in progress' },
  'clerk.finish': { vi: 'Hoàn thành', en: 'Mark as finished' },
  'clerk.accept.hint': {
    vi: 'Vào sổ văn bản đến, cấp số đến và báo cơ quan gửi (mã 03)',
    en: 'Register it in the incoming register, give it an arrival number, tell the sender (code 03)',
  },
  'clerk.return.hint': { vi: 'Trả lại cơ quan gửi kèm lý do (mã 02)', en: 'Send it back to the sender with a reason (code 02)' },
  'clerk.assign.hint': { vi: 'Báo cơ quan gửi: đã giao xử lý (mã 04)', en: 'Tell the sender it was assigned (code 04)' },
  'clerk.process.hint': { vi: 'Báo cơ quan gửi: đang xử lý (mã 05)', en: 'Tell the sender it is being processed (code 05)' },
  'clerk.finish.hint': { vi: 'Báo cơ quan gửi: đã hoàn thành xử lý (mã 06)', en: 'Tell the sender processing is finished (code 06)' },
  'clerk.none': { vi: 'Không còn bước xử lý nào cho văn bản này.', en: 'There are no further handling steps for this document.' },
  'clerk.return.title': { vi: 'Trả lại văn bản', en: 'Return the document' },
  'clerk.return.effect': {
    vi: 'Văn bản được trả lại cơ quan gửi kèm lý do (mã 02) và không vào sổ văn bản đến.',
    en: 'The document goes back to the sender with your reason (code 02) and is not registered.',
  },
  'clerk.return.confirm': { vi: 'Xác nhận trả lại', en: 'Confirm: return' },
  'clerk.assign.title': { vi: 'Giao xử lý văn bản', en: 'Assign the document' },
  'clerk.assign.description': { vi: 'Nội dung giao xử lý', en: 'Assignment' },
  'clerk.assign.placeholder': { vi: 'Ví dụ: Giao Phòng Tổng hợp chủ trì xử lý.', en: 'E.g. the General Affairs office handles it.' },
  'clerk.assign.confirm': { vi: 'Xác nhận giao xử lý', en: 'Confirm: assign' },
  'clerk.accepted': { vi: 'Đã tiếp nhận văn bản. Số đến: {number}.', en: 'Document accepted. Arrival number: {number}.' },
  'clerk.updated': { vi: 'Đã cập nhật trạng thái: {state}.', en: 'Status updated: {state}.' },

  // ── A document this agency sent ────────────────────────────────────────────
  'sender.actions': { vi: 'Thao tác với văn bản đã gửi', en: 'Actions on the sent document' },
  'sender.takeBack': { vi: 'Đề nghị lấy lại', en: 'Ask to take back' },
  'sender.revoke': { vi: 'Thu hồi', en: 'Revoke' },
  'sender.replace': { vi: 'Thay thế', en: 'Replace' },
  'sender.update': { vi: 'Đính chính', en: 'Correct' },
  'sender.update.title': { vi: 'Đính chính văn bản', en: 'Correct the document' },
  'sender.update.effect': {
    vi: 'Gửi nội dung đính chính (gói cập nhật) tới các cơ quan nhận. Số, ký hiệu giữ nguyên; mỗi cơ quan nhận sẽ đồng ý hoặc từ chối.',
    en: 'Sends the correction (an update package) to the recipients. Number and notation stay; each recipient agrees or refuses.',
  },
  'sender.update.confirm': { vi: 'Gửi đính chính', en: 'Send the correction' },
  'sender.update.done': { vi: 'Đã gửi đính chính văn bản.', en: 'The correction was sent.' },
  'sender.takeBack.title': { vi: 'Đề nghị lấy lại văn bản', en: 'Ask to take the document back' },
  'sender.takeBack.effect': {
    vi: 'Gửi đề nghị lấy lại (mã 13) tới cơ quan nhận. Cơ quan nhận sẽ đồng ý hoặc từ chối.',
    en: 'Sends a take-back request (code 13) to the recipients. Each will agree or refuse.',
  },
  'sender.takeBack.recipients': { vi: 'Cơ quan được đề nghị', en: 'Recipients asked' },
  'sender.takeBack.recipients.hint': {
    vi: 'Không chọn cơ quan nào: gửi đề nghị tới tất cả cơ quan còn giữ văn bản.',
    en: 'None ticked: the request goes to every recipient still holding the document.',
  },
  'sender.takeBack.confirm': { vi: 'Xác nhận đề nghị lấy lại', en: 'Confirm: ask to take back' },
  'sender.revoke.title': { vi: 'Thu hồi văn bản', en: 'Revoke the document' },
  'sender.revoke.effect': {
    vi: 'Văn bản sẽ bị thu hồi ở tất cả cơ quan nhận. Thao tác này không hoàn tác được.',
    en: 'The document is revoked at every recipient. This cannot be undone.',
  },
  'sender.revoke.confirm': { vi: 'Xác nhận thu hồi', en: 'Confirm: revoke' },
  'sender.replace.title': { vi: 'Thay thế văn bản', en: 'Replace the document' },
  'sender.replace.effect': {
    vi: 'Dự thảo được chọn sẽ được gửi tới các cơ quan đã nhận văn bản này, làm văn bản thay thế.',
    en: 'The chosen draft is sent to the recipients of this document as its replacement.',
  },
  'sender.replace.draft': { vi: 'Văn bản thay thế', en: 'Replacement' },
  'sender.replace.draft.choose': { vi: '— Chọn một dự thảo —', en: '— Choose a draft —' },
  'sender.replace.draft.required': { vi: 'Vui lòng chọn dự thảo thay thế.', en: 'Please choose the replacement draft.' },
  'sender.replace.noDrafts': {
    vi: 'Chưa có dự thảo nào. Hãy soạn văn bản thay thế trong mục “Dự thảo” trước.',
    en: 'There are no drafts. Write the replacement in “Drafts” first.',
  },
  'sender.replace.confirm': { vi: 'Xác nhận thay thế', en: 'Confirm: replace' },
  'sender.takeBack.done': { vi: 'Đã gửi đề nghị lấy lại văn bản.', en: 'The take-back request was sent.' },
  'sender.revoke.done': { vi: 'Đã thu hồi văn bản.', en: 'The document was revoked.' },
  'sender.replace.done': { vi: 'Đã gửi văn bản thay thế.', en: 'The replacement was sent.' },

  'recipients.heading': { vi: 'Cơ quan nhận', en: 'Recipients' },
  'recipients.table.label': { vi: 'Tình trạng tại các cơ quan nhận', en: 'Status at each recipient' },
  'recipients.col.agency': { vi: 'Cơ quan nhận', en: 'Recipient' },
  'recipients.col.state': { vi: 'Trạng thái', en: 'Status' },
  'recipients.col.code': { vi: 'Mã trạng thái', en: 'Status code' },
  'recipients.col.note': { vi: 'Ghi chú/lý do', en: 'Note or reason' },
  'recipients.col.updated': { vi: 'Cập nhật lúc', en: 'Updated' },
  'recipients.empty': { vi: 'Chưa có cơ quan nhận.', en: 'No recipients yet.' },

  'timeline.heading': { vi: 'Diễn biến', en: 'History' },
  'timeline.empty': { vi: 'Chưa có diễn biến nào.', en: 'Nothing has happened yet.' },
  'timeline.in': { vi: 'Nhận từ', en: 'From' },
  'timeline.out': { vi: 'Gửi tới', en: 'To' },

  // ── Editing a draft and sending it ─────────────────────────────────────────
  'draft.form.heading': { vi: 'Thông tin văn bản', en: 'Document details' },
  'draft.subject': { vi: 'Trích yếu', en: 'Subject' },
  'draft.summary': { vi: 'Tóm tắt nội dung', en: 'Summary' },
  'draft.codeNumber': { vi: 'Số', en: 'Number' },
  'draft.codeNumber.hint': { vi: 'Ví dụ: 05 (số nhỏ hơn 10 thêm số 0 phía trước).', en: 'E.g. 05 (numbers below 10 take a leading zero).' },
  'draft.codeNotation': { vi: 'Ký hiệu', en: 'Notation' },
  'draft.codeNotation.hint': { vi: 'Ví dụ: QĐ-UBND; công văn không có tên loại: UBND-VX.', en: 'E.g. QĐ-UBND; a công văn has no type: UBND-VX.' },
  'draft.typeName': { vi: 'Loại văn bản', en: 'Document type' },
  'draft.typeName.hint': { vi: 'Chọn trong danh sách hoặc nhập loại khác.', en: 'Pick one from the list or type another.' },
  'draft.signerFullName': { vi: 'Người ký', en: 'Signer' },
  'draft.signerPosition': { vi: 'Chức vụ', en: 'Position' },
  'draft.signerCompetence': { vi: 'Quyền hạn ký', en: 'Signing authority' },
  'draft.signerCompetence.hint': {
    vi: 'Ví dụ: KT. CHỦ TỊCH, TL. BỘ TRƯỞNG, TM. ỦY BAN NHÂN DÂN; để trống nếu ký trực tiếp.',
    en: 'E.g. KT. CHỦ TỊCH, TL. BỘ TRƯỞNG, TM. ỦY BAN NHÂN DÂN; empty when signing in one’s own name.',
  },
  'draft.place': { vi: 'Nơi ban hành', en: 'Place of issue' },
  'draft.dueDate': { vi: 'Hạn xử lý', en: 'Due date' },
  'draft.priority': { vi: 'Độ khẩn', en: 'Urgency' },
  'draft.save': { vi: 'Lưu', en: 'Save' },
  'draft.saving': { vi: 'Đang lưu…', en: 'Saving…' },
  'draft.saved': { vi: 'Đã lưu.', en: 'Saved.' },
  'draft.unsaved': { vi: 'Có thay đổi chưa lưu.', en: 'There are unsaved changes.' },
  'draft.saveHint': { vi: 'Ctrl+S để lưu.', en: 'Ctrl+S saves.' },
  'draft.notDraft': {
    vi: 'Văn bản này không còn là dự thảo nên không sửa được nữa.',
    en: 'This document is no longer a draft and cannot be edited.',
  },
  'draft.error.subject': { vi: 'Vui lòng nhập trích yếu (tối đa 500 ký tự).', en: 'Please enter a subject (up to 500 characters).' },
  'draft.error.summary': { vi: 'Tóm tắt nội dung tối đa 500 ký tự.', en: 'The summary may have at most 500 characters.' },
  'draft.error.codeNumber': { vi: 'Cần có số văn bản (tối đa 50 ký tự).', en: 'A document number is needed (up to 50 characters).' },
  'draft.error.codeNumber.used': {
    vi: 'Số này đã được dùng cho một văn bản gửi đi hôm nay. Vui lòng lấy số khác.',
    en: 'This number was already used for a document sent today. Please use another number.',
  },
  'draft.error.codeNotation': { vi: 'Cần có ký hiệu văn bản (tối đa 50 ký tự).', en: 'A notation is needed (up to 50 characters).' },
  'draft.error.typeName': { vi: 'Cần có loại văn bản (tối đa 100 ký tự).', en: 'A document type is needed (up to 100 characters).' },
  'draft.error.signerFullName': { vi: 'Cần có họ tên người ký (tối đa 50 ký tự).', en: 'The signer’s name is needed (up to 50 characters).' },
  'draft.error.signerPosition': { vi: 'Chức vụ tối đa 100 ký tự.', en: 'The position may have at most 100 characters.' },
  'draft.error.signerCompetence': { vi: 'Quyền hạn ký tối đa 100 ký tự.', en: 'The signing authority may have at most 100 characters.' },
  'draft.error.place': { vi: 'Cần có nơi ban hành (tối đa 100 ký tự).', en: 'The place of issue is needed (up to 100 characters).' },
  'draft.error.dueDate': { vi: 'Hạn xử lý không phải là ngày hợp lệ.', en: 'The due date is not a valid date.' },
  'draft.error.priority': { vi: 'Độ khẩn không hợp lệ.', en: 'The urgency is not valid.' },
  'draft.error.attachments': {
    vi: 'Văn bản cần có ít nhất một tệp đính kèm trước khi gửi.',
    en: 'The document needs at least one attachment before it is sent.',
  },
  'draft.error.other': { vi: 'Trường {field}: {message}', en: 'Field {field}: {message}' },

  // ── Signing with the USB token (SPEC §6) ───────────────────────────────────
  'signing.heading': { vi: 'Ký số', en: 'Digital signature' },
  'signing.submit': { vi: 'Trình ký', en: 'Submit for signing' },
  'signing.submit.hint': {
    vi: 'Trình lãnh đạo ký: văn bản được khóa, ô số và ngày được đặt sẵn trên tệp PDF.',
    en: 'Submit to the leader: the document is locked and empty number and date fields are placed on the PDF.',
  },
  'signing.submitting': { vi: 'Đang trình ký…', en: 'Submitting…' },
  'signing.leader.heading': { vi: 'Ký duyệt', en: 'Leader approval signature' },
  'signing.leader.button': { vi: 'Ký duyệt', en: 'Sign as leader' },
  'signing.agency.heading': { vi: 'Cấp số và ký số cơ quan', en: 'Number and sign for the agency' },
  'signing.agency.button': { vi: 'Cấp số và ký số', en: 'Number and sign' },
  'signing.done': { vi: 'Văn bản đã được ký số và cấp số; có thể gửi.', en: 'The document is signed and numbered; it can be sent.' },
  'signing.state.awaiting_leader': { vi: 'Đang chờ lãnh đạo ký duyệt.', en: 'Waiting for the leader’s signature.' },
  'signing.state.leader_signed': { vi: 'Lãnh đạo đã ký; chờ cấp số và ký số cơ quan.', en: 'Signed by the leader; waiting for the number and the agency signature.' },
  'signing.state.numbered': { vi: 'Đã cấp số {number}; chờ ký số cơ quan.', en: 'Numbered {number}; waiting for the agency signature.' },
  'signing.certificate': { vi: 'Chứng thư số', en: 'Certificate' },
  'signing.certificate.none': { vi: 'Không tìm thấy chứng thư số nào trên thiết bị ký số.', en: 'No certificate was found on the token.' },
  'signing.certificate.option': { vi: '{holder} — {token} — hiệu lực đến {until}', en: '{holder} — {token} — valid until {until}' },
  'signing.certificate.unusable': { vi: '{holder} — không dùng được: {reason}', en: '{holder} — cannot sign: {reason}' },
  'signing.tokens.loading': { vi: 'Đang đọc thiết bị ký số…', en: 'Reading the tokens…' },
  'signing.tokens.reload': { vi: 'Đọc lại thiết bị', en: 'Read the tokens again' },
  'signing.pin': { vi: 'Mã PIN của {holder}', en: 'PIN of {holder}' },
  'signing.pin.hint': { vi: 'Mã PIN không được lưu lại.', en: 'The PIN is never stored.' },
  'signing.signing': { vi: 'Đang ký…', en: 'Signing…' },
  'signing.reason.expired_certificate': { vi: 'chứng thư số đã hết hạn', en: 'the certificate has expired' },
  'signing.reason.no_signing_usage': { vi: 'chứng thư số không dùng để ký', en: 'the certificate is not for signing' },
  'signing.reason.no_key': { vi: 'thiếu khóa bí mật', en: 'no private key' },
  'signing.error.wrong_pin': { vi: 'Mã PIN không đúng.', en: 'Wrong PIN.' },
  'signing.error.wrong_pin.low': { vi: 'Mã PIN không đúng. Chỉ còn ít lần thử.', en: 'Wrong PIN. Few tries are left.' },
  'signing.error.wrong_pin.final': {
    vi: 'Mã PIN không đúng. Còn một lần thử trước khi thiết bị bị khóa.',
    en: 'Wrong PIN. One try is left before the token locks.',
  },
  'signing.error.pin_final_try': {
    vi: 'Thiết bị ký số báo: nhập sai mã PIN lần này sẽ khóa thiết bị. Hãy xác nhận trước khi ký.',
    en: 'The token says the next wrong PIN locks it. Confirm before signing.',
  },
  'signing.error.tsa': {
    vi: 'Không ký được: máy chủ cấp dấu thời gian không phản hồi. Văn bản giữ nguyên như trước.',
    en: 'Not signed: the time-stamp server failed. The document is unchanged.',
  },
  'signing.finalTry.warning': {
    vi: 'Cảnh báo: đây là lần thử mã PIN cuối cùng. Nhập sai lần này sẽ khóa thiết bị ký số.',
    en: 'Warning: this is the last PIN try. A wrong PIN now locks the token.',
  },
  'signing.finalTry.confirm': { vi: 'Tôi hiểu: nhập sai lần này sẽ khóa thiết bị ký số', en: 'I understand: a wrong PIN now locks the token' },
  'signing.error.pin_locked': { vi: 'Thiết bị ký số đã bị khóa mã PIN.', en: 'The token’s PIN is locked.' },
  'signing.error.token_absent': { vi: 'Chưa cắm thiết bị ký số (hoặc đã bị rút ra).', en: 'The token is not inserted (or was removed).' },
  'signing.error.no_key': { vi: 'Thiết bị không có khóa cho chứng thư số này.', en: 'The token has no key for this certificate.' },
  'signing.error.expired_certificate': { vi: 'Chứng thư số đã hết hạn.', en: 'The certificate has expired.' },
  'signing.error.no_signing_usage': { vi: 'Chứng thư số này không dùng để ký.', en: 'This certificate is not for signing.' },
  'signing.error.module_not_found': { vi: 'Không tìm thấy trình điều khiển thiết bị ký số.', en: 'The token driver was not found.' },
  'signing.error.module_failed': { vi: 'Trình điều khiển thiết bị ký số bị lỗi.', en: 'The token driver failed.' },
  // A PDF that cannot be signed, refused before the PIN is asked (docs/formats.md#change-rules).
  'signing.refused.encrypted': {
    vi: 'Tệp “{file}” đã được mã hóa nên không thể ký số. Hãy đề nghị nơi soạn thảo gửi bản không mã hóa.',
    en: 'The file “{file}” is encrypted and cannot be signed. Ask its author for an unencrypted copy.',
  },
  'signing.refused.certified_no_changes': {
    vi: 'Tệp “{file}” đã được ký chứng thực “không cho phép thay đổi”: ký thêm sẽ làm mất hiệu lực chữ ký chứng thực.',
    en: 'The file “{file}” is certified “no changes allowed”: signing it would invalidate the certification.',
  },
  'signing.refused.certified_no_new_fields': {
    vi: 'Tệp “{file}” đã được ký chứng thực chỉ cho phép điền biểu mẫu và ký: không thể thêm ô số và ngày văn bản.',
    en: 'The file “{file}” is certified for form filling and signing only: the number and date fields cannot be added.',
  },

  'send.heading': { vi: 'Gửi văn bản', en: 'Send the document' },
  'send.search.label': { vi: 'Tìm cơ quan nhận', en: 'Find recipients' },
  'send.search.placeholder': { vi: 'Nhập tên hoặc mã định danh cơ quan', en: 'Type an agency name or code' },
  'send.search.hint': {
    vi: 'Phím ↑ ↓ để chọn, Enter để thêm, Backspace (khi ô trống) để bỏ cơ quan vừa thêm.',
    en: '↑ ↓ to choose, Enter to add, Backspace (in an empty box) removes the last one added.',
  },
  'send.options.label': { vi: 'Cơ quan tìm được', en: 'Agencies found' },
  'send.searching': { vi: 'Đang tìm…', en: 'Searching…' },
  'send.noMatch': { vi: 'Không tìm thấy cơ quan nào phù hợp.', en: 'No agency matches.' },
  'send.chosen.label': { vi: 'Cơ quan nhận đã chọn', en: 'Chosen recipients' },
  'send.chosen.none': { vi: 'Chưa chọn cơ quan nhận nào.', en: 'No recipient chosen yet.' },
  'send.chosen.count': { vi: '{count} cơ quan nhận', en: '{count} recipients' },
  'send.remove': { vi: 'Bỏ {name}', en: 'Remove {name}' },
  'send.added': { vi: 'Đã thêm {name}.', en: '{name} added.' },
  'send.button': { vi: 'Gửi', en: 'Send' },
  'send.pending': { vi: 'Đang gửi…', en: 'Sending…' },
  'send.recipients.required': { vi: 'Vui lòng chọn ít nhất một cơ quan nhận.', en: 'Please choose at least one recipient.' },
  'send.recipients.invalid': {
    vi: 'Danh sách cơ quan nhận chưa hợp lệ. Vui lòng kiểm tra lại (không gửi văn bản cho chính cơ quan mình).',
    en: 'The recipients are not valid. Please check them (an agency does not send to itself).',
  },
  'send.fixFields': {
    vi: 'Văn bản chưa đủ thông tin để gửi. Vui lòng kiểm tra các trường được đánh dấu.',
    en: 'The document is not complete enough to send. Please check the marked fields.',
  },

  // ── Settings (issue 4: signing; later sections add their own block) ───────
  'nav.settings': { vi: 'Cài đặt', en: 'Settings' },
  'settings.title': { vi: 'Cài đặt', en: 'Settings' },
  'settings.saved': { vi: 'Đã lưu.', en: 'Saved.' },
  'settings.saving': { vi: 'Đang lưu…', en: 'Saving…' },
  'settings.signing.heading': { vi: 'Ký số', en: 'Signing' },
  'settings.module.heading': { vi: 'Thiết bị ký số (thư viện PKCS#11)', en: 'Token driver (PKCS#11 library)' },
  'settings.module.current': { vi: 'Thư viện đang dùng: {path}', en: 'Library in use: {path}' },
  'settings.module.none': {
    vi: 'Chưa có thư viện PKCS#11 nào: hãy nhập đường dẫn trình điều khiển của thiết bị ký số.',
    en: 'No PKCS#11 library yet: enter the path of the token driver.',
  },
  'settings.module.source': { vi: 'Nguồn: {source}', en: 'Source: {source}' },
  'settings.module.source.setting': { vi: 'đường dẫn đã chọn trên máy này', en: 'the path chosen on this computer' },
  'settings.module.source.env': { vi: 'biến môi trường VANTHU_PKCS11_MODULE', en: 'the VANTHU_PKCS11_MODULE environment variable' },
  'settings.module.source.detected': { vi: 'tự động phát hiện', en: 'auto-detected' },
  'settings.module.source.none': { vi: 'không tìm thấy', en: 'none found' },
  'settings.module.candidates': { vi: 'Trình điều khiển thiết bị ký số tìm thấy trên máy', en: 'Token drivers found on this computer' },
  'settings.module.candidate.ok': { vi: '{name} ({bits} bit) — dùng được: {path}', en: '{name} ({bits}-bit) — loadable: {path}' },
  'settings.module.candidate.refused': { vi: '{name} ({bits} bit) — không dùng được: {reason}', en: '{name} ({bits}-bit) — cannot be loaded: {reason}' },
  'settings.module.auto': { vi: 'Dùng tự động phát hiện', en: 'Back to auto-detection' },
  'settings.tokens.test': { vi: 'Kiểm tra thiết bị ký số', en: 'Test the token' },
  'settings.tokens.none': { vi: 'Thư viện nạp được nhưng chưa cắm thiết bị ký số nào.', en: 'The library loads, but no token is inserted.' },
  'settings.tokens.found': { vi: 'Đọc được {count} thiết bị ký số.', en: '{count} tokens read.' },
  'settings.tokens.token': { vi: '{label} — {manufacturer}, số sê-ri {serial}', en: '{label} — {manufacturer}, serial {serial}' },
  'settings.tokens.certificate': { vi: '{holder} — do {issuer} cấp — hiệu lực đến {until}', en: '{holder} — issued by {issuer} — valid until {until}' },
  'settings.tsa.heading': { vi: 'Dấu thời gian (TSA)', en: 'Time-stamp server (TSA)' },
  'settings.tsa.url': { vi: 'Địa chỉ máy chủ cấp dấu thời gian', en: 'Time-stamp server URL' },
  'settings.tsa.hint': {
    vi: 'Khi có địa chỉ, mỗi chữ ký số kèm dấu thời gian RFC 3161 (PAdES B-T); để trống thì ký PAdES B-B, không có dấu thời gian.',
    en: 'When set, every signature carries an RFC 3161 time-stamp (PAdES B-T); empty signs PAdES B-B, without a time-stamp.',
  },
  'settings.tsa.invalid': { vi: 'Địa chỉ không hợp lệ: cần một địa chỉ http:// hoặc https://.', en: 'Not a valid address: an http:// or https:// URL is needed.' },
  'settings.tsa.save': { vi: 'Lưu địa chỉ', en: 'Save the URL' },
  'settings.tsa.clear': { vi: 'Không dùng dấu thời gian', en: 'No time-stamp' },
  'settings.tsa.current.set': { vi: 'Đang ký PAdES B-T với {url}.', en: 'Signing PAdES B-T with {url}.' },
  'settings.tsa.current.none': { vi: 'Đang ký PAdES B-B, không có dấu thời gian.', en: 'Signing PAdES B-B, without a time-stamp.' },
  'settings.images.heading': { vi: 'Hình chữ ký và con dấu', en: 'Signature and seal images' },
  'settings.images.intro': {
    vi: 'Ảnh PNG nền trong suốt, tối đa 2 MB. Chữ ký của lãnh đạo gắn với từng chứng thư số; chứng thư chưa có ảnh riêng dùng chữ ký mặc định của máy này. Con dấu thuộc về cơ quan.',
    en: 'Transparent PNG images, up to 2 MB. A leader’s signature belongs to their certificate; a certificate without its own uses this computer’s default signature. The seal belongs to the agency.',
  },
  'settings.images.signatureDefault': { vi: 'Chữ ký mặc định của máy này', en: 'This computer’s default signature' },
  'settings.images.seal': { vi: 'Con dấu của cơ quan', en: 'The agency’s seal' },
  'settings.images.certificate': { vi: 'Chữ ký của {holder}', en: 'Signature of {holder}' },
  'settings.images.certificates': { vi: 'Chữ ký theo chứng thư số', en: 'Signatures per certificate' },
  'settings.images.certificates.hint': {
    vi: 'Bấm “Kiểm tra thiết bị ký số” để hiện các chứng thư số trên thiết bị đang cắm và chọn ảnh chữ ký riêng cho từng người.',
    en: 'Press “Test the token” to list the certificates on the inserted tokens and choose each one’s own signature image.',
  },
  'settings.images.source.certificate': { vi: 'Ảnh riêng của chứng thư số này.', en: 'This certificate’s own image.' },
  'settings.images.source.setting': { vi: 'Ảnh đã chọn trên máy này.', en: 'The image chosen on this computer.' },
  'settings.images.source.default': { vi: 'Ảnh mặc định của VanThu.', en: 'VanThu’s default image.' },
  'settings.images.inherited': { vi: 'Chưa có ảnh riêng: đang dùng chữ ký mặc định.', en: 'No image of its own: the default signature is used.' },
  'settings.images.preview': { vi: 'Xem trước: {name}', en: 'Preview: {name}' },
  'settings.images.size': { vi: '{width} × {height} điểm ảnh', en: '{width} × {height} pixels' },
  'settings.images.choose': { vi: 'Chọn ảnh PNG: {name}', en: 'Choose a PNG: {name}' },
  'settings.images.remove': { vi: 'Bỏ ảnh đã chọn: {name}', en: 'Remove the chosen image: {name}' },
  'settings.images.removeShort': { vi: 'Bỏ ảnh đã chọn', en: 'Remove the chosen image' },
  'settings.images.opaque': {
    vi: 'Ảnh không có phần trong suốt nên sẽ che chữ bên dưới. Nên dùng ảnh PNG nền trong suốt.',
    en: 'The image has no transparent part, so it hides the text under it. Use a PNG with a transparent background.',
  },
  'settings.images.tooLarge': { vi: 'Ảnh {name} lớn hơn 2 MB.', en: '{name} is larger than 2 MB.' },
  'settings.images.notPng': { vi: 'Tệp {name} không phải ảnh PNG.', en: '{name} is not a PNG image.' },
  'settings.images.invalid': {
    vi: 'Ảnh không dùng được: tệp hỏng hoặc quá lớn (tối đa 4000 điểm ảnh mỗi chiều, 6 triệu điểm ảnh).',
    en: 'The image cannot be used: the file is damaged or too large (at most 4000 pixels a side, 6 megapixels).',
  },
  'settings.seal.diameter': { vi: 'Đường kính con dấu (mm)', en: 'Seal diameter (mm)' },
  'settings.seal.diameter.hint': { vi: 'Con dấu được in đúng kích thước thật, từ {min} đến {max} mm.', en: 'The seal is drawn at its real size, {min} to {max} mm.' },
  'settings.seal.diameter.save': { vi: 'Lưu đường kính', en: 'Save the diameter' },
  'settings.seal.diameter.invalid': { vi: 'Nhập một số từ {min} đến {max}.', en: 'Enter a number from {min} to {max}.' },

  // ── Send queue ─────────────────────────────────────────────────────────────
  'queue.title': { vi: 'Hàng đợi gửi', en: 'Send queue' },
  'queue.intro': {
    vi: 'Các gói đang chờ gửi lên trục liên thông. Gói gặp lỗi tạm thời được tự động thử lại; gói bị trục từ chối có thể thử lại sau khi khắc phục.',
    en: 'Packages waiting to go up to the axis. Temporary failures are retried automatically; a package the axis refused can be retried once fixed.',
  },
  'queue.table.label': { vi: 'Các gói trong hàng đợi gửi', en: 'Packages in the send queue' },
  'queue.total': { vi: '{total} gói', en: '{total} packages' },
  'queue.empty': { vi: 'Hàng đợi trống: không có gói nào chờ gửi.', en: 'The queue is empty: nothing waits to be sent.' },
  'queue.col.content': { vi: 'Nội dung', en: 'Content' },
  'queue.col.recipients': { vi: 'Gửi tới', en: 'To' },
  'queue.col.state': { vi: 'Trạng thái', en: 'Status' },
  'queue.col.attempts': { vi: 'Số lần thử', en: 'Attempts' },
  'queue.col.next': { vi: 'Thử lại lúc', en: 'Next attempt' },
  'queue.col.error': { vi: 'Lỗi gần nhất', en: 'Last error' },
  'queue.col.created': { vi: 'Tạo lúc', en: 'Created' },
  'queue.col.actions': { vi: 'Thao tác', en: 'Actions' },
  'queue.state.queued': { vi: 'Chờ gửi', en: 'Queued' },
  'queue.state.sending': { vi: 'Đang gửi', en: 'Sending' },
  'queue.state.sent': { vi: 'Đã gửi', en: 'Sent' },
  'queue.state.retry_wait': { vi: 'Chờ thử lại', en: 'Waiting to retry' },
  'queue.state.failed': { vi: 'Gửi lỗi', en: 'Failed' },
  'queue.purpose.document': { vi: 'Văn bản', en: 'Document' },
  'queue.purpose.revoke': { vi: 'Thu hồi văn bản', en: 'Revocation' },
  'queue.purpose.replace': { vi: 'Văn bản thay thế', en: 'Replacement' },
  'queue.purpose.update': { vi: 'Cập nhật văn bản', en: 'Update' },
  'queue.purpose.takeback': { vi: 'Đề nghị lấy lại', en: 'Take-back request' },
  'queue.purpose.status': { vi: 'Trạng thái {code}: {meaning}', en: 'Status {code}: {meaning}' },
  'queue.retry': { vi: 'Thử lại', en: 'Retry' },
  'queue.retry.named': { vi: 'Thử lại gói số {id}', en: 'Retry package {id}' },
  'queue.retried': { vi: 'Đã đưa gói số {id} vào hàng đợi gửi lại.', en: 'Package {id} was queued again.' },

  // ── Quarantine ─────────────────────────────────────────────────────────────
  'quarantine.title': { vi: 'Cách ly', en: 'Quarantine' },
  'quarantine.intro': {
    vi: 'Các gói nhận từ trục liên thông nhưng không đọc được hoặc không hợp lệ. Gói được giữ lại để kiểm tra: có thể thử xử lý lại (ví dụ sau khi cập nhật phần mềm) hoặc bỏ qua.',
    en: 'Packages received from the axis that could not be read or were not valid. They are kept for checking: retry them (e.g. after an update) or ignore them.',
  },
  'quarantine.table.label': { vi: 'Các gói bị cách ly', en: 'Quarantined packages' },
  'quarantine.total': { vi: '{total} gói', en: '{total} packages' },
  'quarantine.empty': { vi: 'Không có gói nào bị cách ly.', en: 'No package is in quarantine.' },
  'quarantine.col.reason': { vi: 'Lý do', en: 'Reason' },
  'quarantine.col.axisId': { vi: 'Mã gói trên trục', en: 'Axis package id' },
  'quarantine.col.type': { vi: 'Loại gói', en: 'Type' },
  'quarantine.col.sender': { vi: 'Cơ quan gửi', en: 'Sender' },
  'quarantine.col.time': { vi: 'Thời gian', en: 'Time' },
  'quarantine.col.state': { vi: 'Tình trạng', en: 'State' },
  'quarantine.col.actions': { vi: 'Thao tác', en: 'Actions' },
  'quarantine.type.edoc': { vi: 'Văn bản', en: 'Document' },
  'quarantine.type.status': { vi: 'Trạng thái', en: 'Status' },
  'quarantine.state.open': { vi: 'Chờ xử lý', en: 'To check' },
  'quarantine.state.retrying': { vi: 'Đang thử lại', en: 'Retrying' },
  'quarantine.state.ignored': { vi: 'Đã bỏ qua', en: 'Ignored' },
  'quarantine.retry': { vi: 'Thử lại', en: 'Retry' },
  'quarantine.ignore': { vi: 'Bỏ qua', en: 'Ignore' },
  'quarantine.retry.named': { vi: 'Thử lại gói {id}', en: 'Retry package {id}' },
  'quarantine.ignore.named': { vi: 'Bỏ qua gói {id}', en: 'Ignore package {id}' },
  'quarantine.unknownSender': { vi: 'Không rõ', en: 'Unknown' },

  // ── New documents ──────────────────────────────────────────────────────────
  'arrival.single': { vi: 'Văn bản mới đến: {subject}', en: 'New document: {subject}' },
  'arrival.from': { vi: 'Từ {sender}', en: 'From {sender}' },
  'arrival.many': { vi: '{count} văn bản mới đến', en: '{count} new documents' },
  'arrival.manyUrgent': { vi: '{count} văn bản mới đến, trong đó {urgent} văn bản khẩn', en: '{count} new documents, {urgent} of them urgent' },
  'arrival.open': { vi: 'Mở văn bản', en: 'Open it' },
  'arrival.openInbox': { vi: 'Xem văn bản đến', en: 'See incoming documents' },
  'arrival.notificationTitle': { vi: 'VanThu: văn bản mới đến', en: 'VanThu: new document' },

  // ── Attachments ────────────────────────────────────────────────────────────
  'attachments.title': { vi: 'Tệp đính kèm', en: 'Attachments' },
  'attachments.empty': { vi: 'Chưa có tệp đính kèm.', en: 'No attachments yet.' },
  'attachments.table.label': { vi: 'Danh sách tệp đính kèm', en: 'Attachment list' },
  'attachments.col.name': { vi: 'Tên tệp', en: 'File name' },
  'attachments.col.size': { vi: 'Dung lượng', en: 'Size' },
  'attachments.col.sha256': { vi: 'SHA-256', en: 'SHA-256' },
  'attachments.col.actions': { vi: 'Thao tác', en: 'Actions' },
  'attachments.open': { vi: 'Mở', en: 'Open' },
  'viewer.heading': { vi: 'Xem văn bản', en: 'Document' },
  'viewer.label': { vi: 'Xem văn bản: {name}', en: 'Document viewer: {name}' },
  'viewer.loading': { vi: 'Đang mở văn bản…', en: 'Opening the document…' },
  'viewer.failed': { vi: 'Không hiển thị được tệp {name}.', en: '{name} could not be displayed.' },
  'viewer.pages': { vi: '{count} trang', en: '{count} pages' },
  'viewer.page': { vi: 'Trang {page}/{count}', en: 'Page {page} of {count}' },
  'viewer.fitWidth': { vi: 'Vừa chiều rộng', en: 'Fit width' },
  'viewer.zoomIn': { vi: 'Phóng to', en: 'Zoom in' },
  'viewer.zoomOut': { vi: 'Thu nhỏ', en: 'Zoom out' },
  'viewer.zoomIn.short': { vi: '+', en: '+' },
  'viewer.zoomOut.short': { vi: '−', en: '−' },
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
  'sync.queue': { vi: 'Hàng đợi gửi: {count}', en: 'Send queue: {count}' },
  'sync.progress.directory': { vi: 'Đang đồng bộ danh bạ: {done} / {total}', en: 'Syncing the directory: {done} / {total}' },
  'sync.progress.directoryUnknown': { vi: 'Đang đồng bộ danh bạ: {done}', en: 'Syncing the directory: {done}' },
  'sync.now': { vi: 'Đồng bộ ngay', en: 'Sync now' },
  'sync.unknown': { vi: 'Chưa rõ trạng thái đồng bộ', en: 'Sync status unknown' },

  // ── Notifications ──────────────────────────────────────────────────────────
  'toast.region': { vi: 'Thông báo', en: 'Notifications' },
  'toast.dismiss': { vi: 'Đóng thông báo', en: 'Dismiss notification' },
  'toast.detail': { vi: 'Chi tiết kỹ thuật: {detail}', en: 'Technical detail: {detail}' },
  'toast.urgent': { vi: 'Khẩn', en: 'Urgent' },

  // ── Registers (sổ đăng ký) and reports (issue 6) ───────────────────────────
  'nav.registers': { vi: 'Sổ đăng ký', en: 'Registers' },
  'nav.reports': { vi: 'Báo cáo', en: 'Reports' },
  'registers.title': { vi: 'Sổ đăng ký văn bản', en: 'Document registers' },
  'registers.register': { vi: 'Sổ', en: 'Register' },
  'registers.year': { vi: 'Năm', en: 'Year' },
  'registers.direction.in': { vi: 'Văn bản đến', en: 'Incoming' },
  'registers.direction.out': { vi: 'Văn bản đi', en: 'Outgoing' },
  'registers.heading': { vi: '{name} năm {year}', en: '{name}, {year}' },
  'registers.empty': { vi: 'Sổ chưa có văn bản nào trong năm này.', en: 'This register has no documents in this year.' },
  'registers.print': { vi: 'In', en: 'Print' },
  'registers.exportPdf': { vi: 'Xuất PDF', en: 'Export PDF' },
  'registers.exportXlsx': { vi: 'Xuất Excel', en: 'Export Excel' },
  'registers.exporting': { vi: 'Đang xuất…', en: 'Exporting…' },
  'registers.exported': { vi: 'Đã tải tệp {name}.', en: 'Downloaded {name}.' },
  'registers.page': { vi: 'Trang {page}', en: 'Page {page}' },
  'registers.choose': { vi: 'Vào sổ', en: 'Register' },
  'registers.close': { vi: 'Khóa sổ', en: 'Close register' },
  'registers.reopen': { vi: 'Mở lại sổ', en: 'Reopen register' },
  'registers.closed': { vi: '{name} (đã khóa)', en: '{name} (closed)' },
  'registers.new.heading': { vi: 'Thêm sổ đăng ký', en: 'Add a register' },
  'registers.new.name': { vi: 'Tên sổ', en: 'Register name' },
  'registers.new.code': { vi: 'Mã sổ', en: 'Register code' },
  'registers.new.code.hint': {
    vi: 'Chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ mat-den. Không đổi được sau khi tạo.',
    en: 'Lower-case letters, digits and dashes, e.g. mat-den. It cannot be changed later.',
  },
  'registers.new.direction': { vi: 'Loại sổ', en: 'Kind of register' },
  'registers.new.scope': { vi: 'Dùng cho', en: 'Used for' },
  'registers.new.scope.hint': { vi: 'Ví dụ: Văn bản mật; Quyết định.', en: 'For example: secret documents; decisions.' },
  'registers.new.submit': { vi: 'Thêm sổ', en: 'Add register' },
  'registers.new.error.code': { vi: 'Mã sổ không hợp lệ hoặc đã có sổ dùng mã này.', en: 'The code is not valid or another register uses it.' },
  'registers.new.error.name': { vi: 'Hãy nhập tên sổ.', en: 'Enter the register name.' },
  'registers.col.arrivalDate': { vi: 'Ngày đến', en: 'Arrival date' },
  'registers.col.arrivalNumber': { vi: 'Số đến', en: 'Arrival number' },
  'registers.col.issuer': { vi: 'Tác giả', en: 'Issuer' },
  'registers.col.numberNotation': { vi: 'Số, ký hiệu', en: 'Number, notation' },
  'registers.col.documentDate': { vi: 'Ngày tháng văn bản', en: 'Document date' },
  'registers.col.typeAndSubject': { vi: 'Tên loại và trích yếu nội dung', en: 'Type and subject' },
  'registers.col.receiver': { vi: 'Đơn vị hoặc người nhận', en: 'Receiving unit or person' },
  'registers.col.receiptSignature': { vi: 'Ký nhận', en: 'Signature of receipt' },
  'registers.col.notes': { vi: 'Ghi chú', en: 'Notes' },
  'registers.col.signer': { vi: 'Người ký', en: 'Signer' },
  'registers.col.recipients': { vi: 'Nơi nhận văn bản', en: 'Recipients' },
  'registers.col.keeper': { vi: 'Đơn vị, người nhận bản lưu', en: 'Unit keeping the original' },
  'registers.col.copies': { vi: 'Số lượng bản', en: 'Copies' },
  'reports.title': { vi: 'Báo cáo thống kê', en: 'Reports' },
  'reports.from': { vi: 'Từ ngày', en: 'From' },
  'reports.to': { vi: 'Đến ngày', en: 'To' },
  'reports.kind': { vi: 'Báo cáo', en: 'Report' },
  'reports.kind.byMonth': { vi: 'Văn bản đi, đến theo tháng', en: 'Sent and received per month' },
  'reports.kind.byAgency': { vi: 'Theo cơ quan (nhiều nhất)', en: 'Per agency (top)' },
  'reports.kind.byType': { vi: 'Theo loại văn bản', en: 'Per document type' },
  'reports.kind.processingTimes': { vi: 'Thời gian xử lý', en: 'Processing times' },
  'reports.kind.overdue': { vi: 'Văn bản quá hạn', en: 'Overdue documents' },
  'reports.sent': { vi: 'Văn bản đi', en: 'Sent' },
  'reports.received': { vi: 'Văn bản đến', en: 'Received' },
  'reports.label.byMonth': { vi: 'Tháng', en: 'Month' },
  'reports.label.byAgency': { vi: 'Cơ quan', en: 'Agency' },
  'reports.label.byType': { vi: 'Loại văn bản', en: 'Document type' },
  'reports.label.processingTimes': { vi: 'Loại văn bản', en: 'Document type' },
  'reports.count': { vi: 'Số văn bản', en: 'Documents' },
  'reports.median': { vi: 'Trung vị (giờ)', en: 'Median (hours)' },
  'reports.p90': { vi: 'Phân vị 90 (giờ)', en: '90th percentile (hours)' },
  'reports.processing.summary': {
    vi: '{count} văn bản đã xử lý xong: trung vị {median} giờ, phân vị 90 {p90} giờ (từ khi đến đến khi hoàn thành).',
    en: '{count} documents done: median {median} hours, 90th percentile {p90} hours (from arrival to done).',
  },
  'reports.overdue.subject': { vi: 'Trích yếu', en: 'Subject' },
  'reports.overdue.sender': { vi: 'Cơ quan gửi', en: 'Sender' },
  'reports.overdue.dueDate': { vi: 'Hạn xử lý', en: 'Due date' },
  'reports.overdue.daysLate': { vi: 'Số ngày quá hạn', en: 'Days late' },
  'reports.overdue.state': { vi: 'Trạng thái', en: 'State' },
  'reports.empty': { vi: 'Không có số liệu trong khoảng thời gian này.', en: 'No data in this period.' },
  'reports.chart': { vi: 'Biểu đồ: {title}', en: 'Chart: {title}' },
  'reports.untyped': { vi: '(Chưa ghi loại)', en: '(No type)' },

  // ── Recovery screen (issue 7): the core could not use its database ──────────
  'recovery.title': { vi: 'Khôi phục dữ liệu', en: 'Data recovery' },
  'recovery.reason.damaged': {
    vi: 'Cơ sở dữ liệu của VanThu bị hỏng (có thể do mất điện hoặc lỗi ổ đĩa). Ứng dụng chưa ghi gì thêm vào đó.',
    en: 'The VanThu database is damaged (a power cut or a failing disk may have caused it). Nothing more has been written to it.',
  },
  'recovery.reason.read_only': {
    vi: 'Thư mục dữ liệu của VanThu chỉ cho phép đọc nên ứng dụng không thể làm việc. Nhờ bộ phận CNTT cấp quyền ghi hoặc gắn lại ổ đĩa, rồi mở lại ứng dụng.',
    en: 'The VanThu data folder is read-only, so the application cannot work. Ask IT to allow writing or remount the disk, then reopen the application.',
  },
  'recovery.reason.disk_full': {
    vi: 'Ổ đĩa chứa dữ liệu VanThu đã đầy nên ứng dụng không thể khởi động. Hãy giải phóng dung lượng rồi mở lại ứng dụng.',
    en: 'The disk holding the VanThu data folder is full, so the application cannot start. Free some space, then reopen the application.',
  },
  'recovery.dataDir': { vi: 'Thư mục dữ liệu: {dir}', en: 'Data folder: {dir}' },
  'recovery.report.hint': {
    vi: 'Gửi tệp này cho bộ phận hỗ trợ: nó ghi phiên bản, lý do không dùng được dữ liệu và nhật ký gần nhất, không có nội dung văn bản hay mật khẩu.',
    en: 'Send this file to the helpdesk: it holds the versions, why the data cannot be used and the latest log lines, no document content and no password.',
  },
  'recovery.restore.heading': { vi: 'Khôi phục từ bản sao lưu', en: 'Restore from a backup' },
  'recovery.restore.description': {
    vi: 'Dữ liệu trở về thời điểm sao lưu. Bản cơ sở dữ liệu hỏng được giữ lại trong thư mục “replaced”.',
    en: 'The data goes back to the time of the backup. The damaged database is kept in the “replaced” folder.',
  },
  'recovery.restore.none': { vi: 'Không tìm thấy bản sao lưu nào.', en: 'No backup was found.' },
  'recovery.restore.item': { vi: '{date} — {documents} văn bản, {files} tệp', en: '{date} — {documents} documents, {files} files' },
  'recovery.restore.button': { vi: 'Khôi phục bản này', en: 'Restore this one' },
  'recovery.restore.pending': { vi: 'Đang kiểm tra và khôi phục…', en: 'Checking and restoring…' },
  'recovery.afresh.heading': { vi: 'Bắt đầu lại và đồng bộ lại từ trục', en: 'Start afresh and re-sync from the axis' },
  'recovery.afresh.description': {
    vi: 'Cơ sở dữ liệu hỏng được chuyển sang thư mục “replaced” và VanThu tạo cơ sở dữ liệu mới; bạn cần kết nối lại với trục. Chỉ những văn bản đến mà trục còn lưu mới được tải lại; văn bản đi, dự thảo và sổ văn bản cũ không được khôi phục.',
    en: 'The damaged database is moved to the “replaced” folder and VanThu creates a new one; you connect to the axis again. Only incoming documents the axis still holds are fetched again; earlier outgoing documents, drafts and registers are not recovered.',
  },
  'recovery.afresh.button': { vi: 'Bắt đầu lại', en: 'Start afresh' },
  'recovery.error': { vi: 'Không khôi phục được: {message}', en: 'Could not recover: {message}' },

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
  'error.disk_full': {
    vi: 'Ổ đĩa đầy: chưa lưu được. Hãy giải phóng dung lượng ổ đĩa chứa dữ liệu VanThu (hoặc nhờ bộ phận CNTT) rồi thử lại; dữ liệu đã lưu trước đó vẫn nguyên vẹn.',
    en: 'The disk is full: nothing was saved. Free space on the disk holding the VanThu data folder (or ask IT), then try again; what was saved before is intact.',
  },
  'error.read_only': {
    vi: 'Thư mục dữ liệu VanThu chỉ cho phép đọc: không ghi được. Nhờ bộ phận CNTT cấp quyền ghi (hoặc gắn lại ổ đĩa) rồi mở lại ứng dụng.',
    en: 'The VanThu data folder is read-only: nothing can be saved. Ask IT to allow writing (or remount the disk), then reopen the application.',
  },
  'error.damaged': {
    vi: 'Cơ sở dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu hoặc bắt đầu lại trên màn hình khôi phục.',
    en: 'The database is damaged. Restore a backup or start afresh on the recovery screen.',
  },
  'error.internal': {
    vi: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại hoặc liên hệ bộ phận hỗ trợ.',
    en: 'Something unexpected went wrong. Please try again or contact support.',
  },

  // ── Signature verification (issue 5) ─────────────────────────────────────
  'list.col.signature': { vi: 'Chữ ký số', en: 'Signature' },
  'verify.badge.valid': { vi: 'Hợp lệ', en: 'Valid' },
  'verify.badge.warning': { vi: 'Cần xem lại', en: 'Check' },
  'verify.badge.invalid': { vi: 'Không hợp lệ', en: 'Invalid' },
  'verify.badge.unsigned': { vi: 'Không ký số', en: 'Not signed' },
  'verify.badge.pending': { vi: 'Chưa kiểm tra', en: 'Not verified' },
  'verify.badge.valid.title': { vi: 'Chữ ký số hợp lệ, văn bản không bị sửa sau khi ký', en: 'Valid signatures; the document was not changed after signing' },
  'verify.badge.warning.title': { vi: 'Chưa xác định được chữ ký số có hợp lệ hay không: xem chi tiết', en: 'The signatures could not be fully verified: see the details' },
  'verify.badge.invalid.title': { vi: 'Chữ ký số không hợp lệ: văn bản có thể đã bị sửa hoặc giả mạo', en: 'Invalid signature: the document may have been altered or forged' },
  'verify.badge.unsigned.title': { vi: 'Văn bản không có chữ ký số', en: 'The document has no digital signature' },
  'verify.badge.pending.title': { vi: 'Chữ ký số đang được kiểm tra', en: 'The signatures are being verified' },
  'verify.heading': { vi: 'Chữ ký số', en: 'Digital signatures' },
  'verify.summary.TOTAL_PASSED': { vi: 'Tất cả chữ ký số hợp lệ và đúng cơ quan gửi.', en: 'All signatures are valid and name the sender.' },
  'verify.summary.INDETERMINATE': { vi: 'Chưa khẳng định được chữ ký số: {reason}', en: 'The signatures could not be confirmed: {reason}' },
  'verify.summary.TOTAL_FAILED': { vi: 'Chữ ký số không hợp lệ: {reason}', en: 'Invalid signature: {reason}' },
  'verify.summary.UNSIGNED': { vi: 'Văn bản không có chữ ký số. Hãy đối chiếu với cơ quan gửi nếu văn bản cần được ký.', en: 'The document is not digitally signed. Check with the sender if it should be.' },
  'verify.summary.pending': { vi: 'Đang kiểm tra chữ ký số…', en: 'Verifying the signatures…' },
  'verify.verifiedAt': { vi: 'Kiểm tra lúc {time}', en: 'Verified at {time}' },
  'verify.again': { vi: 'Kiểm tra lại', en: 'Verify again' },
  'verify.again.hint': {
    vi: 'Kiểm tra lại chữ ký số, ví dụ sau khi bổ sung chứng thư gốc tin cậy hoặc khi máy chủ thu hồi chứng thư trước đó không truy cập được',
    en: 'Verify the signatures again, e.g. after a trust anchor was added or when the revocation server was unreachable',
  },
  'verify.checking': { vi: 'Đang kiểm tra…', en: 'Verifying…' },
  'verify.return': { vi: 'Trả lại văn bản', en: 'Return the document' },
  'verify.return.hint': { vi: 'Chữ ký số không hợp lệ: trả lại cơ quan gửi (mã 02) với lý do đã điền sẵn', en: 'Invalid signature: return it to the sender (code 02) with the reason filled in' },
  'verify.return.reason': { vi: 'Chữ ký số không hợp lệ: {reason}', en: 'Invalid digital signature: {reason}' },
  'verify.sender.match': { vi: 'Cơ quan ký số “{signedBy}” đúng là cơ quan gửi ({expected}).', en: 'The signing agency “{signedBy}” is the sender ({expected}).' },
  'verify.sender.mismatch': { vi: 'Cơ quan ký số “{signedBy}” không phải cơ quan gửi “{expected}”.', en: 'The signing agency “{signedBy}” is not the sender “{expected}”.' },
  'verify.sender.noOrganization': { vi: 'Chữ ký số cuối cùng không ghi tên cơ quan; cơ quan gửi là “{expected}”.', en: 'The last signature names no agency; the sender is “{expected}”.' },
  'verify.file.unsigned': { vi: 'Tệp không có chữ ký số.', en: 'This file is not signed.' },
  'verify.file.error': { vi: 'Không đọc được tệp PDF: {error}', en: 'The PDF could not be read: {error}' },
  'verify.signature': { vi: 'Chữ ký {n}', en: 'Signature {n}' },
  'verify.signer': { vi: 'Người ký', en: 'Signer' },
  'verify.organization': { vi: 'Cơ quan', en: 'Organisation' },
  'verify.title': { vi: 'Chức vụ', en: 'Title' },
  'verify.signingTime': { vi: 'Thời điểm ký (theo máy người ký)', en: 'Signing time (claimed)' },
  'verify.timestamp': { vi: 'Dấu thời gian', en: 'Timestamp' },
  'verify.timestamp.value': { vi: '{time} — cấp bởi {tsa}', en: '{time} — by {tsa}' },
  'verify.timestamp.invalid': { vi: 'Dấu thời gian không hợp lệ', en: 'The timestamp is not valid' },
  'verify.time': { vi: '{local} (giờ Việt Nam) · {utc} UTC', en: '{local} (Vietnam time) · {utc} UTC' },
  'verify.coverage': { vi: 'Phạm vi ký', en: 'Coverage' },
  'verify.coverage.whole': { vi: 'Ký trên toàn bộ văn bản', en: 'Covers the whole document' },
  'verify.coverage.later': { vi: 'Thay đổi sau khi ký: {changes}', en: 'Later changes: {changes}' },
  'verify.change.signature': { vi: 'thêm chữ ký', en: 'a further signature' },
  'verify.change.form_fill': { vi: 'điền biểu mẫu', en: 'form filling' },
  'verify.change.annotation': { vi: 'thêm chú thích', en: 'an annotation' },
  'verify.change.page_content': { vi: 'sửa nội dung trang', en: 'page content changed' },
  'verify.change.new_page': { vi: 'thêm trang', en: 'a new page' },
  'verify.change.other': { vi: 'thay đổi khác', en: 'another change' },
  'verify.change.notAllowed': { vi: '{change} (không được phép)', en: '{change} (not allowed)' },
  'verify.details': { vi: 'Chi tiết kỹ thuật', en: 'Technical details' },
  'verify.details.indication': { vi: 'Kết luận (ETSI EN 319 102-1)', en: 'Indication (ETSI EN 319 102-1)' },
  'verify.details.subFilter': { vi: 'Định dạng chữ ký', en: 'Signature format' },
  'verify.details.revision': { vi: 'Phiên bản được ký', en: 'Signed revision' },
  'verify.details.revisionValue': { vi: '{revision} / {revisions}', en: '{revision} of {revisions}' },
  'verify.details.changes': { vi: 'Thay đổi sau khi ký', en: 'Changes after signing' },
  'verify.details.changeAt': { vi: 'Phiên bản {revision}: {change}', en: 'Revision {revision}: {change}' },
  'verify.details.chain': { vi: 'Chuỗi chứng thư', en: 'Certificate chain' },
  'verify.details.serial': { vi: 'Số hiệu', en: 'Serial' },
  'verify.details.validity': { vi: 'Hiệu lực', en: 'Validity' },
  'verify.details.checks': { vi: 'Các bước kiểm tra', en: 'Checks' },
  'verify.details.fileHash': { vi: 'SHA-256 của tệp', en: 'File SHA-256' },
  'verify.check.integrity': { vi: 'Toàn vẹn dữ liệu được ký', en: 'Signed bytes intact' },
  'verify.check.cryptographic': { vi: 'Giá trị chữ ký', en: 'Signature value' },
  'verify.check.chainTrusted': { vi: 'Chuỗi tới chứng thư gốc tin cậy', en: 'Chain to a trust anchor' },
  'verify.check.validAtSigningTime': { vi: 'Chứng thư còn hiệu lực lúc ký', en: 'Certificates valid at signing time' },
  'verify.check.keyUsage': { vi: 'Mục đích sử dụng khóa cho phép ký', en: 'Key usage allows signing' },
  'verify.check.noDisallowedChanges': { vi: 'Không có thay đổi trái phép sau khi ký', en: 'No disallowed change after signing' },
  'verify.check.revocation': { vi: 'Tình trạng thu hồi (CRL/OCSP)', en: 'Revocation (CRL/OCSP)' },
  'verify.check.yes': { vi: 'Đạt', en: 'Passed' },
  'verify.check.no': { vi: 'Không đạt', en: 'Failed' },
  'verify.check.unknown': { vi: 'Không kiểm tra được', en: 'Not determined' },
  'verify.revocation.good': { vi: 'chưa bị thu hồi', en: 'not revoked' },
  'verify.revocation.revoked': { vi: 'đã bị thu hồi', en: 'revoked' },
  'verify.revocation.unknown': { vi: 'không rõ', en: 'unknown' },
  'verify.revocation.unreachable': { vi: 'không truy cập được máy chủ', en: 'server unreachable' },
  'verify.revocation.not_checked': { vi: 'chưa kiểm tra', en: 'not checked' },
  'verify.sub.FORMAT_FAILURE': { vi: 'chữ ký hỏng hoặc văn bản bị thay đổi sau khi ký theo cách không được phép', en: 'the signature is malformed or the document was changed after signing in a way that is not allowed' },
  'verify.sub.HASH_FAILURE': { vi: 'nội dung đã bị sửa sau khi ký', en: 'the content was altered after signing' },
  'verify.sub.SIG_CRYPTO_FAILURE': { vi: 'giá trị chữ ký không khớp với chứng thư', en: 'the signature value does not match the certificate' },
  'verify.sub.REVOKED': { vi: 'chứng thư số đã bị thu hồi trước khi ký', en: 'the certificate was revoked before signing' },
  'verify.sub.NOT_YET_VALID': { vi: 'chứng thư số chưa có hiệu lực lúc ký', en: 'the certificate was not yet valid at signing time' },
  'verify.sub.SIG_CONSTRAINTS_FAILURE': { vi: 'cơ quan ký số không phải cơ quan gửi', en: 'the signing agency is not the sender' },
  'verify.sub.CHAIN_CONSTRAINTS_FAILURE': { vi: 'chứng thư số không dùng để ký', en: 'the certificate is not for signing' },
  'verify.sub.CERTIFICATE_CHAIN_GENERAL_FAILURE': { vi: 'chuỗi chứng thư không hợp lệ', en: 'the certificate chain is not valid' },
  'verify.sub.NO_SIGNING_CERTIFICATE_FOUND': { vi: 'chữ ký không kèm chứng thư của người ký', en: 'the signer’s certificate is missing' },
  'verify.sub.NO_CERTIFICATE_CHAIN_FOUND': { vi: 'chứng thư số không do tổ chức tin cậy cấp (thiếu chứng thư gốc tin cậy)', en: 'the certificate is not issued by a trusted authority (no trust anchor)' },
  'verify.sub.OUT_OF_BOUNDS_NO_POE': { vi: 'chứng thư số hết hạn hoặc chưa có hiệu lực lúc ký', en: 'the certificate was expired or not yet valid at signing time' },
  'verify.sub.OUT_OF_BOUNDS_NOT_REVOKED': { vi: 'chứng thư số hết hạn lúc ký', en: 'the certificate had expired at signing time' },
  'verify.sub.REVOKED_NO_POE': { vi: 'chứng thư số đã bị thu hồi, không chứng minh được thời điểm ký', en: 'the certificate is revoked and the signing time is not proven' },
  'verify.sub.TRY_LATER': { vi: 'chưa kiểm tra được tình trạng thu hồi chứng thư; hãy kiểm tra lại sau', en: 'revocation could not be checked; verify again later' },
  'verify.reason.unreadable': { vi: 'không đọc được tệp “{name}” (không phải PDF hoặc bị hỏng)', en: 'the file “{name}” cannot be read (not a PDF, or damaged)' },
  'verify.sub.none': { vi: 'không rõ lý do', en: 'no reason given' },

  // Changes after signing, certification and damaged files (docs/formats.md#change-rules).
  'verify.change.metadata': { vi: 'bổ sung dữ liệu kiểm tra chữ ký hoặc thông tin mô tả', en: 'validation data or document information added' },
  'verify.change.form_field': { vi: 'thêm ô biểu mẫu', en: 'a new form field' },
  'verify.change.notAllowed.certification': { vi: '{change} (văn bản đã chứng thực không cho phép)', en: '{change} (not allowed by the certification)' },
  'verify.change.notAllowed.field_lock': { vi: '{change} (ô này đã bị chữ ký khóa)', en: '{change} (the signature locked this field)' },
  'verify.changes.warning': {
    vi: 'Văn bản có thay đổi sau khi ký: {changes}. Các thay đổi này được phép nên chữ ký vẫn hợp lệ; hãy đối chiếu nội dung nếu cần.',
    en: 'The document was changed after signing: {changes}. These changes are allowed, so the signature stays valid; compare the content if in doubt.',
  },
  'verify.certification': { vi: 'Chữ ký chứng thực', en: 'Certification' },
  'verify.certification.1': { vi: 'không cho phép bất kỳ thay đổi nào sau khi ký', en: 'no change allowed after signing' },
  'verify.certification.2': { vi: 'chỉ cho phép điền biểu mẫu và ký thêm', en: 'only form filling and further signatures allowed' },
  'verify.certification.3': { vi: 'cho phép điền biểu mẫu, ký thêm và thêm chú thích', en: 'form filling, further signatures and annotations allowed' },
  'verify.file.damaged': { vi: 'Cấu trúc tệp PDF bị hỏng; các chữ ký dưới đây được kiểm tra theo vùng dữ liệu đã ký.', en: 'The PDF’s structure is damaged; the signatures below were checked over the bytes they sign.' },

  'trust.heading': { vi: 'Chứng thư gốc tin cậy', en: 'Trust anchors' },
  'trust.intro': {
    vi: 'Chữ ký số chỉ được coi là hợp lệ khi chứng thư của người ký được cấp bởi một trong các chứng thư gốc dưới đây (ví dụ chứng thư gốc của Ban Cơ yếu Chính phủ). Bộ phận CNTT cũng có thể chép tệp vào thư mục: {folder}',
    en: 'A signature is valid only when the signer’s certificate was issued under one of these roots (e.g. the Government Cipher Committee’s root). IT staff may also copy files into the folder: {folder}',
  },
  'trust.empty': { vi: 'Chưa có chứng thư gốc tin cậy nào: mọi chữ ký số sẽ ở trạng thái “Cần xem lại”.', en: 'No trust anchor yet: every signature will show “Check”.' },
  'trust.col.subject': { vi: 'Chủ thể', en: 'Subject' },
  'trust.col.issuer': { vi: 'Cấp bởi', en: 'Issuer' },
  'trust.col.validity': { vi: 'Hiệu lực', en: 'Validity' },
  'trust.col.sha256': { vi: 'SHA-256', en: 'SHA-256' },
  'trust.col.actions': { vi: 'Thao tác', en: 'Actions' },
  'trust.validity': { vi: '{from} – {to}', en: '{from} – {to}' },
  'trust.add': { vi: 'Thêm chứng thư gốc…', en: 'Add a trust anchor…' },
  'trust.add.hint': { vi: 'Tệp chứng thư X.509 (.cer, .crt, .pem, .der), tối đa 64 KB.', en: 'An X.509 certificate file (.cer, .crt, .pem, .der), at most 64 KB.' },
  'trust.add.tooLarge': { vi: 'Tệp quá lớn: một chứng thư số chỉ vài KB.', en: 'The file is too large: a certificate is a few KB.' },
  'trust.added': { vi: 'Đã thêm: {subject}', en: 'Added: {subject}' },
  'trust.remove': { vi: 'Gỡ bỏ', en: 'Remove' },
  'trust.remove.label': { vi: 'Gỡ bỏ {subject}', en: 'Remove {subject}' },
  'trust.removed': { vi: 'Đã gỡ bỏ chứng thư gốc.', en: 'The trust anchor was removed.' },
  'trust.error.invalid': { vi: 'Tệp này không phải chứng thư số X.509 (PEM hoặc DER).', en: 'This file is not an X.509 certificate (PEM or DER).' },
  'trust.error.conflict': {
    vi: 'Chứng thư này đã có trong danh sách, hoặc nằm chung tệp với chứng thư khác (hãy sửa tệp đó trong thư mục).',
    en: 'This certificate is already listed, or shares its file with other certificates (edit that file in the folder).',
  },
  'trust.unreadable': { vi: 'Tệp không đọc được: {file} — {reason}', en: 'Unreadable file: {file} — {reason}' },

  // ── Diagnostics (issue 8) ──────────────────────────────────────────────────
  'nav.diagnostics': { vi: 'Chẩn đoán', en: 'Diagnostics' },
  'diagnostics.title': { vi: 'Chẩn đoán', en: 'Diagnostics' },
  'diagnostics.intro': {
    vi: 'Thông tin cho bộ phận hỗ trợ kỹ thuật. Báo cáo đã lưu không chứa mã PIN, mật khẩu hay khóa bí mật.',
    en: 'Information for the helpdesk. A saved report holds no PIN, password or secret key.',
  },
  'diagnostics.versions.heading': { vi: 'Phiên bản và dữ liệu', en: 'Versions and data' },
  'diagnostics.version.vanthu': { vi: 'VanThu', en: 'VanThu' },
  'diagnostics.version.node': { vi: 'Node.js', en: 'Node.js' },
  'diagnostics.version.electron': { vi: 'Electron', en: 'Electron' },
  'diagnostics.version.chromium': { vi: 'Chromium', en: 'Chromium' },
  'diagnostics.version.sqlite': { vi: 'SQLite', en: 'SQLite' },
  'diagnostics.version.browserMode': { vi: 'Không dùng (chế độ trình duyệt)', en: 'Not used (browser mode)' },
  'diagnostics.os': { vi: 'Hệ điều hành', en: 'Operating system' },
  'diagnostics.dataDir': { vi: 'Thư mục dữ liệu', en: 'Data folder' },
  'diagnostics.databaseSize': { vi: 'Dung lượng cơ sở dữ liệu', en: 'Database size' },
  'diagnostics.schemaVersion': { vi: 'Phiên bản lược đồ CSDL', en: 'Database schema version' },
  'diagnostics.documentCount': { vi: 'Số văn bản', en: 'Documents' },
  'diagnostics.logFile': { vi: 'Tệp nhật ký', en: 'Log file' },
  'diagnostics.axis.heading': { vi: 'Kết nối trục liên thông', en: 'Axis connection' },
  'diagnostics.axis.test': { vi: 'Kiểm tra kết nối trục', en: 'Test the axis connection' },
  'diagnostics.axis.testing': { vi: 'Đang kiểm tra kết nối…', en: 'Testing the connection…' },
  'diagnostics.axis.ok': { vi: 'Kết nối tốt tới {url} ({ms} ms).', en: 'Connected to {url} ({ms} ms).' },
  'diagnostics.axis.failed': { vi: 'Không kết nối được tới {url} (sau {ms} ms).', en: 'Could not connect to {url} (after {ms} ms).' },
  'diagnostics.axis.hint.unavailable': {
    vi: 'Kiểm tra mạng, địa chỉ trục và tường lửa của cơ quan; nếu vẫn lỗi, gửi báo cáo chẩn đoán cho bộ phận hỗ trợ.',
    en: 'Check the network, the axis address and the agency firewall; if it still fails, send the diagnostics report to the helpdesk.',
  },
  'diagnostics.axis.hint.invalid_input': {
    vi: 'Trục từ chối mã định danh hoặc khóa bí mật: kết nối lại trục trong phần cài đặt ban đầu với thông tin đúng.',
    en: 'The axis refused the agency code or secret: connect to the axis again with the right credentials.',
  },
  'diagnostics.axis.hint.not_configured': { vi: 'Máy này chưa có khóa bí mật của trục: hãy kết nối lại trục.', en: 'This computer has no axis secret: connect to the axis again.' },
  'diagnostics.tokens.heading': { vi: 'Thiết bị ký số', en: 'Signing token' },
  'diagnostics.log.heading': { vi: 'Nhật ký gần đây', en: 'Recent log' },
  'diagnostics.log.show': { vi: 'Xem {count} dòng nhật ký gần nhất', en: 'Show the last {count} log lines' },
  'diagnostics.log.empty': { vi: 'Nhật ký chưa có dòng nào.', en: 'The log has no lines yet.' },
  'diagnostics.report.heading': { vi: 'Báo cáo cho bộ phận hỗ trợ', en: 'Report for the helpdesk' },
  'diagnostics.report.hint': {
    vi: 'Tệp văn bản gồm các thông tin trên, kết quả kiểm tra, trạng thái đồng bộ và nhật ký gần đây, đã lược bỏ thông tin bí mật.',
    en: 'A text file with the information above, the test results, the sync status and the recent log, with secrets removed.',
  },
  'diagnostics.report.save': { vi: 'Lưu báo cáo', en: 'Save report' },
  // ── Admin policies (issue 8): Settings' read-only list, locked fields, refused actions ──
  'policy.heading': { vi: 'Chính sách quản trị', en: 'Administrator policies' },
  'policy.intro': {
    vi: 'Bộ phận CNTT của cơ quan đặt các giá trị này cho máy tính (registry Windows hoặc tệp chính sách). Trong ứng dụng chỉ xem được, không sửa được; thay đổi có hiệu lực khi khởi động lại VanThu.',
    en: 'Your agency’s IT staff set these values for this computer (Windows registry or policy file). They can be seen here but not changed; a change applies when VanThu starts again.',
  },
  'policy.col.name': { vi: 'Chính sách', en: 'Policy' },
  'policy.col.value': { vi: 'Giá trị', en: 'Value' },
  'policy.col.source': { vi: 'Nguồn', en: 'Source' },
  'policy.name.axisUrl': { vi: 'Địa chỉ trục liên thông', en: 'Axis URL' },
  'policy.name.agencyCode': { vi: 'Mã định danh cơ quan', en: 'Agency code' },
  'policy.name.pkcs11Library': { vi: 'Thư viện PKCS#11 (thiết bị ký số)', en: 'PKCS#11 library (token driver)' },
  'policy.name.tsaUrl': { vi: 'Máy chủ cấp dấu thời gian (TSA)', en: 'Time-stamp server (TSA)' },
  'policy.name.updateUrl': { vi: 'Địa chỉ cập nhật phần mềm', en: 'Update URL' },
  'policy.name.disableExport': { vi: 'Tắt xuất tệp sổ và báo cáo', en: 'Disable exporting registers and reports' },
  'policy.name.allowHttp': { vi: 'Cho phép kết nối http không mã hóa', en: 'Allow unencrypted http connections' },
  'policy.value.true': { vi: 'Có', en: 'Yes' },
  'policy.value.false': { vi: 'Không', en: 'No' },
  'policy.notSet': { vi: 'không đặt', en: 'not set' },
  'policy.source.HKLM': { vi: 'Registry của máy (HKLM)', en: 'Machine registry (HKLM)' },
  'policy.source.HKCU': { vi: 'Registry của người dùng (HKCU)', en: 'User registry (HKCU)' },
  'policy.source.file': { vi: 'Tệp {file}', en: 'File {file}' },
  'policy.problems': { vi: 'Giá trị bị bỏ qua hoặc cần xem lại (chi tiết cho bộ phận CNTT)', en: 'Values ignored or to check (detail for your IT staff)' },
  'policy.locked': { vi: '🔒 Do quản trị viên đặt', en: '🔒 Set by your administrator' },
  'policy.export.disabled': {
    vi: 'Xuất tệp đã bị tắt theo chính sách quản trị của cơ quan (DisableExport).',
    en: 'Export is turned off by your agency’s administrator policy (DisableExport).',
  },
  'policy.demo.disabled': {
    vi: 'Cơ quan đã đặt trục liên thông bằng chính sách quản trị: chế độ thử không dùng được trên máy này.',
    en: 'Your agency set the axis by administrator policy: the demo is not available on this computer.',
  },
  'policy.connect.refused': {
    vi: 'Địa chỉ trục hoặc mã định danh khác với chính sách quản trị của cơ quan: hãy dùng giá trị đã điền sẵn, hoặc liên hệ bộ phận CNTT.',
    en: 'The axis URL or agency code differs from your agency’s administrator policy: use the prefilled values, or contact your IT staff.',
  },
  'settings.module.source.policy': { vi: 'chính sách quản trị (Pkcs11Library)', en: 'the administrator policy (Pkcs11Library)' },
  'settings.tsa.source.policy': { vi: 'Nguồn: chính sách quản trị (TsaUrl)', en: 'Source: the administrator policy (TsaUrl)' },
  // ── Desktop integration (issue 8): tray, taskbar, menus, notifications, desktop settings ──
  // '&' marks the access key of a menu label on Windows (Alt+T opens Tệp).
  'desktop.tray.waiting': { vi: 'VanThu — {count} văn bản chờ xử lý', en: 'VanThu — {count} documents waiting' },
  'desktop.tray.none': { vi: 'VanThu — không có văn bản chờ xử lý', en: 'VanThu — no documents waiting' },
  'desktop.tray.open': { vi: 'Mở VanThu', en: 'Open VanThu' },
  'desktop.tray.quit': { vi: 'Thoát', en: 'Quit' },
  'desktop.menu.file': { vi: '&Tệp', en: '&File' },
  'desktop.menu.newDraft': { vi: 'Dự thảo &mới', en: '&New draft' },
  'desktop.menu.syncNow': { vi: 'Đồng &bộ ngay', en: '&Sync now' },
  'desktop.menu.exit': { vi: '&Thoát', en: 'E&xit' },
  'desktop.menu.edit': { vi: '&Sửa', en: '&Edit' },
  'desktop.menu.undo': { vi: '&Hoàn tác', en: '&Undo' },
  'desktop.menu.redo': { vi: '&Làm lại', en: '&Redo' },
  'desktop.menu.cut': { vi: '&Cắt', en: 'Cu&t' },
  'desktop.menu.copy': { vi: 'Sao ché&p', en: '&Copy' },
  'desktop.menu.paste': { vi: '&Dán', en: '&Paste' },
  'desktop.menu.selectAll': { vi: 'Chọn &tất cả', en: 'Select &all' },
  'desktop.menu.view': { vi: '&Xem', en: '&View' },
  'desktop.menu.search': { vi: '&Tìm kiếm', en: '&Find' },
  'desktop.menu.zoomIn': { vi: '&Phóng to', en: 'Zoom &in' },
  'desktop.menu.zoomOut': { vi: 'Thu &nhỏ', en: 'Zoom &out' },
  'desktop.menu.resetZoom': { vi: 'Cỡ &gốc', en: '&Actual size' },
  'desktop.menu.fullScreen': { vi: 'Toàn &màn hình', en: 'F&ull screen' },
  'desktop.menu.devTools': { vi: 'Công &cụ phát triển', en: '&Developer tools' },
  'desktop.menu.help': { vi: 'Trợ &giúp', en: '&Help' },
  'desktop.menu.diagnostics': { vi: '&Chẩn đoán', en: '&Diagnostics' },
  'desktop.menu.about': { vi: '&Giới thiệu VanThu', en: '&About VanThu' },
  'desktop.about.title': { vi: 'Giới thiệu VanThu', en: 'About VanThu' },
  'desktop.about.message': { vi: 'VanThu {version}', en: 'VanThu {version}' },
  'desktop.about.detail': {
    vi: 'Văn thư liên thông cho các cơ quan nhà nước.\nElectron {electron} · Chromium {chrome} · Node.js {node}',
    en: 'Official document exchange for state agencies.\nElectron {electron} · Chromium {chrome} · Node.js {node}',
  },
  'desktop.about.close': { vi: 'Đóng', en: 'Close' },
  'desktop.update.readyTitle': { vi: 'Có bản cập nhật VanThu {version}', en: 'VanThu {version} is ready to install' },
  'desktop.update.readyBody': {
    vi: 'Bấm vào đây để cài đặt và mở lại VanThu. Việc cài đặt chờ đến khi không còn văn bản đang gửi hay đang ký.',
    en: 'Click here to install it and restart VanThu. Installing waits until no document is being sent or signed.',
  },
  'desktop.arrival.urgentTitle': { vi: 'VanThu: văn bản {priority} mới đến', en: 'VanThu: new document ({priority})' },
  'desktop.settings.heading': { vi: 'Ứng dụng trên máy tính', en: 'Desktop app' },
  'desktop.settings.openAtLogin': { vi: 'Mở VanThu khi đăng nhập vào máy tính', en: 'Open VanThu when signing in to the computer' },
  'desktop.settings.closeToTray': {
    vi: 'Khi đóng cửa sổ, giữ VanThu ở khay hệ thống để vẫn nhận văn bản',
    en: 'When the window is closed, keep VanThu in the notification area so documents still arrive',
  },

  // ── Receiving: quarantine reasons and the full disk (issues 12 and 13) ──────
  'quarantine.details': { vi: 'Chi tiết', en: 'Details' },
  'quarantine.reason.not_well_formed': {
    vi: 'Gói tin bị cắt cụt hoặc bị hỏng: nội dung không đọc được.',
    en: 'The package is cut short or damaged: its content cannot be read.',
  },
  'quarantine.reason.doctype_or_entity': {
    vi: 'Gói tin chứa khai báo DOCTYPE hoặc thực thể XML, một cách tấn công đã biết; gói tin hợp lệ không có.',
    en: 'The package contains a DOCTYPE or an XML entity, a known attack; valid packages have none.',
  },
  'quarantine.reason.wrong_namespace': {
    vi: 'Gói tin không theo định dạng edXML của QCVN 102:2016.',
    en: 'The package is not in the edXML format of QCVN 102:2016.',
  },
  'quarantine.reason.not_edxml': { vi: 'Đây không phải gói tin edXML.', en: 'This is not an edXML package.' },
  'quarantine.reason.missing_from': { vi: 'Gói tin không ghi cơ quan gửi.', en: 'The package does not name its sender.' },
  'quarantine.reason.missing_document_id': { vi: 'Gói tin không có mã văn bản.', en: 'The package has no document id.' },
  'quarantine.reason.bad_base64': {
    vi: 'Tệp đính kèm trong gói tin bị hỏng, không giải mã được.',
    en: 'An attachment in the package is damaged and cannot be decoded.',
  },
  'quarantine.reason.reference_without_attachment': {
    vi: 'Gói tin liệt kê một tệp đính kèm nhưng không kèm tệp đó.',
    en: 'The package lists an attachment it does not carry.',
  },
  'quarantine.reason.too_large': {
    vi: 'Gói tin có thông tin quá dài hoặc quá nhiều phần tử.',
    en: 'The package has a field that is too long, or too many elements.',
  },
  'quarantine.reason.too_deep': { vi: 'Cấu trúc gói tin lồng nhau quá sâu.', en: 'The package is nested too deeply.' },
  'quarantine.reason.bad_attachment': {
    vi: 'Tệp nén đính kèm bị hỏng, có mật khẩu hoặc chứa đường dẫn không an toàn.',
    en: 'A zipped attachment is damaged, encrypted or holds an unsafe path.',
  },
  'quarantine.reason.unzipped_too_large': {
    vi: 'Tệp nén đính kèm giải nén ra lớn bất thường so với gói tin (“bom nén”); VanThu đã dừng giải nén.',
    en: 'A zipped attachment unzips to far more than the package could honestly carry (a zip bomb); VanThu stopped unzipping it.',
  },
  'quarantine.reason.package_too_large': {
    vi: 'Gói tin lớn hơn mức tối đa VanThu nhận (256 MB) nên không được lưu.',
    en: 'The package is larger than the most VanThu receives (256 MB), so it was not kept.',
  },
  'quarantine.reason.sender_missing': {
    vi: 'Trục liên thông không cho biết cơ quan gửi nên không kiểm tra được nguồn gốc gói tin; VanThu chặn lại để an toàn.',
    en: 'The axis did not say which agency sent the package, so its origin cannot be checked; VanThu held it back to be safe.',
  },
  'quarantine.reason.sender_mismatch': {
    vi: 'Cơ quan ghi trong gói tin khác với cơ quan mà trục liên thông xác nhận đã gửi: có thể bị giả mạo.',
    en: 'The agency the package names is not the one the axis says sent it: possibly forged.',
  },
  'quarantine.reason.unknown_document': {
    vi: 'Gói tin nói về một văn bản cơ quan chưa nhận hoặc chưa gửi. Nếu văn bản đó đến sau, hãy bấm Thử lại.',
    en: 'The package concerns a document this agency has not received or sent. If that document arrives later, press Retry.',
  },
  'quarantine.reason.not_a_recipient': {
    vi: 'Trạng thái đến từ một cơ quan không có trong nơi nhận của văn bản.',
    en: 'The status comes from an agency that is not a recipient of the document.',
  },
  'quarantine.reason.bytes_not_kept': {
    vi: 'Nội dung gói tin không còn được lưu nên không thử lại được; đề nghị cơ quan gửi gửi lại.',
    en: 'The package content was not kept, so it cannot be retried; ask the sender to send it again.',
  },
  'quarantine.reason.other': { vi: 'Không lưu được gói tin; xem chi tiết kỹ thuật.', en: 'The package could not be stored; see the technical detail.' },
  'sync.phase.disk_full': { vi: 'Ổ đĩa đầy, tạm dừng nhận văn bản', en: 'Disk full, receiving paused' },
  'sync.diskFull.hint': {
    vi: 'Hãy giải phóng dung lượng trên ổ đĩa chứa dữ liệu VanThu; việc nhận văn bản tự tiếp tục khi đủ chỗ.',
    en: "Free space on the disk holding VanThu's data; receiving resumes by itself when there is room.",
  },
  // ── Another version under the same document id (issue 12) ────────────────
  'list.conflict': { vi: 'Có bản gửi lại khác', en: 'Another version arrived' },
  'conflict.title': { vi: 'Nhận được một bản khác của văn bản này', en: 'Another version of this document arrived' },
  'conflict.explain': {
    vi: 'Lúc {time}, cơ quan gửi đã gửi lại văn bản cùng mã văn bản nhưng nội dung khác (có thể là bản đã sửa). Hãy so sánh và chọn bản giữ lại.',
    en: 'At {time} the sender sent this document again under the same document id, with other content (perhaps a corrected one). Compare them and choose which to keep.',
  },
  'conflict.table': { vi: 'So sánh bản đang có và bản mới', en: 'The version you have beside the new one' },
  'conflict.col.field': { vi: 'Thông tin', en: 'Field' },
  'conflict.col.original': { vi: 'Bản đang có', en: 'Version you have' },
  'conflict.col.version': { vi: 'Bản mới nhận', en: 'New version' },
  'conflict.field.subject': { vi: 'Trích yếu', en: 'Subject' },
  'conflict.field.summary': { vi: 'Nội dung tóm tắt', en: 'Summary' },
  'conflict.field.attachments': { vi: 'Tệp đính kèm', en: 'Attachments' },
  'conflict.differs': { vi: '(khác bản đang có)', en: '(differs)' },
  'conflict.hint': {
    vi: 'Nếu dùng bản mới, bản đang có được lưu lại làm phiên bản cũ; số đến và tình trạng xử lý giữ nguyên.',
    en: 'If you take the new version, the one you have is kept as an earlier version; the arrival number and handling state stay as they are.',
  },
  'conflict.keep': { vi: 'Giữ bản đang có', en: 'Keep the version you have' },
  'conflict.take': { vi: 'Dùng bản mới', en: 'Take the new version' },
  // ── Security of this computer (issue 12): browser session, files by link, token driver ──
  'session.locked.title': { vi: 'VanThu đang chạy', en: 'VanThu is running' },
  'session.locked': {
    vi: 'Trang này chưa được mở bằng một liên kết khởi động còn hiệu lực. Mỗi liên kết chỉ dùng được một lần.',
    en: 'This page was not opened with a valid launch link. Each link works only once.',
  },
  'session.locked.hint': {
    vi: 'Hãy chạy lại lệnh khởi động VanThu (npm start): lệnh sẽ in ra và mở một liên kết mới tới VanThu đang chạy.',
    en: 'Run the VanThu start command again (npm start): it prints and opens a new link to the running VanThu.',
  },
  'attachments.save': { vi: 'Lưu', en: 'Save' },
  'attachments.saveNamed': { vi: 'Lưu tệp {name} về máy', en: 'Save {name}' },
  'attachments.executable': {
    vi: 'Tệp chạy được (.{extension}): VanThu không mở loại tệp này. Chỉ mở khi đã chắc chắn tệp an toàn.',
    en: 'Executable file (.{extension}): VanThu never opens this type. Open it only once you are sure it is safe.',
  },
  'attachments.disguised': { vi: 'Tên tệp có hai phần mở rộng; phần thật là .{extension}.', en: 'The name has two extensions; the real one is .{extension}.' },
  'viewer.image': { vi: 'Ảnh: {name}', en: 'Image: {name}' },
  'viewer.notViewable': {
    vi: 'VanThu chỉ hiển thị tệp PDF và ảnh. Hãy lưu tệp {name} về máy và mở bằng phần mềm phù hợp.',
    en: 'VanThu shows only PDF files and images. Save {name} and open it with a suitable program.',
  },
  'viewer.close': { vi: 'Đóng', en: 'Close' },
  'settings.module.publisher': { vi: 'Nhà phát hành: {publisher}', en: 'Publisher: {publisher}' },
  'settings.module.publisher.unknown': { vi: 'không rõ (không phải trình điều khiển VanThu biết tên)', en: 'unknown (not a driver VanThu knows by name)' },
  'settings.module.useNamed': { vi: 'Dùng trình điều khiển {name}', en: 'Use the {name} driver' },
  'settings.module.use': { vi: 'Dùng', en: 'Use' },
  'settings.module.inUse': { vi: '(đang dùng)', en: '(in use)' },
  'settings.module.pick': { vi: 'Chọn tệp thư viện…', en: 'Choose the library file…' },
  'settings.module.pickTitle': { vi: 'Chọn thư viện PKCS#11 của thiết bị ký số', en: 'Choose the token’s PKCS#11 library' },
  'settings.module.fileType': { vi: 'Thư viện PKCS#11', en: 'PKCS#11 library' },
  'settings.module.browserNote': {
    vi: 'Chế độ trình duyệt không có hộp chọn tệp: VanThu chỉ dùng các trình điều khiển tìm thấy trên máy. Cần thư viện khác, cán bộ CNTT đặt chính sách Pkcs11Library (hoặc biến môi trường VANTHU_PKCS11_MODULE khi khởi động).',
    en: 'Browser mode has no file dialog: VanThu uses only the drivers found on this computer. For another library, IT staff set the Pkcs11Library policy (or the VANTHU_PKCS11_MODULE environment variable at start).',
  },
  'signing.error.module_refused': {
    vi: 'Không nạp thư viện này: nó nằm trong thư mục dữ liệu VanThu, trong thư mục tạm hoặc ở nơi người khác có thể sửa. Hãy chọn thư viện ở nơi nhà cung cấp đã cài đặt.',
    en: 'This library is not loaded: it is in the VanThu data folder, in a temporary folder or where others can change it. Choose the library where its vendor installed it.',
  },
  // ── Placement of the signing boxes (features/signing/PlacementEditor.tsx) ──
  'placement.heading': { vi: 'Vị trí số, ngày và chữ ký', en: 'Where the number, date and signatures go' },
  'placement.hint': {
    vi: 'Các khung trên văn bản cho biết số, ngày ban hành, chữ ký của lãnh đạo và dấu của cơ quan sẽ nằm ở đâu. Kéo một khung (hoặc chọn khung rồi dùng phím mũi tên) để đặt lại; vị trí bạn đặt được nhớ cho các văn bản cùng loại sau.',
    en: 'The boxes on the document show where the number, the date, the leader’s signature and the agency’s seal will go. Drag a box (or select it and use the arrow keys) to move it; where you put it is remembered for later documents of the same type.',
  },
  'placement.loading': { vi: 'Đang tìm vị trí số, ngày và chữ ký trên văn bản…', en: 'Finding where the number, date and signatures go…' },
  'placement.failed': { vi: 'Không đọc được văn bản để tìm vị trí ký.', en: 'The document could not be read to find where to sign.' },
  'placement.box.number': { vi: 'Số', en: 'Number' },
  'placement.box.date': { vi: 'Ngày ban hành', en: 'Date' },
  'placement.box.leader': { vi: 'Chữ ký lãnh đạo', en: 'Leader’s signature' },
  'placement.box.seal': { vi: 'Dấu cơ quan', en: 'Agency seal' },
  'placement.box.stampText': { vi: 'Thông tin ký số của cơ quan', en: 'Agency signature details' },
  'placement.source.field': { vi: 'đã đặt khi trình ký', en: 'placed when submitted' },
  'placement.source.text': { vi: 'tìm thấy trên văn bản', en: 'found on the document' },
  'placement.source.template': { vi: 'theo vị trí đã đặt cho loại văn bản này', en: 'where you put it for this type of document' },
  'placement.source.clerk': { vi: 'do bạn đặt', en: 'placed by you' },
  'placement.source.missing': { vi: 'chưa tìm thấy, hãy kéo vào đúng chỗ', en: 'not found: drag it into place' },
  'placement.boxLabel': { vi: '{box}: {source}', en: '{box}: {source}' },
  'placement.move': { vi: 'Khung {box} ({source}); dùng phím mũi tên để di chuyển', en: '{box} box ({source}); move it with the arrow keys' },
  'placement.leaderPage': { vi: 'Trang đặt chữ ký lãnh đạo', en: 'Page of the leader’s signature' },
  'placement.missing': { vi: 'Hãy đặt các khung sau vào đúng chỗ trên văn bản rồi trình ký: {boxes}.', en: 'Put these boxes in place on the document, then submit: {boxes}.' },
  'placement.error': { vi: 'Chưa đặt đủ hoặc đặt sai vị trí các khung trên văn bản.', en: 'Some boxes are missing or not on their page.' },
} as const satisfies Record<string, { readonly vi: string; readonly en: string }>;

export type MessageKey = keyof typeof messages;

/** The `{name}` placeholders of a template, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof messages)[K]['vi']>, string | number>;

/** The keys whose text takes no parameters: what a lookup table of labels may hold. */
export type PlainMessageKey = { [K in MessageKey]: [Placeholders<(typeof messages)[K]['vi']>] extends [never] ? K : never }[MessageKey];

/** The rest arguments of t(): none for a text without placeholders, else every placeholder. */
export type ParamsArg<K extends MessageKey> = [Placeholders<(typeof messages)[K]['vi']>] extends [never] ? [params?: undefined] : [params: MessageParams<K>];

// Compile-time checks: every error code and sync phase has its entry.
type MissingKeys<K extends string> = Exclude<K, MessageKey>;
const _everyErrorCodeHasText: [MissingKeys<`error.${ApiErrorCode}`>] extends [never] ? true : never = true;
const _everySyncPhaseHasText: [MissingKeys<`sync.phase.${SyncPhase}`>] extends [never] ? true : never = true;
const _everyDocumentStateHasText: [MissingKeys<`docState.${DocumentState}`>] extends [never] ? true : never = true;
const _everyRecipientStateHasText: [MissingKeys<`recipientState.${RecipientState}`>] extends [never] ? true : never = true;
const _everyPriorityHasText: [MissingKeys<`priority.${Priority}`>] extends [never] ? true : never = true;
const _everyRequestKindHasText: [MissingKeys<`request.${RequestKind}` | `request.agree.effect.${RequestKind}`>] extends [never] ? true : never = true;
const _everyQueueStateHasText: [MissingKeys<`queue.state.${OutboxItem['state']}`>] extends [never] ? true : never = true;
const _everyQuarantineStateHasText: [MissingKeys<`quarantine.state.${QuarantineItem['state']}` | `quarantine.type.${QuarantineItem['messageType']}`>] extends [never]
  ? true
  : never = true;
void _everyErrorCodeHasText;
void _everySyncPhaseHasText;
void _everyDocumentStateHasText;
void _everyRecipientStateHasText;
void _everyPriorityHasText;
void _everyRequestKindHasText;
void _everyQueueStateHasText;
void _everyQuarantineStateHasText;
const _everyQuarantineReasonHasText: [MissingKeys<`quarantine.reason.${QuarantineReason}`>] extends [never] ? true : never = true;
void _everyQuarantineReasonHasText;

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

export function quarantineReasonKey(reason: QuarantineReason): `quarantine.reason.${QuarantineReason}` & MessageKey {
  return `quarantine.reason.${reason}`;
}

export function syncPhaseKey(phase: SyncPhase): `sync.phase.${SyncPhase}` & MessageKey {
  return `sync.phase.${phase}`;
}

export function documentStateKey(state: DocumentState): `docState.${DocumentState}` & MessageKey {
  return `docState.${state}`;
}

export function recipientStateKey(state: RecipientState): `recipientState.${RecipientState}` & MessageKey {
  return `recipientState.${state}`;
}

/** Priorities outside 0–4 (a newer sender) read as the nearest known one. */
export function priorityKey(priority: number): `priority.${Priority}` & MessageKey {
  const known = Math.min(4, Math.max(0, Math.trunc(Number.isFinite(priority) ? priority : 0))) as Priority;
  return `priority.${known}`;
}

/** The status codes of SPEC §4 that have a meaning in the table; any other is shown verbatim. */
export const KNOWN_STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;
export type KnownStatusCode = (typeof KNOWN_STATUS_CODES)[number];

export function isKnownStatusCode(code: string): code is KnownStatusCode {
  return (KNOWN_STATUS_CODES as readonly string[]).includes(code);
}

/** What a status code means, in the language: "Đã tiếp nhận, vào sổ văn bản đến" for 03. */
export function statusCodeText(code: string, lang: Lang): string {
  return isKnownStatusCode(code) ? messages[`status.${code}`][lang] : t('status.other', lang, { code });
}

/** The placeholder names in a template, for the consistency test. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
