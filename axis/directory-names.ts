/**
 * Vocabulary for the generated directory. [I] Only 000.00.00.G22 (VPCP) and 000.00.00.H41
 * (UBND Nghệ An) are codes from a primary source; the other level-1 codes are illustrative,
 * chosen so that those two land where the real directory has them.
 */

/** The 63 provinces before the 2025 merger, in the order that gives Nghệ An H41. */
export const PROVINCES: ReadonlyArray<{ name: string; city: boolean }> = [
  ['An Giang'], ['Bà Rịa - Vũng Tàu'], ['Bạc Liêu'], ['Bắc Giang'], ['Bắc Kạn'], ['Bắc Ninh'], ['Bến Tre'],
  ['Bình Dương'], ['Bình Định'], ['Bình Phước'], ['Bình Thuận'], ['Cà Mau'], ['Cao Bằng'], ['Cần Thơ', true],
  ['Đà Nẵng', true], ['Đắk Lắk'], ['Đắk Nông'], ['Điện Biên'], ['Đồng Nai'], ['Đồng Tháp'], ['Gia Lai'],
  ['Hà Giang'], ['Hà Nam'], ['Hà Nội', true], ['Hà Tĩnh'], ['Hải Dương'], ['Hải Phòng', true], ['Hậu Giang'],
  ['Hòa Bình'], ['Hồ Chí Minh', true], ['Hưng Yên'], ['Khánh Hòa'], ['Kiên Giang'], ['Kon Tum'], ['Lai Châu'],
  ['Lâm Đồng'], ['Lạng Sơn'], ['Lào Cai'], ['Long An'], ['Nam Định'], ['Nghệ An'], ['Ninh Bình'], ['Ninh Thuận'],
  ['Phú Thọ'], ['Phú Yên'], ['Quảng Bình'], ['Quảng Nam'], ['Quảng Ngãi'], ['Quảng Ninh'], ['Quảng Trị'],
  ['Sóc Trăng'], ['Sơn La'], ['Tây Ninh'], ['Thái Bình'], ['Thái Nguyên'], ['Thanh Hóa'], ['Thừa Thiên Huế'],
  ['Tiền Giang'], ['Trà Vinh'], ['Tuyên Quang'], ['Vĩnh Long'], ['Vĩnh Phúc'], ['Yên Bái'],
].map(([name, city]) => ({ name: name as string, city: city === true }));

export const MINISTRIES: ReadonlyArray<{ code: string; name: string; domain: string }> = [
  { code: 'G01', name: 'Bộ Quốc phòng', domain: 'mod.gov.vn' },
  { code: 'G02', name: 'Bộ Công an', domain: 'bocongan.gov.vn' },
  { code: 'G03', name: 'Bộ Ngoại giao', domain: 'mofa.gov.vn' },
  { code: 'G04', name: 'Bộ Nội vụ', domain: 'moha.gov.vn' },
  { code: 'G05', name: 'Bộ Tư pháp', domain: 'moj.gov.vn' },
  { code: 'G06', name: 'Bộ Tài chính', domain: 'mof.gov.vn' },
  { code: 'G07', name: 'Bộ Công Thương', domain: 'moit.gov.vn' },
  { code: 'G08', name: 'Bộ Nông nghiệp và Môi trường', domain: 'mae.gov.vn' },
  { code: 'G09', name: 'Bộ Xây dựng', domain: 'moc.gov.vn' },
  { code: 'G10', name: 'Bộ Khoa học và Công nghệ', domain: 'most.gov.vn' },
  { code: 'G11', name: 'Bộ Giáo dục và Đào tạo', domain: 'moet.gov.vn' },
  { code: 'G12', name: 'Bộ Y tế', domain: 'moh.gov.vn' },
  { code: 'G13', name: 'Bộ Văn hóa, Thể thao và Du lịch', domain: 'bvhttdl.gov.vn' },
  { code: 'G14', name: 'Bộ Dân tộc và Tôn giáo', domain: 'mdtg.gov.vn' },
  { code: 'G15', name: 'Ngân hàng Nhà nước Việt Nam', domain: 'sbv.gov.vn' },
  { code: 'G16', name: 'Thanh tra Chính phủ', domain: 'thanhtra.gov.vn' },
  { code: 'G22', name: 'Văn phòng Chính phủ', domain: 'chinhphu.vn' },
];

