// Entry point of `npm run cli`: runs a command and exits with its code; never prints a stack trace to users.
import { runCli, type CliIo } from './commands';

const io: CliIo = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
if (process.stderr.isTTY) {
  // A count on one line while a long export runs: `出力中 350 / 1500 シート`.
  io.progress = (done, total) => {
    if (total < 50) return;
    process.stderr.write(`\r出力中 ${done} / ${total} シート${done === total ? '\n' : ''}`);
  };
}

/**
 * Once the command has answered, the process ends even if something still holds the event loop (a job that did not
 * stop, a file handle stuck in the thread pool): the unref'd timer cannot keep it alive, only end a stuck one.
 */
const exitSoon = () => setTimeout(() => process.exit(), 2000).unref();

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
    exitSoon();
  },
  (error: unknown) => {
    console.error('予期しないエラーで処理を中止しました。ファイルは変更していません。');
    if (process.env['YOSAN_DEBUG']) console.error(error);
    process.exitCode = 2;
    exitSoon();
  },
);
