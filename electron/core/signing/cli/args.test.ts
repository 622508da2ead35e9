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
});
