import { describe, expect, it, vi } from 'vitest';
import { createCloseGuard } from '../../electron/main/close-guard';

function setup(timeoutMs = 3000) {
  let answer: () => void = () => undefined;
  const ports = {
    timeoutMs,
    requestFlush: vi.fn(),
    waitForFlush: vi.fn(() => new Promise<void>((resolve) => (answer = resolve))),
    closeNow: vi.fn(),
  };
  const onClose = createCloseGuard(ports);
  const close = () => {
    const event = { preventDefault: vi.fn() };
    onClose(event);
    return event;
  };
  return { ports, close, answer: () => answer() };
}

describe('closing the window', () => {
  it('holds the close until the renderer has flushed, then closes once', async () => {
    const { ports, close, answer } = setup();
    expect(close().preventDefault).toHaveBeenCalled();
    expect(ports.requestFlush).toHaveBeenCalledTimes(1);
    expect(ports.closeNow).not.toHaveBeenCalled();
    close(); // an impatient second click asks nothing new
    expect(ports.requestFlush).toHaveBeenCalledTimes(1);
    answer();
    await vi.waitFor(() => expect(ports.closeNow).toHaveBeenCalledTimes(1));
    expect(close().preventDefault).not.toHaveBeenCalled(); // the real close goes through
  });

  it('closes after the timeout when the renderer does not answer', async () => {
    vi.useFakeTimers();
    try {
      const { ports, close } = setup(3000);
      close();
      await vi.advanceTimersByTimeAsync(2999);
      expect(ports.closeNow).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(ports.closeNow).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
