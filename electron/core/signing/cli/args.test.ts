import { describe, expect, it } from 'vitest';
import { UsageError } from '../../process/usage-error.js';
import { parseCliArgs } from './args.js';

const base = ['--in', 'a.pdf', '--out', 'b.pdf', '--module', '/lib.so', '--token', 'LEADER', '--cert', '0A', '--field', 'Sig'];

describe('parseCliArgs', () => {
  it('reads x,y,w,h as a box; without one, the field\'s own box or an invisible signature on page 1', () => {
    expect(parseCliArgs(base)).toMatchObject({ kind: 'sign', certificateId: '0a', page: 1, allowFinalTry: false });
    expect(parseCliArgs(base)).not.toHaveProperty('box');
    expect(parseCliArgs([...base, '--page', '2', '--rect', '300,120,200,80', '--tsa', 'http://tsa.example/'])).toMatchObject({ page: 2, box: { x: 300, y: 120, width: 200, height: 80 }, tsaUrl: 'http://tsa.example/' });
  });

  it('lists with only the module', () => {
    expect(parseCliArgs(['--list', '--module', '/lib.so'])).toEqual({ kind: 'list', module: '/lib.so' });
  });

  it('rejects bad input with a usage error that never repeats a value', () => {
    expect(() => parseCliArgs(base.slice(2))).toThrow(/--in is required/);
    expect(() => parseCliArgs([...base, '--rect', '1,2,3'])).toThrow(UsageError);
    expect(() => parseCliArgs([...base, '--page', '0'])).toThrow(/--page/);
    expect(() => parseCliArgs([...base, '--tsa', 'ftp://x'])).toThrow(/--tsa/);
    expect(() => parseCliArgs([...base, '--cert', 'xyz'])).toThrow(/hex/);
    const error = (() => {
      try {
        parseCliArgs([...base, '--pin=135790']);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a UsageError');
    })();
    expect(error.message).toMatch(/unknown option --pin/);
    expect(error.message).not.toContain('135790');
  });

  it('draws a visible signature as the app does: the signature image by default, the seal with --agency, text alone with --text', () => {
    const visible = [...base, '--rect', '300,120,200,80'];
    // No option: the signing step draws the signature image if the signature turns out visible.
    expect(parseCliArgs(visible)).not.toHaveProperty('appearance');
    expect(parseCliArgs([...visible, '--image', 'me.png'])).toMatchObject({ appearance: { kind: 'signature', image: 'me.png' } });
    expect(parseCliArgs([...visible, '--agency'])).toMatchObject({ appearance: { kind: 'seal', diameterMm: 36 } });
    expect(parseCliArgs([...visible, '--seal', 'seal.png', '--seal-mm', '40', '--text', 'UBND', '--text', 'vanthu@x.vn'])).toMatchObject({
      appearance: { kind: 'seal', image: 'seal.png', diameterMm: 40, lines: ['UBND', 'vanthu@x.vn'] },
    });
    expect(parseCliArgs([...visible, '--seal-mm', '32.5'])).toMatchObject({ appearance: { kind: 'seal', diameterMm: 32.5 } });
    expect(parseCliArgs([...visible, '--text', '01/QĐ-UBND'])).toMatchObject({ appearance: { kind: 'text', lines: ['01/QĐ-UBND'] } });
    expect(parseCliArgs(base)).not.toHaveProperty('appearance');
  });

  it('refuses appearance options that cannot be drawn', () => {
    const visible = [...base, '--rect', '300,120,200,80'];
    expect(() => parseCliArgs([...visible, '--image', 'me.png', '--agency'])).toThrow(/--image/);
    expect(() => parseCliArgs([...visible, '--image', 'me.png', '--text', 'x'])).toThrow(/--image/);
    expect(() => parseCliArgs([...visible, '--seal-mm', '5'])).toThrow(/--seal-mm needs a diameter from 20 to 60/);
    expect(() => parseCliArgs([...visible, '--seal-mm', 'big'])).toThrow(/--seal-mm/);
  });

  it('parses the issuing steps, each with its own options', () => {
    const token = ['--module', '/lib.so', '--token', 'LEADER', '--cert', '01'];
    expect(parseCliArgs(['--step', 'fields', '--in', 'a.pdf', '--out', 'b.pdf', '--signer-name', 'Nguyễn Văn An', '--signer-title', 'KT. CHỦ TỊCH', '--signer-title', 'PHÓ CHỦ TỊCH', '--leader-rect', '330,90,210,80', '--leader-page', '4'])).toEqual({
      kind: 'fields',
      input: 'a.pdf',
      output: 'b.pdf',
      signer: { name: 'Nguyễn Văn An', titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] },
      boxes: { leader: { x: 330, y: 90, width: 210, height: 80, page: 4 } },
    });
    expect(parseCliArgs(['--step', 'leader', '--in', 'a.pdf', '--out', 'b.pdf', ...token])).toMatchObject({ kind: 'sign', step: 'leader', field: 'LeaderSignature', reason: 'Phê duyệt', appearance: { kind: 'signature' } });
    expect(parseCliArgs(['--step', 'number', '--in', 'a.pdf', '--out', 'b.pdf', '--number', '05', '--notation', 'QĐ-UBND', '--date', '2026-03-12'])).toEqual({
      kind: 'number',
      input: 'a.pdf',
      output: 'b.pdf',
      number: '05',
      notation: 'QĐ-UBND',
      date: '2026-03-12',
      place: '',
    });
    expect(parseCliArgs(['--step', 'agency', '--in', 'a.pdf', '--out', 'b.pdf', ...token, '--seal-mm', '40'])).toMatchObject({ kind: 'sign', step: 'agency', field: 'AgencySignature', reason: 'Phát hành', appearance: { kind: 'seal', diameterMm: 40 } });
  });

  it('refuses options that do not belong to the step, and malformed numbers and dates', () => {
    const token = ['--module', '/lib.so', '--token', 'LEADER', '--cert', '01'];
    const io = ['--in', 'a.pdf', '--out', 'b.pdf'];
    expect(() => parseCliArgs(['--step', 'publish', ...io])).toThrow(/--step is one of fields, leader, number, agency/);
    expect(() => parseCliArgs(['--step', 'leader', ...io, ...token, '--field', 'Ký'])).toThrow(/--field belongs to a signature in a field of your choice/);
    expect(() => parseCliArgs(['--step', 'leader', ...io, ...token, '--rect', '1,1,10,10'])).toThrow(/--rect belongs/);
    expect(() => parseCliArgs(['--step', 'leader', ...io, ...token, '--agency'])).toThrow(/--step agency/);
    expect(() => parseCliArgs(['--step', 'agency', ...io, ...token, '--image', 'me.png'])).toThrow(/--step leader/);
    expect(() => parseCliArgs([...base, '--number', '05'])).toThrow(/--number belongs to --step number/);
    expect(() => parseCliArgs([...base, '--leader-rect', '1,1,10,10'])).toThrow(/--leader-rect belongs to --step fields/);
    expect(() => parseCliArgs(['--step', 'number', ...io, '--number', '5a', '--date', '2026-03-12'])).toThrow(/--number takes/);
    expect(() => parseCliArgs(['--step', 'number', ...io, '--number', '05', '--date', '12/03/2026'])).toThrow(/--date takes YYYY-MM-DD/);
    expect(() => parseCliArgs(['--step', 'fields', ...io, '--leader-page', '2'])).toThrow(/--leader-page goes with --leader-rect/);
    expect(() => parseCliArgs(['--step', 'fields', ...io, '--number-rect', '1,1,0,10'])).toThrow(/positive width and height/);
  });

  it('extends to the archival form without a token: --tsa and --trust required', () => {
    const archival = ['--archival', '--in', 'a.pdf', '--out', 'b.pdf', '--tsa', 'http://tsa.example/', '--trust', 'anchors', '--trust', 'root.pem'];
    expect(parseCliArgs(archival)).toEqual({ kind: 'archival', input: 'a.pdf', output: 'b.pdf', tsaUrl: 'http://tsa.example/', trust: ['anchors', 'root.pem'] });
    expect(() => parseCliArgs(archival.slice(0, 5))).toThrow(/--archival needs --tsa/);
    expect(() => parseCliArgs(archival.slice(0, 7))).toThrow(/--archival needs --trust/);
    expect(() => parseCliArgs(['--archival', '--out', 'b.pdf', '--tsa', 'http://t/', '--trust', 'x'])).toThrow(/--in is required/);
  });
});
