// Random edits across several sheets with the browser SIGKILLed at random moments, and what the reopened profile must
// hold: the driver and the bookkeeping shared by `npm run soak` (test/bench/soak.ts) and test/e2e/kill-sheets.test.ts.
import type { Locator, Page } from 'playwright-core';
import type { Random } from '../helpers/random';
import { openAppOrFailure, spawnKillableBrowser, type KillableBrowser } from './kill-harness';

export interface SoakField {
  key: string;
  /** The field's accessible label in the sheet editor. */
  label: string;
  kind: 'amount' | 'text';
}

/** The fields the soak types into: three amounts and two texts, in different parts of the form. */
export const SOAK_FIELDS: readonly SoakField[] = [
  { key: 'amount', label: '予算額', kind: 'amount' },
  { key: 'previousAmount', label: '前年度予算額', kind: 'amount' },
  { key: 'item1', label: '主な事業1の金額', kind: 'amount' },
  { key: 'name', label: '事務事業名', kind: 'text' },
  { key: 'notes', label: '特記事項', kind: 'text' },
];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A field's value as text to compare: amounts as the integer they show (`2,800,000` → `2800000`, blank → ''). */
function normalise(field: SoakField, shown: string): string {
  if (field.kind === 'text') return shown;
  const compact = shown.replace(/[,\s]/g, '').replace(/^[△▲]/, '-');
  if (compact === '') return '';
  return /^-?\d+$/.test(compact) ? String(Number(compact)) : `?${shown}`;
}

/** One keystroke's value of a field: when it was sent, and when the field was read back showing it (null: in flight). */
interface Keystroke {
  value: string;
  madeAt: number;
  shownAt: number | null;
  /** The save indicator said 保存済み after this keystroke was on screen (and before any later one). */
  confirmed: boolean;
}

interface FieldHistory {
  sheetId: string;
  field: SoakField;
  /** What the field held when last read after a start. */
  baseline: string;
  keystrokes: Keystroke[];
}

export interface LostEdit {
  sheetId: string;
  field: string;
  value: string;
  /** Kill time minus the time the screen showed it (ms). */
  ageMs: number;
  confirmed: boolean;
}

export interface FieldCheck {
  sheetId: string;
  field: string;
  actual: string;
  /** The value is the one before the round or one that was on screen during it (not something half-written). */
  wasOnScreen: boolean;
  /** Keystrokes this check covered (on screen before the kill). */
  keystrokes: number;
  lost: LostEdit[];
}

/** Every value each field showed since the last start, to compare with what a reopened profile holds. */
export class EditJournal {
  private readonly histories = new Map<string, FieldHistory>();

  private key(sheetId: string, field: SoakField): string {
    return `${sheetId}|${field.key}`;
  }

  setBaseline(sheetId: string, field: SoakField, value: string): void {
    this.histories.set(this.key(sheetId, field), { sheetId, field, baseline: value, keystrokes: [] });
  }

  typed(sheetId: string, field: SoakField, value: string, madeAt: number): Keystroke {
    const history = this.histories.get(this.key(sheetId, field));
    if (!history) throw new Error(`no baseline for ${sheetId} ${field.key}`);
    const keystroke: Keystroke = { value, madeAt, shownAt: null, confirmed: false };
    history.keystrokes.push(keystroke);
    return keystroke;
  }

  /** The app said 保存済み while nothing was being typed: every keystroke shown so far is confirmed saved. */
  confirmShown(): void {
    for (const history of this.histories.values()) for (const k of history.keystrokes) if (k.shownAt !== null) k.confirmed = true;
  }

  fields(): { sheetId: string; field: SoakField }[] {
    return [...this.histories.values()].map(({ sheetId, field }) => ({ sheetId, field }));
  }

  /**
   * Compares what a reopened profile holds with the history, then makes it the new baseline. The newest value the
   * field held on screen that equals what came back is taken as what was saved; every shown keystroke after it is lost.
   */
  check(actual: ReadonlyMap<string, string>, killedAt: number): FieldCheck[] {
    const checks: FieldCheck[] = [];
    for (const [key, history] of this.histories) {
      const value = actual.get(key);
      if (value === undefined) continue;
      const values = [history.baseline, ...history.keystrokes.map((k) => k.value)];
      const saved = values.lastIndexOf(value);
      const lost = (saved === -1 ? history.keystrokes : history.keystrokes.slice(saved))
        .filter((k) => k.shownAt !== null)
        .map((k) => ({ sheetId: history.sheetId, field: history.field.key, value: k.value, ageMs: killedAt - (k.shownAt ?? killedAt), confirmed: k.confirmed }));
      checks.push({
        sheetId: history.sheetId,
        field: history.field.key,
        actual: value,
        wasOnScreen: saved !== -1,
        keystrokes: history.keystrokes.filter((k) => k.shownAt !== null).length,
        lost,
      });
      history.baseline = value;
      history.keystrokes = [];
    }
    return checks;
  }

