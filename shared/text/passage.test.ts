import { describe, expect, it } from 'vitest';
import { findRuns, holdsEveryRun, passageAround, typedRuns } from './passage.js';

const marked = (text: string, typed: string | string[][]) => {
  const passage = passageAround(text, typeof typed === 'string' ? typedRuns(typed) : typed)!;
  return passage.highlights.map((h) => passage.text.slice(h.start, h.end));
};

describe('passages', () => {
  it('finds words typed without accents (đ → d, any case) and highlights the original letters', () => {
    expect(marked('Quyết định về việc Tuyển dụng công chức', 'tuyen DUNG')).toEqual(['Tuyển', 'dụng']);
    expect(marked('Ủy ban nhân dân tỉnh Đồng Nai', 'dong nai')).toEqual(['Đồng', 'Nai']);
  });

  it('matches whole words: "dung" is not found inside "dụng cụ" twice, nor in "dũng" as a prefix of "dungx"', () => {
    expect(findRuns('dùng dụng dũng dungx', typedRuns('dung'))).toHaveLength(3);
    expect(findRuns('dungx', typedRuns('dung'))).toHaveLength(0);
  });

  it('a chunk with punctuation is one run: "05/QĐ" matches the number in order, not apart', () => {
    expect(marked('Số: 05/QĐ-UBND ngày 12', '05/QĐ')).toEqual(['05/QĐ']);
    expect(findRuns('QĐ 05', typedRuns('05/QĐ'))).toEqual([]);
  });

  it('a phrase (one run of all the words) matches only where they stand together', () => {
    const text = 'ngân hàng và sách; quyết toán ngân sách nhà nước';
    expect(marked(text, [typedRuns('ngan sach').flat()])).toEqual(['ngân sách']);
    expect(holdsEveryRun(text, typedRuns('ngan sach'))).toBe(true);
    expect(holdsEveryRun(text, typedRuns('ngan kho'))).toBe(false);
  });

  it('cuts the passage at word boundaries around the first match, with offsets into the passage', () => {
    const text = `${'mở đầu '.repeat(40)}kết luận của Giám đốc Sở tại cuộc họp ${'phần sau '.repeat(60)}`;
    const passage = passageAround(text, typedRuns('giam doc'), 30, 40)!;
    expect(passage.text.length).toBeLessThan(90);
    expect(passage.text.startsWith('mở') || passage.text.startsWith('đầu')).toBe(true);
    expect(passage.highlights.map((h) => passage.text.slice(h.start, h.end))).toEqual(['Giám', 'đốc']);
    expect(passageAround(text, typedRuns('khong co'))).toBeNull();
  });
});
