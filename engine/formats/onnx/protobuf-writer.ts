// A minimal protocol-buffers writer, enough to encode ONNX files without a protobuf library (and without
// Buffer, so it runs in the browser): varints, length-delimited bytes and fixed32 floats.
// Wire format: https://protobuf.dev/programming-guides/encoding/

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

/** Appends fields to a growing byte buffer; `finish()` returns the encoded message. */
export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  /** An int32/int64/enum/bool field. Negative numbers take ten bytes, as protobuf's int64 does. */
  varint(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(value);
    return this;
  }

  /** A repeated int64 field, one tagged entry per value (proto2's unpacked encoding, which ONNX uses). */
  varints(field: number, values: readonly number[]): this {
    for (const value of values) this.varint(field, value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.reserve(4);
    new DataView(this.buffer.buffer).setFloat32(this.length, value, true);
    this.length += 4;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A bytes field, or an embedded message given as its encoding (or its unfinished writer). */
  bytes(field: number, value: Uint8Array | ProtoWriter): this {
    const bytes = value instanceof ProtoWriter ? value.finish() : value;
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(bytes.length);
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  private rawVarint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`varint ${value} is not a safe integer`);
    this.reserve(10);
    if (value < 0) {
      // Two's complement over 64 bits, seven bits at a time.
      let rest = BigInt.asUintN(64, BigInt(value));
      while (rest > 0x7fn) {
        this.buffer[this.length++] = Number(rest & 0x7fn) | 0x80;
        rest >>= 7n;
      }
      this.buffer[this.length++] = Number(rest);
      return;
    }
    let rest = value;
    while (rest > 0x7f) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
