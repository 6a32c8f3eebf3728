// One writer per database: the first window holds the lock, the next is read-only; 編集を引き継ぐ makes the holder save
// first and step back; a frozen holder has the lock taken after the timeout. Fakes of the Web Locks API and BroadcastChannel.
import { describe, expect, it } from 'vitest';
import { createWriterLock, type LockManagerLike, type WriterLockPorts } from '../../renderer/src/persistence/writer-lock';

/** navigator.locks for one lock name, as Chromium behaves: ifAvailable answers null when held; steal aborts the holder. */
function fakeLocks(): LockManagerLike {
  let holder: { abort: (error: Error) => void } | null = null;
  return {
    request(_name, options, callback) {
      if (holder && options.ifAvailable) return callback(null);
      if (holder && !options.steal) throw new Error('this fake does not queue requests');
      holder?.abort(Object.assign(new Error('stolen'), { name: 'AbortError' }));
      return new Promise((resolve, reject) => {
        const me = { abort: reject };
        holder = me;
        void callback({ name: 'lock' }).then((value) => {
          if (holder === me) holder = null;
          resolve(value);
        });
      });
    },
  };
}

/** BroadcastChannels of one origin: a message reaches every other channel, later (as in a browser). */
function channelHub() {
  const channels = new Set<{ deliver: (data: unknown) => void }>();
  return () => {
    const listeners: ((event: { data: unknown }) => void)[] = [];
    const me = { deliver: (data: unknown) => listeners.forEach((l) => l({ data })) };
    channels.add(me);
    return {
      postMessage: (data: unknown) => {
        for (const other of channels) if (other !== me) setTimeout(() => other.deliver(data), 0);
      },
      addEventListener: (_type: 'message', listener: (event: { data: unknown }) => void) => void listeners.push(listener),
      close: () => void channels.delete(me),
    };
  };
}

function windowOf(locks: LockManagerLike, channel: WriterLockPorts['channel'], overrides: Partial<WriterLockPorts> = {}) {
  const events: string[] = [];
  const lock = createWriterLock({
    locks,
    channel,
    beforeHandover: async () => void events.push('saved before handing over'),
    onLost: () => events.push('lost'),
    onOtherSaved: () => events.push('other saved'),
    handoverTimeoutMs: 200,
    ...overrides,
  });
  return { lock, events };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('writer lock', () => {
  it('the first window writes, the second is read-only and hears when the first saved', async () => {
    const locks = fakeLocks();
    const channel = channelHub();
    const first = windowOf(locks, channel());
    const second = windowOf(locks, channel());
    expect(await first.lock.acquire()).toBe(true);
    expect(await second.lock.acquire()).toBe(false);
    expect([first.lock.isWriter, second.lock.isWriter]).toEqual([true, false]);
    first.lock.announceSaved();
    await tick();
    expect(second.events).toEqual(['other saved']);
    expect(first.events).toEqual([]);
  });

  it('編集を引き継ぐ: the holder saves, then steps back; the other window writes', async () => {
    const locks = fakeLocks();
    const channel = channelHub();
    const first = windowOf(locks, channel());
    const second = windowOf(locks, channel());
    await first.lock.acquire();
    await second.lock.acquire();
    await second.lock.takeOver();
    expect(first.events).toEqual(['saved before handing over', 'lost']);
    expect([first.lock.isWriter, second.lock.isWriter]).toEqual([false, true]);
    // And back again.
    await first.lock.takeOver();
    expect([first.lock.isWriter, second.lock.isWriter]).toEqual([true, false]);
    expect(second.events).toEqual(['saved before handing over', 'lost']);
  });

  it('a holder that never answers has the lock taken after the timeout, and learns it lost it', async () => {
    const locks = fakeLocks();
    const channel = channelHub();
    const frozen = windowOf(locks, channel(), { beforeHandover: () => new Promise(() => undefined) });
    const other = windowOf(locks, channel());
    await frozen.lock.acquire();
    await other.lock.acquire();
    const started = Date.now();
    await other.lock.takeOver();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await tick();
    expect(other.lock.isWriter).toBe(true);
    expect(frozen.lock.isWriter).toBe(false);
    expect(frozen.events).toEqual(['lost']);
  });

  it('without the Web Locks API the window writes, as a single window always did', async () => {
    const { lock } = windowOf(undefined as unknown as LockManagerLike, channelHub()());
    expect(await lock.acquire()).toBe(true);
  });
});
