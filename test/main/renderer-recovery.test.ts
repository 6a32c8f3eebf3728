// A crashed or hung page gets a Japanese message that says the data is saved, and a reload; never a blank window.
import { describe, expect, it } from 'vitest';
import { createRendererRecovery } from '../../electron/main/renderer-recovery';
import { scriptedDialogs } from './fake-ports';

function setup(responses: number[]) {
  const { dialogs, shown } = scriptedDialogs({ message: responses.map((response) => ({ response })) });
  const happened: string[] = [];
  const recovery = createRendererRecovery({ dialogs, reload: () => happened.push('reload'), quit: () => happened.push('quit') });
  return { recovery, shown, happened };
}

describe('renderer recovery', () => {
  it('a crash offers 再読み込み, says the input is saved, and reloads', async () => {
    const { recovery, shown, happened } = setup([0]);
    await recovery.onGone('crashed');
    expect(happened).toEqual(['reload']);
    expect(shown).toHaveLength(1);
    const options = shown[0]!.options as { message: string; buttons: string[] };
    expect(options.buttons).toEqual(['再読み込み', '終了']);
    expect(options.message).toMatch(/入力内容は自動保存されています/);
  });

  it('out of memory says so; 終了 quits', async () => {
    const { recovery, shown, happened } = setup([1]);
    await recovery.onGone('oom');
    expect((shown[0]!.options as { message: string }).message).toMatch(/^メモリが足りなくなったため/);
    expect(happened).toEqual(['quit']);
  });

  it('a clean exit is no crash: nothing is shown', async () => {
    const { recovery, shown, happened } = setup([]);
    await recovery.onGone('clean-exit');
    expect(shown).toEqual([]);
    expect(happened).toEqual([]);
  });

  it('unresponsive: 待つ leaves the page alone, 再読み込み reloads; one dialog at a time', async () => {
    const { recovery, shown, happened } = setup([1, 0]);
    await recovery.onUnresponsive();
    expect(happened).toEqual([]);
    const first = recovery.onUnresponsive();
    const second = recovery.onUnresponsive();
    await Promise.all([first, second]);
    expect(shown).toHaveLength(2);
    expect(happened).toEqual(['reload']);
  });
});
