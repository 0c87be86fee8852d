// Events of sessions the store has no run for yet: training.start's reply can arrive after the session's
// first events, and training.list's after a restored session's latest ones. Bounded, oldest dropped.
import type { TrainingEvent } from '../../../engine/api/events';

const MAX_SESSIONS = 20;
const MAX_EVENTS = 2000;

export class PendingEvents {
  private readonly bySession = new Map<string, TrainingEvent[]>();

  add(sessionId: string, event: TrainingEvent): void {
    let events = this.bySession.get(sessionId);
    if (events === undefined) {
      if (this.bySession.size >= MAX_SESSIONS) {
        const oldest = this.bySession.keys().next().value;
        if (oldest !== undefined) this.bySession.delete(oldest);
      }
      this.bySession.set(sessionId, (events = []));
    }
    if (events.length >= MAX_EVENTS) {
      const firstBatch = events.findIndex((e) => e.type === 'batch');
      events.splice(firstBatch === -1 ? 0 : firstBatch, 1);
    }
    events.push(event);
  }

  /** The session's buffered events, in order, forgetting them. */
  take(sessionId: string): TrainingEvent[] {
    const events = this.bySession.get(sessionId) ?? [];
    this.bySession.delete(sessionId);
    return events;
  }
}
