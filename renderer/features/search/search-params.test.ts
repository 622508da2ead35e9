import { describe, expect, it } from 'vitest';
import { formatSearchParams, parseSearchParams } from './search-params.js';

describe('search params', () => {
  it('round-trip what was typed and every filter', () => {
    const search = {
      query: 'quyết định 05/QĐ-UBND & "x"',
      filters: { direction: 'incoming', typeName: 'Quyết định', state: 'done', priority: 3, agencyId: '000.00.12.H41', registerId: 3, dateFrom: '2024-01-01', dateTo: '2024-12-31' },
    } as const;
    expect(parseSearchParams(formatSearchParams(search))).toEqual(search);
    expect(formatSearchParams({ query: '', filters: {} })).toBe('');
  });

  it('drop values the filters do not know instead of sending them to the core', () => {
    expect(parseSearchParams('q=ke&direction=sideways&state=lost&priority=9&from=yesterday&agency=a%20b&register=-2&to=2020-01-01')).toEqual({
      query: 'ke',
      filters: { dateTo: '2020-01-01' },
    });
    expect(parseSearchParams('from=2025-01-01&to=2024-01-01').filters).toEqual({ dateFrom: '2025-01-01' });
    for (const register of ['0', '1.5', 'x', '']) expect(parseSearchParams(`register=${register}`).filters, register).toEqual({});
  });
});
