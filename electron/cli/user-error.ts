// A problem the user can fix (bad file, bad graph, bad arguments): printed without a stack, exit code 2.
import type { Issue } from '../../engine';
import type { ApiError } from '../../engine/api/contract';

export class UserError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }

  /** One line per issue: `<file>: <node id>: <message>`, or `<file>: <message>` for file-wide ones. */
  static fromIssues(file: string, issues: readonly Issue[]): UserError {
    return new UserError(
      issues.map((i) =>
        i.where.nodeId === undefined ? `${file}: ${i.message}` : `${file}: ${i.where.nodeId}: ${i.message}`,
      ),
    );
  }

  /** A service's refusal (bad model, dataset, settings), with its issues when it has some. */
  static fromApiError(file: string, error: ApiError): UserError {
    const issues = error.data.issues;
    return issues && issues.length > 0
      ? UserError.fromIssues(file, issues)
      : new UserError([`${file}: ${error.message}`]);
  }
}