/** Level 2 under a province, in code order: Sở Nội vụ is 12, as in the demo directory. */
export const PROVINCE_DEPARTMENTS = [
  'Văn phòng UBND',
  'Sở Tài chính',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Tư pháp',
  'Sở Nông nghiệp và Môi trường',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Thanh tra',
  'Sở Nội vụ',
  'Sở Ngoại vụ',
  'Ban Quản lý Khu kinh tế',
  'Sở Dân tộc và Tôn giáo',
];

export const MINISTRY_UNITS = [
  'Văn phòng',
  'Thanh tra',
  'Vụ Tổ chức cán bộ',
  'Vụ Pháp chế',
  'Vụ Kế hoạch - Tài chính',
  'Vụ Hợp tác quốc tế',
  'Vụ Khoa học và Công nghệ',
  'Cục Chuyển đổi số',
  'Cục Quản lý chất lượng',
  'Cục Kiểm tra văn bản',
  'Viện Chiến lược và Chính sách',
  'Trung tâm Thông tin',
  'Trung tâm Đào tạo, bồi dưỡng',
  'Báo điện tử',
  'Tạp chí',
];

/** Level 3 under a department or a ministry unit. */
export const OFFICE_UNITS = [
  'Văn phòng',
  'Phòng Tổ chức cán bộ',
  'Phòng Kế hoạch - Tài chính',
  'Phòng Pháp chế',
  'Phòng Hành chính - Tổng hợp',
  'Phòng Công nghệ thông tin',
  'Phòng Quản lý chuyên ngành',
  'Trung tâm Lưu trữ',
];

/** Level 3 under a district: its offices first, then its communes. */
export const DISTRICT_OFFICES = [
  'Văn phòng HĐND và UBND',
  'Phòng Nội vụ',
  'Phòng Tài chính - Kế hoạch',
  'Phòng Giáo dục và Đào tạo',
  'Phòng Y tế',
  'Phòng Tư pháp',
  'Phòng Kinh tế',
  'Phòng Tài nguyên và Môi trường',
  'Phòng Văn hóa và Thông tin',
  'Phòng Lao động - Thương binh và Xã hội',
];

/** Level 4 under a commune; {} is the commune's name. */
export const COMMUNE_UNITS = [
  'Trường Mầm non {}',
  'Trường Tiểu học {}',
  'Trường Trung học cơ sở {}',
  'Trạm Y tế {}',
  'Hợp tác xã Nông nghiệp {}',
  'Quỹ Tín dụng nhân dân {}',
  'Trường Mầm non {} số 2',
  'Trường Tiểu học {} số 2',
];

export const DISTRICT_NAMES = [
  'Diễn Châu', 'Quỳnh Lưu', 'Nghi Lộc', 'Hưng Nguyên', 'Nam Đàn', 'Thanh Chương', 'Đô Lương', 'Yên Thành',
  'Anh Sơn', 'Con Cuông', 'Tân Kỳ', 'Nghĩa Đàn', 'Quỳ Hợp', 'Kỳ Sơn', 'Tương Dương', 'Quế Phong',
  'Châu Thành', 'Phú Tân', 'Tam Nông', 'Gia Lâm', 'Đông Anh', 'Sóc Sơn', 'Thủy Nguyên', 'An Dương',
  'Kiến Thụy', 'Tiên Lãng', 'Vĩnh Bảo', 'Hòa Vang', 'Lộc Hà', 'Can Lộc', 'Hương Sơn', 'Đức Thọ',
  'Cẩm Xuyên', 'Kỳ Anh', 'Krông Pắc', 'Ea Kar', 'Buôn Đôn', 'Lắk', 'Mộc Châu', 'Bảo Yên',
];

/** Commune names are drawn as two syllables, as most are. */
export const COMMUNE_FIRST = ['Hưng', 'Diễn', 'Nghi', 'Quỳnh', 'Thanh', 'Nam', 'Phú', 'Tân', 'An', 'Bình', 'Đông', 'Tây', 'Vĩnh', 'Hòa', 'Xuân', 'Minh', 'Long', 'Cẩm', 'Đức', 'Kim'];
export const COMMUNE_SECOND = ['Lộc', 'Phú', 'Thịnh', 'Yên', 'Hòa', 'Sơn', 'Thành', 'Lợi', 'Phong', 'Tiến', 'Mỹ', 'Hải', 'Trung', 'Xuân', 'An', 'Tân'];
