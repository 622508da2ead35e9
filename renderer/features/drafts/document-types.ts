/**
 * Values, not UI text: what a draft's header carries to the axis, in Vietnamese whatever the
 * UI language (edXML DocumentType/TypeName, SignerInfo/Competence). NĐ 30/2020 types first.
 */
export const DOCUMENT_TYPE_NAMES = [
  'Công văn',
  'Quyết định',
  'Thông báo',
  'Kế hoạch',
  'Báo cáo',
  'Tờ trình',
  'Giấy mời',
  'Chỉ thị',
  'Hướng dẫn',
  'Chương trình',
  'Phương án',
  'Đề án',
  'Quy chế',
  'Quy định',
  'Biên bản',
  'Công điện',
  'Hợp đồng',
  'Giấy ủy quyền',
  'Giấy giới thiệu',
  'Phiếu gửi',
  'Phiếu chuyển',
  'Phiếu báo',
] as const;

/** Prefixes of the signing authority: ký thay, thừa lệnh, thay mặt, quyền, thừa ủy quyền. */
export const SIGNER_COMPETENCE_PREFIXES = ['KT.', 'TL.', 'TM.', 'Q.', 'TUQ.'] as const;
