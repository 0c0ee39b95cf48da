import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

function sink(tty: boolean) {
  const s = Object.assign(new PassThrough(), { isTTY: tty, columns: 80 });
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString()));
  return { s, text: () => text };
}

describe('startProgress', () => {
  it('draws on a TTY and clears the line when stopped', async () => {
    const { s, text } = sink(true);
    const stop = startProgress(s, () => ({ done: 50, total: 100 }), 'reading logs', 5);
    await new Promise((r) => setTimeout(r, 30));
    stop();
    expect(text()).toContain('50%');
    expect(text().endsWith('\r\x1b[2K')).toBe(true);
  });
  it('writes nothing when stderr is not a TTY', async () => {
    const { s, text } = sink(false);
    const stop = startProgress(s, () => ({ done: 1, total: 2 }), 'x', 5);
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(text()).toBe('');
  });
});
