// The merge preview's state: opened files compared with what is held, the choice per row, 取り込む and キャンセル.
// Nothing is written until 取り込む; then one bulk change (all or nothing) through the app services.
import { useCallback, useRef, useState } from 'react';
import type { MergeChoice, MergePlan } from '../../../../shared/domain/merge';
import type { Problem } from '../../../../shared/domain/problem';
import type { ExchangeOpenManyResult } from '../../../../shared/ipc/contract';
import { sheetHash } from '../../../../shared/routes';
import { navigate } from '../../app/useHashRoute';
import type { Notice } from '../../app/useNotices';
import { useServices } from '../../store/context';
import { selectScopeSheets } from '../../store/selectors';
import { loadMerge } from './lazy';

/** A file that could not be read, with its problems in Japanese. */
export interface UnreadableFile {
  fileName: string;
  problems: Problem[];
}

export interface MergeSession {
  plan: MergePlan;
  /** The files read, in the order chosen. */
  fileNames: string[];
  unreadable: UnreadableFile[];
  /** The user's choices; rows not in it take their default. */
  choices: ReadonlyMap<string, MergeChoice>;
  /** 取り込む is writing. */
  applying: boolean;
  /** Why the last 取り込む failed (nothing was written). */
  error: string | null;
}

export interface MergeController {
  /** The preview shown, or null. */
  session: MergeSession | null;
  /**
   * Asks `pick` for files (開く, Excel読込, 復元 from a backup) and shows the merge preview for those that could be read;
   * files that could not be read are listed there. Nothing changes until 取り込む.
   */
  mergeFrom: (pick: () => Promise<ExchangeOpenManyResult>) => Promise<void>;
  choose: (key: string, choice: MergeChoice) => void;
  /** すべてファイルを採用 / すべてこちらを残す: every row with a choice (a 確定済み year's keeps mine anyway). */
  chooseAll: (choice: MergeChoice) => void;
  apply: () => Promise<void>;
  cancel: () => void;
}

function problemsWithFile(files: readonly UnreadableFile[]): Problem[] {
  return files.flatMap((f) => (files.length > 1 ? f.problems.map((p) => ({ ...p, message: `「${f.fileName}」: ${p.message}` })) : f.problems));
}

export function useMerge(notify: (notice: Notice) => void): MergeController {
  const services = useServices();
  const [session, setSession] = useState<MergeSession | null>(null);
  // The latest session for apply (which runs after awaits), without making the callbacks change on every choice.
  const current = useRef<MergeSession | null>(null);
  const update = useCallback((next: MergeSession | null) => {
    current.current = next;
    setSession(next);
  }, []);

  const mergeFrom = useCallback(
    async (pick: () => Promise<ExchangeOpenManyResult>) => {
      // The preview's chunk loads while the user picks files (a failure surfaces below, where it is awaited).
      const merging = loadMerge();
      merging.catch(() => undefined);
      const picked = await pick();
      if (picked.status === 'canceled') return;
      if (picked.status === 'error') {
        notify({ tone: 'error', text: picked.message });
        return;
      }
      const opened = picked.files.flatMap((f) => (f.status === 'opened' ? [{ fileName: f.fileName, sheets: f.file.sheets, policies: f.file.policies }] : []));
      const unreadable = picked.files.flatMap((f) => (f.status === 'problems' ? [{ fileName: f.fileName, problems: f.problems }] : []));
      if (opened.length === 0) {
        const names = unreadable.map((f) => `「${f.fileName}」`).join('');
        notify({ tone: 'error', text: `${names}を開けません。何も変更していません。`, problems: problemsWithFile(unreadable) });
        return;
      }
      const { planMergeWith } = await merging;
      const plan = await planMergeWith(services, opened);
      update({ plan, fileNames: opened.map((f) => f.fileName), unreadable, choices: new Map(), applying: false, error: null });
    },
    [services, notify, update],
  );

  const choose = useCallback(
    (key: string, choice: MergeChoice) => {
      const s = current.current;
      if (!s || s.applying) return;
      update({ ...s, choices: new Map(s.choices).set(key, choice) });
    },
    [update],
  );

  const chooseAll = useCallback(
    (choice: MergeChoice) => {
      const s = current.current;
      if (!s || s.applying) return;
      const choices = new Map<string, MergeChoice>();
      for (const row of s.plan.rows) if (row.defaultChoice !== null && !row.locked) choices.set(row.key, choice);
      update({ ...s, choices });
    },
    [update],
  );

  const cancel = useCallback(() => {
    if (current.current?.applying) return;
    update(null);
  }, [update]);

  const apply = useCallback(async () => {
    const s = current.current;
    if (!s || s.applying) return;
    update({ ...s, applying: true, error: null });
    // Loaded with the preview already.
    const { applyMerge, mergedNotice } = await loadMerge();
    const applied = await applyMerge(services, s.plan, s.choices);
    if (!applied.ok) {
      update({ ...s, applying: false, error: applied.message });
      return;
    }
    update(null);
    // Brought into an empty scope (a first bureau's file): show what came in.
    const state = services.store.getState();
    if (selectScopeSheets(state).length === 0) {
      const first = applied.result.sheets[0]?.sheet;
      if (first) {
        state.selectScope(first.fiscalYear, first.org.bureau);
        navigate(sheetHash(first.id), { replace: true });
      }
    }
    const skipped = s.unreadable.length > 0 ? `${s.unreadable.map((f) => `「${f.fileName}」`).join('')}は読み込めなかったため取り込んでいません。` : '';
    notify({ tone: 'info', text: `${mergedNotice(applied.result)}${skipped}` });
  }, [services, notify, update]);

  return { session, mergeFrom, choose, chooseAll, apply, cancel };
}
