// The sheet actions of the toolbar and of 削除済み (新規, 複製, 削除, 元に戻す, やり直し, restore, empty), with their questions.
import { useCallback } from 'react';
import { sheetHash } from '../../../../shared/routes';
import { useServices } from '../../store/context';
import { selectScopeSheets } from '../../store/selectors';
import type { Confirmation } from '../ConfirmDialog';
import { navigate } from '../useHashRoute';
import type { OpenSheet } from '../useOpenSheet';
import type { Notice } from '../useNotices';

export interface SheetCommands {
  create: () => void;
  duplicate: () => void;
  remove: () => void;
  undo: () => void;
  redo: () => void;
  restore: (sheetId: string) => void;
  emptyTrash: () => void;
}

interface Deps extends OpenSheet {
  /** The sheet the editor shows, if any. */
  currentId: string | null;
  confirm: (confirmation: Confirmation) => void;
  notify: (notice: Notice) => void;
}

export function useSheetCommands({ currentId, open, openAt, confirm, notify }: Deps): SheetCommands {
  const { store } = useServices();
  // Stable while the same sheet is open: the shortcuts call them.
  const undo = useCallback(() => void (currentId && store.getState().undo(currentId)), [currentId, store]);
  const redo = useCallback(() => void (currentId && store.getState().redo(currentId)), [currentId, store]);

  const create = () => {
    const id = store.getState().createSheet();
    if (id) openAt(id, 'name');
  };

  const duplicate = () => {
    if (!currentId) return;
    const id = store.getState().duplicateSheet(currentId);
    if (id) open(id);
  };

  const remove = () => {
    const current = currentId ? store.getState().sheets.get(currentId) : undefined;
    if (!current) return;
    const name = current.name || '名称未入力のシート';
    confirm({
      title: '事務事業シートの削除',
      message: `「${name}」を削除しますか？削除したシートは「削除済み」から元に戻せます。`,
      confirmLabel: '削除する',
      onConfirm: () => {
        const list = selectScopeSheets(store.getState());
        const at = list.findIndex((s) => s.id === current.id);
        store.getState().deleteSheet(current.id);
        // The neighbour below takes its place, as in a list; the one above when it was the last.
        const next = list[at + 1] ?? list[at - 1];
        navigate(next ? sheetHash(next.id) : '#/', { replace: true });
        notify({ tone: 'info', text: `「${name}」を削除しました。「削除済み」から元に戻せます。` });
      },
    });
  };

  const restore = (sheetId: string) => {
    store.getState().restoreSheet(sheetId);
    open(sheetId);
  };

  const emptyTrash = () =>
    confirm({
      title: '削除済みを空にする',
      message: `削除済みのシート ${Object.keys(store.getState().deleted).length} 件を完全に削除しますか？この操作は元に戻せません。`,
      confirmLabel: '完全に削除する',
      onConfirm: () => store.getState().emptyTrash(),
    });

  return { create, duplicate, remove, undo, redo, restore, emptyTrash };
}
