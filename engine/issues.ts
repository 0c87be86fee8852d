// User-facing problems: a code, a message that states the fact and the fix, and the place it belongs to.
// They are plain data so they cross threads and processes; bugs are ordinary exceptions instead. Issues
// the editor shows also carry a message id and its values (engine/messages.ts) so the UI can translate
// them; `message` is always the English text, which the CLI and the API keep using.
import { englishMessage, type MessageId, type MessageValues } from './messages';

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
  /** Set for every message the editor can show; `message` is this id rendered in English. */
  messageId?: MessageId;
  values?: MessageValues;
}

export function issue(code: IssueCode, message: string, where: IssuePlace = {}): Issue {
  return { code, message, where };
}

/** An issue whose text comes from the message table, so it can be translated. */
export function messageIssue(
  code: IssueCode,
  messageId: MessageId,
  values: MessageValues,
  where: IssuePlace = {},
): Issue {
  return { code, message: englishMessage(messageId, values), where, messageId, values };
}

/** The same issue with more values (e.g. the layer's name), its English text rendered again. */
export function withValues(i: Issue, values: MessageValues): Issue {
  if (i.messageId === undefined) return i;
  return messageIssue(i.code, i.messageId, { ...i.values, ...values }, i.where);
}

/**
 * Thrown by a layer's shape rule for a user mistake; the analyzer turns it into an Issue on that node
 * and adds the values only it knows: {{layer}} (the node's name) and {{inputs}} (shapes and sources).
 */
export class LayerShapeError extends Error {
  constructor(
    readonly code: IssueCode,
    readonly messageId: MessageId,
    readonly values: MessageValues = {},
    readonly field?: string,
  ) {
    // Outside the analyzer nobody fills {{layer}} and {{inputs}}: say something readable instead.
    const inputs = String(values['shapes'] ?? values['shape'] ?? 'its inputs');
    super(englishMessage(messageId, { layer: 'the layer', inputs, ...values }));
  }
}
