import { describe, expect, it } from 'vitest';
import { packRows, unpackRows, type PackedRows } from '../../main/api/rpc';

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

  it('says a value that repeats once, in its field\'s list of values, and comes back the same', () => {
    // 40 rows: a field of at most 10 distinct plain values gets a list; one of more does not.
    const rows = Array.from({ length: 40 }, (_, i) => ({
      calendarId: `calendar-${i % 3}`,
      roomId: i % 4 === 0 ? null : 'room-1',
      allDay: i % 5 === 0,
      position: i % 10,
      key: `occurrence-${i}`,
      eleven: i % 11,
      // Arrays are never listed: equal arrays are different objects.
      userIds: i % 2 ? ['u1'] : [],
      text: ['1', 1, true, 'true', null][i % 5],
    }));
    const packed = JSON.parse(JSON.stringify(packRows(rows))) as PackedRows<(typeof rows)[number]>;
    expect(unpackRows(packed)).toEqual(rows);
    const listed = Object.fromEntries(packed.fields.map((f, i) => [f, packed.values[i]]));
    expect(listed).toEqual({
      calendarId: ['calendar-0', 'calendar-1', 'calendar-2'],
      roomId: [null, 'room-1'],
      allDay: [true, false],
      position: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      key: null,
      eleven: null,
      userIds: null,
      // A string and the number or boolean it spells stay apart.
      text: ['1', 1, true, 'true', null],
    });
    const calendar = packed.fields.indexOf('calendarId');
    expect(packed.rows.slice(0, 4).map((r) => r[calendar])).toEqual([0, 1, 2, 0]);
    expect(JSON.stringify(packed).match(/calendar-1/g)).toHaveLength(1);
  });

  it('packs an empty list to no fields and no rows, and unpacks it to an empty list', () => {
    expect(packRows([])).toEqual({ fields: [], values: [], rows: [] });
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});
