// The protobuf writer against the encoding guide's own examples, and read back by an independent reader.
import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf-writer';
import { all, messages, readMessage, text } from './protobuf-reader.test-support';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ProtoWriter', () => {
  // Examples from https://protobuf.dev/programming-guides/encoding/
  it.each([
    { what: 'varint 150 in field 1', write: (w: ProtoWriter) => w.varint(1, 150), bytes: '089601' },
    {
      what: 'string "testing" in field 2',
      write: (w: ProtoWriter) => w.string(2, 'testing'),
      bytes: '120774657374696e67',
    },
    {
      what: 'int64 -2 in field 1',
      write: (w: ProtoWriter) => w.varint(1, -2),
      bytes: '08feffffffffffffffff01',
    },
    { what: 'varint 1 in field 1', write: (w: ProtoWriter) => w.varint(1, 1), bytes: '0801' },
    {
      what: 'float 1.0 in field 2 (fixed32, little-endian)',
      write: (w: ProtoWriter) => w.float(2, 1),
      bytes: '150000803f',
    },
    {
      what: 'repeated int64 [3, 270] in field 4 (unpacked)',
      write: (w: ProtoWriter) => w.varints(4, [3, 270]),
      bytes: '2003208e02',
    },
    {
      what: 'embedded message {1: 150} in field 3',
      write: (w: ProtoWriter) => w.bytes(3, new ProtoWriter().varint(1, 150)),
      bytes: '1a03089601',
    },
  ])('$what', ({ write, bytes }) => {
    expect(hex(write(new ProtoWriter()).finish())).toBe(bytes);
  });

  it('round-trips large values, long strings and nested messages through a reader', () => {
    const long = 'é'.repeat(300); // 600 UTF-8 bytes: a two-byte length prefix
    const inner = new ProtoWriter()
      .varint(1, 2 ** 40)
      .varint(2, -1)
      .string(3, long);
    const bytes = new ProtoWriter()
      .bytes(7, inner)
      .varints(8, [0, 127, 128, 2 ** 53 - 1])
      .finish();
    const message = readMessage(bytes);
    const [nested] = messages(message, 7);
    expect(nested && all(nested, 1)).toEqual([2 ** 40]);
    expect(nested && all(nested, 2)).toEqual([-1]);
    expect(text(nested && all(nested, 3)[0])).toBe(long);
    expect(all(message, 8)).toEqual([0, 127, 128, 2 ** 53 - 1]);
  });

  it('grows past its initial buffer', () => {
    const payload = new Uint8Array(100_000).map((_, i) => i % 251);
    const [value] = all(readMessage(new ProtoWriter().bytes(9, payload).finish()), 9);
    expect(value).toEqual(payload);
  });

  it('refuses numbers a varint cannot hold exactly', () => {
    expect(() => new ProtoWriter().varint(1, 0.5)).toThrow(RangeError);
    expect(() => new ProtoWriter().varint(1, 2 ** 64)).toThrow(RangeError);
  });
});
