// One writer per database: the window holding a Web Lock may edit and save; others open read-only and may ask for
// the lock (編集を引き継ぐ), which the holder hands over after writing what it has. A window that stopped answering
// has the lock taken from it after a few seconds.

export const WRITER_LOCK_NAME = 'yosan-desk:writer';
export const WRITER_CHANNEL_NAME = 'yosan-desk:writer';

type Message = { type: 'handover-request' } | { type: 'saved' };

/** The parts of the Web Locks API we use (navigator.locks); absent in some test environments. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

export interface WriterLockPorts {
  locks: LockManagerLike | undefined;
  /** A BroadcastChannel on WRITER_CHANNEL_NAME (a fake in tests). */
  channel: { postMessage(message: Message): void; addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void; close(): void };
  /** Before letting go: write everything pending, so the next writer reads it. */
  beforeHandover: () => Promise<unknown>;
  /** This window is no longer the writer (handed over, or the lock was taken). */
  onLost: () => void;
  /** Another window saved: a read-only window shows the new data. */
  onOtherSaved: () => void;
  /** How long a handover may take before the lock is taken anyway (the holder may be frozen). */
  handoverTimeoutMs?: number;
}

export interface WriterLock {
  /** Tries to become the writer without waiting; true when this window now holds the lock. */
  acquire(): Promise<boolean>;
  /** Asks the holder to hand over and waits for the lock (taking it after the timeout). */
  takeOver(): Promise<void>;
  /** Tells read-only windows that the database changed. */
  announceSaved(): void;
  readonly isWriter: boolean;
  close(): void;
}

export function createWriterLock(ports: WriterLockPorts): WriterLock {
  const timeoutMs = ports.handoverTimeoutMs ?? 5000;
  let writer = false;
  let release: (() => void) | null = null;

  /** Holds the lock until `release` is called; `onHeld` runs once it is held. */
  const hold = (options: { ifAvailable?: boolean; steal?: boolean }, onHeld: (held: boolean) => void): Promise<unknown> => {
    const locks = ports.locks;
    if (!locks) {
      // No Web Locks (a very old browser): behave as the only window, as before.
      writer = true;
      onHeld(true);
      return Promise.resolve();
    }
    return locks
      .request(WRITER_LOCK_NAME, options, async (lock) => {
        if (lock === null) {
          onHeld(false);
          return;
        }
        writer = true;
        await new Promise<void>((resolve) => {
          release = resolve;
          onHeld(true);
        });
      })
      .catch(() => {
        // Taken by another window (steal): this one may no longer write.
        if (writer) {
          writer = false;
          release = null;
          ports.onLost();
        }
      });
  };

  const letGo = () => {
    const done = release;
    release = null;
    writer = false;
    done?.();
  };

  let handingOver = false;
  ports.channel.addEventListener('message', (event) => {
    const message = event.data as Message;
    if (message?.type === 'saved' && !writer) ports.onOtherSaved();
    if (message?.type === 'handover-request' && writer && !handingOver) {
      handingOver = true;
      void ports
        .beforeHandover()
        .catch(() => undefined)
        .finally(() => {
          handingOver = false;
          letGo();
          ports.onLost();
        });
    }
  });

  return {
    get isWriter() {
      return writer;
    },
    acquire: () => new Promise<boolean>((resolve) => void hold({ ifAvailable: true }, resolve)),
    takeOver: async () => {
      if (writer) return;
      ports.channel.postMessage({ type: 'handover-request' });
      // The holder writes what it has, then lets go: try for the free lock until then.
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (await new Promise<boolean>((resolve) => void hold({ ifAvailable: true }, resolve))) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The holder did not answer (frozen, or busy for seconds): take the lock from it.
      await new Promise<boolean>((resolve) => void hold({ steal: true }, resolve));
    },
    announceSaved: () => ports.channel.postMessage({ type: 'saved' }),
    close: () => {
      letGo();
      ports.channel.close();
    },
  };
}
