// The recent documents list: order, duplicates, the cap, and what survives a damaged file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MAX_RECENT, parseRecent, RecentDocuments, withRecent } from './recent-documents';

describe('recent documents', () => {
  it('puts the latest first, once, and keeps at most ten', () => {
    expect(withRecent(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    const many = Array.from({ length: MAX_RECENT }, (_, i) => `/m${i}`);
    const next = withRecent(many, '/new');
    expect(next).toHaveLength(MAX_RECENT);
    expect(next[0]).toBe('/new');
    expect(next).not.toContain(`/m${MAX_RECENT - 1}`);
  });

  it.each([
    ['not a list', { paths: ['/a'] }, []],
    ['non-strings and relative paths', ['/a', 3, null, 'rel/b.json', '/a'], ['/a']],
  ])('keeps only absolute paths from a saved file with %s', (_what, saved, expected) => {
    expect(parseRecent(saved)).toEqual(expected);
  });

  it('persists across starts, reports changes, and starts empty from a damaged file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'layerwise-recent-')), 'recent.json');
    writeFileSync(file, '{ not json');
    const changed = vi.fn();
    const recent = new RecentDocuments(file, changed);
    expect(recent.list).toEqual([]);
    recent.add('/models/a.layerwise.json');
    recent.add('/models/b.layerwise.json');
    expect(changed).toHaveBeenLastCalledWith(['/models/b.layerwise.json', '/models/a.layerwise.json']);
    expect(new RecentDocuments(file).list).toEqual(['/models/b.layerwise.json', '/models/a.layerwise.json']);
    recent.remove('/models/b.layerwise.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['/models/a.layerwise.json']);
    recent.clear();
    expect(new RecentDocuments(file).list).toEqual([]);
  });
});
