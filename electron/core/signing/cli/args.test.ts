import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './args.js';

const base = ['--in', 'a.pdf', '--out', 'b.pdf', '--module', '/lib.so', '--token', 'LEADER', '--cert', '0A', '--field', 'Sig'];

describe('parseCliArgs', () => {
  it('turns x,y,w,h into a PDF rectangle and defaults to an invisible signature on page 1', () => {
    expect(parseCliArgs(base)).toMatchObject({ kind: 'sign', certificateId: '0a', page: 1, rect: [0, 0, 0, 0], allowFinalTry: false });
    expect(parseCliArgs([...base, '--page', '2', '--rect', '300,120,200,80', '--tsa', 'http://tsa.example/'])).toMatchObject({ page: 2, rect: [300, 120, 500, 200], tsaUrl: 'http://tsa.example/' });
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
    expect(parseCliArgs(visible)).toMatchObject({ appearance: { kind: 'signature' } });
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
    expect(() => parseCliArgs([...base, '--image', 'me.png'])).toThrow(/--rect/);
    expect(() => parseCliArgs([...base, '--agency'])).toThrow(/--rect/);
    const visible = [...base, '--rect', '300,120,200,80'];
    expect(() => parseCliArgs([...visible, '--image', 'me.png', '--agency'])).toThrow(/--image/);
    expect(() => parseCliArgs([...visible, '--image', 'me.png', '--text', 'x'])).toThrow(/--image/);
    expect(() => parseCliArgs([...visible, '--seal-mm', '5'])).toThrow(/--seal-mm needs a diameter from 20 to 60/);
    expect(() => parseCliArgs([...visible, '--seal-mm', 'big'])).toThrow(/--seal-mm/);
  });

  it('extends to the archival form without a token: --tsa and --trust required', () => {
    const archival = ['--archival', '--in', 'a.pdf', '--out', 'b.pdf', '--tsa', 'http://tsa.example/', '--trust', 'anchors', '--trust', 'root.pem'];
    expect(parseCliArgs(archival)).toEqual({ kind: 'archival', input: 'a.pdf', output: 'b.pdf', tsaUrl: 'http://tsa.example/', trust: ['anchors', 'root.pem'] });
    expect(() => parseCliArgs(archival.slice(0, 5))).toThrow(/--archival needs --tsa/);
    expect(() => parseCliArgs(archival.slice(0, 7))).toThrow(/--archival needs --trust/);
    expect(() => parseCliArgs(['--archival', '--out', 'b.pdf', '--tsa', 'http://t/', '--trust', 'x'])).toThrow(/--in is required/);
  });
});
