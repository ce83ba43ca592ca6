import { describe, expect, it } from 'vitest';
import { packRows, unpackRows } from '../../main/api/rpc';

interface Occurrence {
  key: string;
  subject: string;
  start: number;
  allDay: boolean;
  startDate: string | null;
  userIds: string[];
}

const week: Occurrence[] = [
  { key: 'a:1', subject: 'جلسهٔ فروش', start: 1745650800000, allDay: false, startDate: null, userIds: [] },
  { key: 'b:2', subject: 'تعطیل', start: 1745700000000, allDay: true, startDate: '2025-04-27', userIds: ['u1', 'u2'] },
];

describe('a long list on the wire', () => {
  it('comes back field for field after packing and a trip through JSON', () => {
    const back = unpackRows(JSON.parse(JSON.stringify(packRows(week))) as ReturnType<typeof packRows<Occurrence>>);
    expect(back).toEqual(week);
    // The fields' order too: what a person sees does not depend on it, but a copy should be exact.
    expect(back.map((o) => Object.keys(o))).toEqual(week.map((o) => Object.keys(o)));
  });

  it('says each field name once, whatever the length of the list', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...week[i % 2]!, key: `k:${i}` }));
    const packed = JSON.stringify(packRows(many));
    expect(packed.match(/"subject"/g)).toHaveLength(1);
    expect(packed.length).toBeLessThan(JSON.stringify(many).length * 0.7);
  });

  it('packs an empty list to no fields and no rows, and unpacks it to an empty list', () => {
    expect(packRows([])).toEqual({ fields: [], rows: [] });
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});
