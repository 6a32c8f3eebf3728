// The error boundary of each pane: a pane that throws while rendering shows the failure notice in its place, the rest stays.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useServices } from '../store/context';
import { failureMessages, type CaughtFailure } from './failure-report';
import { FailureNotice, reportOf, type FailureNoticeProps, type FailureServices } from './FailureNotice';

export type PaneName = 'sheet-list' | 'editor' | 'side' | 'print' | 'print-route' | 'app';

interface PaneWords {
  /** Where, for the report. */
  where: string;
  title: string;
  whatToDo: string;
  layout: FailureNoticeProps['layout'];
}

const PANES: Record<PaneName, PaneWords> = {
  'sheet-list': { where: 'シート一覧', title: 'シート一覧を表示できませんでした。', whatToDo: failureMessages.paneWhatToDo, layout: 'pane' },
  editor: {
    where: '事務事業シート',
    title: '事務事業シートを表示できませんでした。',
    whatToDo: '「もう一度表示」を押すか、左の一覧から別のシートを選んでください。直らないときは「再読み込み」を押してください。',
    layout: 'pane',
  },
  side: { where: 'チェックと合計', title: 'チェックと合計を表示できませんでした。', whatToDo: failureMessages.paneWhatToDo, layout: 'pane' },
  print: {
    where: '印刷プレビュー',
    title: '印刷プレビューを表示できませんでした。',
    whatToDo: '「もう一度表示」を押すか、「閉じる」で編集に戻ってください。直らないときは「再読み込み」を押してください。',
    layout: 'overlay',
  },
  // The hidden print window: its `.print-empty` text becomes the print job's error in the main window's notice.
  'print-route': {
    where: '印刷用の画面',
    title: '印刷用の画面を作れませんでした。',
    whatToDo: 'もう一度印刷してください。直らないときは予算デスクを再読み込みしてから印刷してください。',
    layout: 'page',
  },
  app: { where: '画面全体', title: '予算デスクの画面を表示できませんでした。', whatToDo: failureMessages.paneWhatToDo, layout: 'page' },
};

declare module './bootstrap' {
  interface Diagnostics {
    /**
     * Failure drill for support and the end-to-end test: the named pane throws on its next render, to show that its
     * boundary holds. Only script in the page can set it (the devtools console), which users do not use; it shows
     * exactly what a real failure would, and clearing it plus もう一度表示 brings the pane back.
     */
    failPane?: PaneName;
  }
}

function FailureDrill({ pane }: { pane: PaneName }) {
  if (window.yosanDiagnostics?.failPane === pane) throw new Error(`failure drill: the ${pane} pane was asked to fail`);
  return null;
}

export interface ErrorBoundaryProps {
  pane: PaneName;
  services: FailureServices;
  /** A change (another sheet opened) renders the pane again, as the user expects from choosing something else. */
  resetKey?: unknown;
  onClose?: () => void;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failure: CaughtFailure | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failure: null };
  // Kept off the state: only the report needs it, and setting state here would render the notice twice.
  private componentStack: string | null = null;

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failure: { where: '', reason: error, time: new Date() } };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.componentStack = info.componentStack ?? null;
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.failure && previous.resetKey !== this.props.resetKey) this.retry();
  }

  private retry = () => {
    this.componentStack = null;
    this.setState({ failure: null });
  };

  override render(): ReactNode {
    const { pane, services, onClose, children } = this.props;
    const { failure } = this.state;
    if (!failure) {
      return (
        <>
          <FailureDrill pane={pane} />
          {children}
        </>
      );
    }
    const words = PANES[pane];
    return (
      <FailureNotice
        services={services}
        title={words.title}
        whatToDo={words.whatToDo}
        layout={words.layout}
        report={() => reportOf([{ ...failure, where: words.where, componentStack: this.componentStack }])}
        onRetry={this.retry}
        onClose={onClose}
        textClassName={pane === 'print-route' ? 'print-empty' : undefined}
      />
    );
  }
}

/** A pane's boundary inside the app, with the services from context. */
export function PaneBoundary(props: Omit<ErrorBoundaryProps, 'services'>) {
  const services = useServices();
  return <ErrorBoundary {...props} services={services} />;
}
