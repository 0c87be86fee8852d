// User-facing problems: a code, a message that states the fact and the fix, and the place it belongs to.
// They are plain data so they cross threads and processes; bugs are ordinary exceptions instead.

export type IssueCode =
  | 'E_JSON_SYNTAX'
  | 'E_FORMAT'
  | 'E_VERSION'
  | 'E_SCHEMA'
  | 'E_DUPLICATE_ID'
  | 'E_DUPLICATE_NAME'
  | 'E_UNKNOWN_TYPE'
  | 'E_PARAM'
  | 'E_UNKNOWN_PARAM'
  | 'E_EDGE_MISSING_NODE'
  | 'E_CYCLE'
  | 'E_NO_INPUT'
  | 'E_MULTIPLE_INPUTS'
  | 'E_MULTIPLE_OUTPUTS'
  | 'E_INPUT_COUNT'
  | 'E_RANK'
  | 'E_NON_POSITIVE_SHAPE'
  | 'E_SHAPE_MISMATCH'
  | 'E_WEIGHTS';

export interface IssuePlace {
  nodeId?: string;
  field?: string;
  line?: number;
  column?: number;
}

export interface Issue {
  code: IssueCode;
  message: string;
  where: IssuePlace;
}

export function issue(code: IssueCode, message: string, where: IssuePlace = {}): Issue {
  return { code, message, where };
}

/** Thrown by a layer's shape rule for a user mistake; the analyzer turns it into an Issue on that node. */
export class LayerShapeError extends Error {
  constructor(
    readonly code: IssueCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
