// Entry point of `npm run cli`: runs a command and exits with its code; never prints a stack trace to users.
import { runCli } from './cli/commands';

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('予期しないエラーで処理を中止しました。ファイルは変更していません。');
    if (process.env['YOSAN_DEBUG']) console.error(error);
    process.exitCode = 2;
  },
);