  actualKey(sheetId: string, field: SoakField): string {
    return this.key(sheetId, field);
  }
}

export type KillMode = 'typing' | 'idle' | 'saved';

export interface KillRecord {
  mode: KillMode;
  killedAt: number;
  /** Keystrokes on screen in the round before the kill. */
  keystrokes: number;
  /** A keystroke had been sent and not yet read back when the kill came. */
  midKeystroke: boolean;
  sheetsVisited: number;
  /** Something the driver did failed for another reason than the kill (reported, not hidden). */
  driverError: string | null;
}

export interface Reopening {
  opened: boolean;
  shown?: string;
  checks: FieldCheck[];
  pageErrors: string[];
}

export interface SoakOptions {
  url: string;
  profileDir: string;
  sheetIds: readonly string[];
  fields?: readonly SoakField[];
  next: Random;
  /** Field edits per round (inclusive range). */
  editsPerRound?: [number, number];
}

const TEXT_PIECES = ['改', '事業', '見直し', 'ICT', '推進', 'メモ', '確認', '予定', 'A', '第'];

/**
 * One profile, one app: start, make random edits, kill, start again and check. `begin()` first, then
 * `editAndKill()` / `reopenAndCheck()` in turns, `end()` last.
 */
export class KillSoak {
  readonly journal = new EditJournal();
  private session: KillableBrowser | null = null;
  private currentSheet: string | null = null;
  private counter = 0;
  /** How sheets were opened while editing: a click in the list, the address, or the address after a list miss. */
  readonly navigations = { list: 0, route: 0, listMissed: 0 };
  private pageErrors: string[] = [];
  private readonly fields: readonly SoakField[];

  constructor(private readonly options: SoakOptions) {
    this.fields = options.fields ?? SOAK_FIELDS;
  }

  private get page(): Page {
    if (!this.session) throw new Error('no browser');
    return this.session.page;
  }

  private editor(sheetId: string): Locator {
    return this.page.locator(`[data-sheet-editor="${sheetId}"]`);
  }

  private fieldLocator(sheetId: string, field: SoakField): Locator {
    return this.editor(sheetId).getByLabel(field.label, { exact: true });
  }

  /** Starts the browser on the profile and opens the app on the first sheet; retries a start that did not come up. */
  private async start(): Promise<{ opened: boolean; shown?: string }> {
    this.pageErrors = [];
    this.session = await spawnKillableBrowser(this.options.profileDir);
    this.page.on('pageerror', (e) => this.pageErrors.push(String(e)));
    this.page.on('console', (m) => {
      if (m.type() === 'error') this.pageErrors.push(m.text());
    });
    this.currentSheet = null;
    const opening = await openAppOrFailure(this.page, `${this.options.url}#/sheet/${this.options.sheetIds[0]}`);
    return opening.opened ? { opened: true } : { opened: false, shown: opening.shown };
  }

  /** Opens a sheet the way a user does: a click in the list, or its address (`#/sheet/<id>`). */
  private async openSheet(sheetId: string, via: 'list' | 'route', counted = false): Promise<void> {
    if (this.currentSheet === sheetId && (await this.editor(sheetId).count()) > 0) return;
    if (counted) this.navigations[via] += 1;
    let clicked = false;
    if (via === 'list') {
      try {
        await this.page.locator(`[id="list-${sheetId}"]`).click({ timeout: 5_000 });
        clicked = true;
      } catch (error) {
        if (!this.session || this.page.isClosed()) throw error;
        this.navigations.listMissed += 1;
      }
    }
    if (!clicked) await this.page.evaluate((hash) => void (window.location.hash = hash), `#/sheet/${sheetId}`);
    await this.editor(sheetId).waitFor();
    this.currentSheet = sheetId;
  }

  private async readAll(): Promise<Map<string, string>> {
    const actual = new Map<string, string>();
    for (const sheetId of this.options.sheetIds) {
      await this.openSheet(sheetId, 'route');
      for (const field of this.fields) {
        actual.set(this.journal.actualKey(sheetId, field), normalise(field, await this.fieldLocator(sheetId, field).inputValue()));
      }
    }
    return actual;
  }

  /** The first start: what every field holds is the baseline. */
  async begin(): Promise<void> {
    const opening = await this.start();
    if (!opening.opened) throw new Error(`the app did not open on a fresh profile: ${opening.shown}`);
    for (const [key, value] of await this.readAll()) {
      const [sheetId, fieldKey] = key.split('|') as [string, string];
      this.journal.setBaseline(sheetId, this.fields.find((f) => f.key === fieldKey)!, value);
    }
  }

  private newValue(field: SoakField): string {
    const { next } = this.options;
    if (field.kind === 'amount') {
      const length = 1 + Math.floor(next() * 8);
      let digits = String(1 + Math.floor(next() * 9));
      while (digits.length < length) digits += String(Math.floor(next() * 10));
      return digits;
    }
    this.counter += 1;
    const piece = TEXT_PIECES[Math.floor(next() * TEXT_PIECES.length)]!;
    return `${piece}${this.counter}${field.key === 'name' ? '事業' : '。'}`;
  }

