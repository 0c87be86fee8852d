// The few ONNX messages the exporter writes, as plain objects, and their protobuf encoding. Field numbers
// are those of onnx/onnx.proto (IR version 7 = ONNX 1.8, the release that introduced opset 13).
import { float32Bytes } from '../weights';
import { ProtoWriter } from './protobuf-writer';

export const IR_VERSION = 7;
export const OPSET_VERSION = 13;

/** One node attribute, named after the AttributeProto field that holds it. */
export type OnnxAttribute =
  | { readonly i: number }
  | { readonly f: number }
  | { readonly ints: readonly number[] }
  | { readonly s: string };

export interface OnnxNode {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, OnnxAttribute>>;
}

/** A constant tensor (initializer): float32 weights or int64 shapes. */
export type OnnxTensor =
  | { readonly name: string; readonly dims: readonly number[]; readonly float32: Float32Array }
  | { readonly name: string; readonly dims: readonly number[]; readonly int64: readonly number[] };

/** A graph input or output: a float32 tensor whose dimensions are sizes or symbolic names ('N'). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  readonly docString: string;
  readonly graph: OnnxGraph;
  /** ModelProto.metadata_props: key/value notes with no ONNX meaning (layerwise.frozen). */
  readonly metadata?: Readonly<Record<string, string>>;
}

// TensorProto.DataType
const FLOAT = 1;
const INT64 = 7;

// AttributeProto.AttributeType
const ATTRIBUTE_TYPES = { f: 1, i: 2, s: 3, ints: 7 } as const;

function attribute(name: string, value: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name); // name = 1
  if ('f' in value)
    w.float(2, value.f); // f = 2
  else if ('i' in value)
    w.varint(3, value.i); // i = 3
  else if ('s' in value)
    w.string(4, value.s); // s = 4
  else w.varints(8, value.ints); // ints = 8
  const kind = Object.keys(value)[0] as keyof typeof ATTRIBUTE_TYPES;
  return w.varint(20, ATTRIBUTE_TYPES[kind]); // type = 20
}

function node(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const input of n.inputs) w.string(1, input); // input = 1
  for (const output of n.outputs) w.string(2, output); // output = 2
  w.string(3, n.name).string(4, n.opType); // name = 3, op_type = 4
  for (const [name, value] of Object.entries(n.attributes ?? {})) w.bytes(5, attribute(name, value)); // attribute = 5
  return w;
}

function tensor(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter().varints(1, t.dims); // dims = 1
  if ('float32' in t) return w.varint(2, FLOAT).string(8, t.name).bytes(9, float32Bytes(t.float32)); // data_type = 2, name = 8, raw_data = 9
  const raw = new DataView(new ArrayBuffer(t.int64.length * 8));
  t.int64.forEach((v, i) => raw.setBigInt64(i * 8, BigInt(v), true)); // raw_data is little-endian
  return w.varint(2, INT64).string(8, t.name).bytes(9, new Uint8Array(raw.buffer));
}

function valueInfo(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.dims) {
    // TensorShapeProto.dim = 1; Dimension: dim_value = 1, dim_param = 2
    const dim = typeof d === 'number' ? new ProtoWriter().varint(1, d) : new ProtoWriter().string(2, d);
    shape.bytes(1, dim);
  }
  const tensorType = new ProtoWriter().varint(1, FLOAT).bytes(2, shape); // elem_type = 1, shape = 2
  const type = new ProtoWriter().bytes(1, tensorType); // TypeProto.tensor_type = 1
  return new ProtoWriter().string(1, v.name).bytes(2, type); // name = 1, type = 2
}

function graph(g: OnnxGraph): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.bytes(1, node(n)); // node = 1
  w.string(2, g.name); // name = 2
  for (const t of g.initializers) w.bytes(5, tensor(t)); // initializer = 5
  for (const v of g.inputs) w.bytes(11, valueInfo(v)); // input = 11
  for (const v of g.outputs) w.bytes(12, valueInfo(v)); // output = 12
  return w;
}

/** The bytes of a .onnx file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const opset = new ProtoWriter().string(1, '').varint(2, OPSET_VERSION); // domain = 1 ('' = ai.onnx), version = 2
  const w = new ProtoWriter()
    .varint(1, IR_VERSION) // ir_version = 1
    .string(2, 'Layerwise') // producer_name = 2
    .string(6, model.docString) // doc_string = 6
    .bytes(7, graph(model.graph)) // graph = 7
    .bytes(8, opset); // opset_import = 8
  // metadata_props = 14, StringStringEntryProto: key = 1, value = 2
  for (const [key, value] of Object.entries(model.metadata ?? {}))
    w.bytes(14, new ProtoWriter().string(1, key).string(2, value));
  return w.finish();
}
