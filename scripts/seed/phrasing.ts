/**
 * The words of generated documents: types with their NĐ 30 abbreviations (docs/formats.md#decree-30), subject
 * templates in the phrasing of real administrative documents, topics, and people's names.
 */

/** [type name, abbreviation (a công văn has none), weight]. */
export const DOCUMENT_TYPES: ReadonlyArray<readonly [string, string | null, number]> = [
  ['Công văn', null, 30],
  ['Quyết định', 'QĐ', 12],
  ['Báo cáo', 'BC', 10],
  ['Thông báo', 'TB', 10],
  ['Kế hoạch', 'KH', 9],
  ['Giấy mời', 'GM', 8],
  ['Tờ trình', 'TTr', 5],
  ['Hướng dẫn', 'HD', 3],
  ['Chương trình', 'CTr', 2],
  ['Biên bản', 'BB', 2],
  ['Quy chế', 'QC', 1],
  ['Quy định', 'QyĐ', 1],
  ['Đề án', 'ĐA', 1],
  ['Phương án', 'PA', 1],
  ['Hợp đồng', 'HĐ', 1],
  ['Giấy giới thiệu', 'GGT', 1],
  ['Phiếu chuyển', 'PC', 1],
];

/** The unit part of a công văn's notation ("12/UBND-VX"). */
export const UNITS = ['VP', 'VX', 'KT', 'NC', 'TH', 'TCCB', 'KTN', 'QLĐT'];

export const TOPICS = [
  'công tác chuyển đổi số',
  'cải cách hành chính',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'xây dựng nông thôn mới',
  'bảo vệ môi trường',
  'bảo đảm an toàn thực phẩm',
  'phòng cháy, chữa cháy',
  'tuyển dụng viên chức',
  'thi đua, khen thưởng',
  'giải ngân vốn đầu tư công',
  'quản lý đất đai',
  'tiêm chủng mở rộng',
  'thu ngân sách nhà nước',
  'kiểm tra công vụ',
  'phổ biến, giáo dục pháp luật',
  'bảo đảm trật tự an toàn giao thông',
  'phòng, chống dịch bệnh',
  'bồi dưỡng cán bộ, công chức',
  'lưu trữ hồ sơ điện tử',
  'cung cấp dịch vụ công trực tuyến',
  'giảm nghèo bền vững',
  'phát triển du lịch',
  'quản lý thị trường',
  'sắp xếp đơn vị hành chính cấp xã',
  'thực hành tiết kiệm, chống lãng phí',
  'tiếp công dân và giải quyết khiếu nại, tố cáo',
  'bảo hiểm xã hội, bảo hiểm y tế',
  'kiểm soát thủ tục hành chính',
  'an toàn thông tin mạng',
  'định danh và xác thực điện tử',
];

const DECISION_VERBS = ['phê duyệt', 'ban hành', 'thành lập Ban Chỉ đạo', 'kiện toàn Tổ công tác', 'giao chỉ tiêu', 'khen thưởng thành tích'];
const DECISION_OBJECTS = ['kế hoạch', 'đề án', 'quy chế', 'danh sách', 'dự toán kinh phí', 'phương án'];
const LETTER_ACTIONS = ['triển khai', 'tăng cường', 'đôn đốc thực hiện', 'góp ý dự thảo văn bản về', 'hướng dẫn thực hiện', 'rà soát, báo cáo', 'đề nghị phối hợp'];
const MEETINGS = ['sơ kết', 'tổng kết', 'triển khai', 'tập huấn'];
const PERIODS = (year: number) => [`6 tháng đầu năm ${year}`, `quý I năm ${year}`, `quý III năm ${year}`, `năm ${year}`, `tháng ${1 + (year % 12)} năm ${year}`];

type Pick = <T>(items: readonly T[]) => T;

/** A subject (trích yếu) for a document of this type, issued in `year`. */
export function subjectFor(type: string, topic: string, year: number, pick: Pick): string {
  switch (type) {
    case 'Công văn':
      return `Công văn về việc ${pick(LETTER_ACTIONS)} ${topic}`;
    case 'Quyết định':
      return `Quyết định về việc ${pick(DECISION_VERBS)} ${pick(DECISION_OBJECTS)} ${topic}`;
    case 'Kế hoạch':
      return pick([`Kế hoạch triển khai ${topic} năm ${year}`, `Kế hoạch thực hiện ${topic} giai đoạn ${year}-${year + 4}`]);
    case 'Báo cáo':
      return `Báo cáo kết quả ${topic} ${pick(PERIODS(year))}`;
    case 'Thông báo':
      return pick([`Thông báo kết luận của Chủ tịch UBND tại cuộc họp về ${topic}`, `Thông báo về việc ${topic}`, `Thông báo tuyển dụng viên chức năm ${year}`]);
    case 'Giấy mời':
      return `Giấy mời dự hội nghị ${pick(MEETINGS)} ${topic}`;
    case 'Tờ trình':
      return `Tờ trình đề nghị phê duyệt ${pick(DECISION_OBJECTS)} ${topic}`;
    default:
      return `${type} về ${topic}`;
  }
}

export function summaryFor(senderShort: string, topic: string, pick: Pick): string {
  const basis = pick(['Thực hiện chỉ đạo của UBND tỉnh', 'Căn cứ Luật Tổ chức chính quyền địa phương', 'Thực hiện Nghị định số 30/2020/NĐ-CP', 'Theo đề nghị của Văn phòng']);
  const ask = pick(['triển khai thực hiện', 'báo cáo kết quả', 'phối hợp thực hiện', 'góp ý nội dung']);
  return `${basis}, ${senderShort} đề nghị các cơ quan, đơn vị ${ask} ${topic}, gửi về trước ngày 25 hằng tháng.`;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Quang', 'Hữu', 'Ngọc', 'Xuân', 'Thu'];
const GIVEN = ['Hùng', 'Lan', 'Hà', 'Nam', 'Tuấn', 'Hương', 'Dũng', 'Hải', 'Phương', 'Sơn', 'Linh', 'Bình', 'Cường', 'Thảo', 'Long', 'Mai'];
export const POSITIONS = ['Chủ tịch', 'Phó Chủ tịch', 'Giám đốc', 'Phó Giám đốc', 'Chánh Văn phòng'];

export function personName(pick: Pick): string {
  return `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
}

export const EXTRA_ATTACHMENTS = ['Phụ lục kèm theo.pdf', 'Dự thảo.docx', 'Danh sách đơn vị.xlsx', 'Biểu mẫu báo cáo.xlsx'];
