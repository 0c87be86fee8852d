// JSON parsing that reports syntax errors with a line and column, which JSON.parse does not, and refuses
// documents nested deeper than MAX_JSON_DEPTH before anything recursive (the error re-parse, schema
// checks, the serializer) walks them: thousands of levels would otherwise end in a stack overflow.
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

const FRIENDLY: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' (or a closing bracket)",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Deepest nesting of objects and arrays accepted; real model files and API requests stay under 20. */
export const MAX_JSON_DEPTH = 256;

export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): JsonParseResult {
  const tooDeep = nestingBeyond(text, maxDepth);
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep);
    return {
      ok: false,
      message: `invalid JSON at line ${line}, column ${column}: nested too deeply (more than ${maxDepth} levels)`,
      line,
      column,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Only on failure: re-parse with a parser that knows where it stopped.
    const errors: ParseError[] = [];
    parseTolerant(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    const offset = first?.offset ?? text.length;
    const code = first === undefined ? 'ValueExpected' : printParseErrorCode(first.error);
    const { line, column } = lineAndColumn(text, offset);
    return {
      ok: false,
      message: `invalid JSON at line ${line}, column ${column}: ${FRIENDLY[code] ?? code}`,
      line,
      column,
    };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset of the first bracket that opens level maxDepth + 1, or undefined when the text stays within
 * maxDepth. A linear scan that skips strings; it does not validate (the parsers do that afterwards).
 */
export function nestingBeyond(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return undefined;
}
