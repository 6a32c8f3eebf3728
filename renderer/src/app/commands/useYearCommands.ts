// The 年度 actions (次年度の作成, 年度を確定, 確定を解除), each asking once before it changes anything.
import { useRef } from 'react';
import { draftNextYear, type NextYearDraft } from '../../../../shared/domain/next-year';
import { fiscalYearLabel } from '../../../../shared/domain/wareki';
import { useServices } from '../../store/context';
import { nextPosition } from '../../store/document';
import type { SheetsState } from '../../store/sheets-store';
import type { Confirmation } from '../ConfirmDialog';
import type { Notice } from '../useNotices';
import { useScope } from '../useScope';

export interface YearCommands {
  /** 次年度の作成 from the current 年度 and 局. */
  draftNextYear: () => void;
  /** 年度を確定: the current 年度 becomes read-only. */
  lockYear: () => void;
  /** 確定を解除: the current 年度 can be edited again. */
  unlockYear: () => void;
}

interface Deps {
  confirm: (confirmation: Confirmation) => void;
  notify: (notice: Notice) => void;
}

/** The draft of the scope's next year from what the store holds now (live sheets in list order). */
function draftFrom(state: SheetsState): NextYearDraft {
  const sheets = state.sheets.toArray().sort((a, b) => (state.positions[a.id] ?? 0) - (state.positions[b.id] ?? 0));
  return draftNextYear(
    { sheets, policies: state.policies, lockedYears: state.lockedYears },
    state.fiscalYear,
    { newId: () => crypto.randomUUID(), now: new Date() },
    state.bureau,
  );
}

export function useYearCommands({ confirm, notify }: Deps): YearCommands {
  const services = useServices();
  const { store } = services;
  const { switchScope } = useScope();
  // One draft at a time: a second press while the first is written would pass the "next year is empty" check.
  const busy = useRef(false);

  const apply = async () => {
    const state = store.getState();
    const draft = draftFrom(state);
    if (!draft.ok) return notify({ tone: 'error', text: draft.message });
    const start = nextPosition(state.positions);
    const result = await services.applyBulk({
      sheets: draft.sheets.map((sheet, i) => ({ sheet, position: start + i })),
      policies: draft.policies,
      lockedYears: [...new Set([...state.lockedYears, draft.fromYear])].sort((a, b) => a - b),
      // What the source year held, kept in 履歴 beside the moment it was locked.
      versions: [
        ...draft.carriedSheets.map((content) => ({ kind: 'sheet' as const, content, reason: 'next-year' as const })),
        ...draft.carriedPolicies.map((content) => ({ kind: 'policy' as const, content, reason: 'next-year' as const })),
      ],
    });
    if (!result.ok) return notify({ tone: 'error', text: result.message });
    switchScope(draft.toYear, state.bureau);
    const from = fiscalYearLabel(draft.fromYear);
    notify({
      tone: 'info',
      text: `${fiscalYearLabel(draft.toYear)}の案を作りました。予算額などの金額を入力してください。${from}は確定済みです（「${from}」を選ぶと閲覧できます）。`,
    });
  };

  const draftNext = () => {
    if (busy.current) return;
    const state = store.getState();
    // Refusals (the next year begun already, nothing to carry) are said at once, without a question.
    const draft = draftFrom(state);
    if (!draft.ok) return notify({ tone: 'error', text: draft.message });
    const from = fiscalYearLabel(draft.fromYear);
    const what = draft.policies.length > 0 ? `${draft.sheets.length} シートと局運営方針` : `${draft.sheets.length} シート`;
    confirm({
      title: '次年度の作成',
      message: `${from}の ${what}から${fiscalYearLabel(draft.toYear)}の案を作ります。${from}は変更されず、確定済みになります。`,
      confirmLabel: '作成する',
      onConfirm: () => {
        busy.current = true;
        void apply().finally(() => {
          busy.current = false;
        });
      },
    });
  };

  const lockYear = () => {
    const year = store.getState().fiscalYear;
    const label = fiscalYearLabel(year);
    confirm({
      title: '年度の確定',
      message: `${label}を確定しますか？確定した年度の事務事業シートと局運営方針は閲覧のみになります。「確定を解除」で編集できる状態に戻せます。`,
      confirmLabel: '確定する',
      onConfirm: () => void store.getState().setYearLocked(year, true),
    });
  };

  const unlockYear = () => {
    const year = store.getState().fiscalYear;
    const label = fiscalYearLabel(year);
    confirm({
      title: '確定の解除',
      message: `${label}の確定を解除しますか？この年度の事務事業シートと局運営方針を再び編集できるようになります。`,
      confirmLabel: '確定を解除',
      onConfirm: () => void store.getState().setYearLocked(year, false),
    });
  };

  return { draftNextYear: draftNext, lockYear, unlockYear };
}