  /** Replaces a field's value one keystroke at a time, reading the field back after each to note when it showed. */
  private async typeField(sheetId: string, field: SoakField, text: string, isKilled: () => boolean, state: { midKeystroke: boolean; keystrokes: number }): Promise<void> {
    const input = this.fieldLocator(sheetId, field);
    await input.click();
    await input.press('Control+A');
    for (let i = 0; i < text.length && !isKilled(); i++) {
      const prefix = text.slice(0, i + 1);
      const value = field.kind === 'amount' ? String(Number(prefix)) : prefix;
      const keystroke = this.journal.typed(sheetId, field, value, Date.now());
      state.midKeystroke = true;
      await this.page.keyboard.type(text[i]!);
      const shown = normalise(field, await input.inputValue());
      state.midKeystroke = false;
      if (shown !== value) throw new Error(`${field.label} showed ${shown} after typing ${value}`);
      keystroke.shownAt = Date.now();
      state.keystrokes += 1;
      await sleep(30 + this.options.next() * 120);
    }
  }

  /** Waits for 保存済み with nothing being typed; everything shown before it is then confirmed saved. */
  private async waitSaved(): Promise<void> {
    await this.page.locator('[data-save-state="saved"]').waitFor({ timeout: 60_000 });
    this.journal.confirmShown();
  }

  /**
   * Random edits across the sheets, then a SIGKILL of the browser's process group: in `typing` mode at a random moment
   * while the edits go on (or in the idle time after them), in `idle` mode 0–1.5 s after the last keystroke, in
   * `saved` mode right after 保存済み.
   */
  async editAndKill(forcedMode?: KillMode): Promise<KillRecord> {
    const { next, sheetIds } = this.options;
    const session = this.session;
    if (!session) throw new Error('begin() first');
    const r = next();
    const mode: KillMode = forcedMode ?? (r < 0.5 ? 'typing' : r < 0.85 ? 'idle' : 'saved');
    const [least, most] = this.options.editsPerRound ?? [2, 5];
    const edits = Array.from({ length: least + Math.floor(next() * (most - least + 1)) }, () => {
      const field = this.fields[Math.floor(next() * this.fields.length)]!;
      return {
        sheetId: sheetIds[Math.floor(next() * sheetIds.length)]!,
        field,
        text: this.newValue(field),
        via: next() < 0.5 ? ('list' as const) : ('route' as const),
        waitSaved: next() < 0.2,
      };
    });
    let killedAt: number | null = null;
    let killed: Promise<void> | null = null;
    /** Once: notes the time and kills; every caller waits until the browser is gone (the next start needs the profile). */
    const kill = (): Promise<void> => {
      if (killed === null) {
        killedAt = Date.now();
        killed = session.kill();
      }
      return killed;
    };
    const state = { midKeystroke: false, keystrokes: 0 };
    const visited = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // About 150 ms a keystroke and 400 ms a sheet change, plus a second of idle after: a uniform moment in there.
    const killAt = next() * (edits.reduce((sum, e) => sum + e.text.length * 150 + 400, 0) + 1000);
    const killing =
      mode === 'typing'
        ? new Promise<void>((resolve) => {
            timer = setTimeout(resolve, killAt);
          }).then(kill)
        : null;
    let driverError: string | null = null;
    try {
      for (const edit of edits) {
        if (killedAt !== null) break;
        await this.openSheet(edit.sheetId, edit.via, true);
        visited.add(edit.sheetId);
        await this.typeField(edit.sheetId, edit.field, edit.text, () => killedAt !== null, state);
        if (edit.waitSaved && killedAt === null) await this.waitSaved();
      }
      if (mode === 'idle') await sleep(next() * 1500);
      if (mode === 'saved') await this.waitSaved();
    } catch (error) {
      if (killedAt === null) driverError = String(error).split('\n')[0] ?? 'error';
    }
    if (killing && driverError === null) await killing;
    else {
      clearTimeout(timer);
      await kill();
    }
    this.session = null;
    return { mode, killedAt: killedAt ?? Date.now(), keystrokes: state.keystrokes, midKeystroke: state.midKeystroke, sheetsVisited: visited.size, driverError };
  }

  /** Starts again on the same profile and compares every field with what was typed before the kill. */
  async reopenAndCheck(killedAt: number): Promise<Reopening> {
    const opening = await this.start();
    if (!opening.opened) {
      const pageErrors = this.pageErrors;
      await this.session?.kill();
      this.session = null;
      return { opened: false, shown: opening.shown ?? '', checks: [], pageErrors };
    }
    const checks = this.journal.check(await this.readAll(), killedAt);
    return { opened: true, checks, pageErrors: this.pageErrors };
  }

  async end(): Promise<void> {
    await this.session?.kill();
    this.session = null;
  }
}
