// Files the OS hands the app: which command-line arguments are documents, and the queue that holds
// them until the page listens.
import { describe, expect, it } from 'vitest';
import { documentPathsFromArgv, OpenQueue } from './open-requests';

describe('documentPathsFromArgv', () => {
  it('takes model files after the executable of a packaged app, resolving relative ones', () => {
    expect(
      documentPathsFromArgv(
        ['/opt/Layerwise/layerwise', '--no-sandbox', 'models/cnn.layerwise.json', '/tmp/MLP.JSON'],
        '/home/ada',
        true,
      ),
    ).toEqual(['/home/ada/models/cnn.layerwise.json', '/tmp/MLP.JSON']);
  });

  it('skips the app path in development, switches, macOS -psn_ and non-model files', () => {
    expect(
      documentPathsFromArgv(
        ['/x/electron', 'out/main/index.js', '-psn_0_12345', '--inspect=9229', 'notes.txt', 'a.json'],
        '/w',
        false,
      ),
    ).toEqual(['/w/a.json']);
    expect(documentPathsFromArgv(['/opt/Layerwise/layerwise'], '/w', true)).toEqual([]);
  });

  it('reads the file:// URLs a Linux desktop file passes (%U), and ignores other URLs', () => {
    expect(
      documentPathsFromArgv(
        [
          '/opt/Layerwise/layerwise',
          'file:///home/ada/My%20Models/cnn.layerwise.json',
          'https://example.com/model.json',
        ],
        '/w',
        true,
      ),
    ).toEqual(['/home/ada/My Models/cnn.layerwise.json']);
  });
});

describe('OpenQueue', () => {
  it('holds opens until the page is ready, then delivers in order and directly afterwards', () => {
    const queue = new OpenQueue();
    const delivered: string[] = [];
    queue.open('/a');
    queue.open('/b');
    expect(delivered).toEqual([]);
    queue.ready((path) => delivered.push(path));
    expect(delivered).toEqual(['/a', '/b']);
    queue.open('/c');
    expect(delivered).toEqual(['/a', '/b', '/c']);
  });

  it('holds again while the page reloads, and delivers to the new page', () => {
    const queue = new OpenQueue();
    const first: string[] = [];
    const second: string[] = [];
    queue.ready((path) => first.push(path));
    queue.notReady();
    queue.open('/late');
    queue.ready((path) => second.push(path));
    expect(first).toEqual([]);
    expect(second).toEqual(['/late']);
  });
});
