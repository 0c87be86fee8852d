// Test support: a tiny protobuf reader, so tests can check what the writer encoded field by field.
// Varints come back as numbers (int64 two's complement decoded), length-delimited fields as bytes.

export type ProtoValue = number | Uint8Array;

export function readMessage(bytes: Uint8Array): Map<number, ProtoValue[]> {
  const fields = new Map<number, ProtoValue[]>();
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  const take = (length: number) => {
    if (pos + length > bytes.length) throw new Error('truncated field');
    pos += length;
    return bytes.subarray(pos - length, pos);
  };
  while (pos < bytes.length) {
    const tag = Number(varint());
    const [field, wireType] = [tag >>> 3, tag & 7];
    let value: ProtoValue;
    if (wireType === 0) value = Number(BigInt.asIntN(64, varint()));
    else if (wireType === 2) value = take(Number(varint()));
    else if (wireType === 5) value = take(4);
    else if (wireType === 1) value = take(8);
    else throw new Error(`unexpected wire type ${wireType}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

/** The values of `field` in a message. */
export const all = (message: Map<number, ProtoValue[]>, field: number): ProtoValue[] =>
  message.get(field) ?? [];

/** The embedded messages of `field`. */
export const messages = (message: Map<number, ProtoValue[]>, field: number) =>
  all(message, field).map((v) => readMessage(v as Uint8Array));

export const text = (value: ProtoValue | undefined): string => new TextDecoder().decode(value as Uint8Array);
