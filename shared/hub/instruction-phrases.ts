/**
 * The quick phrases a leader picks from for his instruction (ý kiến chỉ đạo): the one place they
 * are kept, so the agency can later make them its own. They are document text, in Vietnamese
 * whatever the screen's language.
 */
export const INSTRUCTION_PHRASES: readonly string[] = [
  'Giao chủ trì xử lý, báo cáo kết quả.',
  'Nghiên cứu, tham mưu, đề xuất.',
  'Phối hợp thực hiện.',
  'Để biết, theo dõi.',
  'Lưu hồ sơ.',
  'Triển khai thực hiện theo quy định.',
];
