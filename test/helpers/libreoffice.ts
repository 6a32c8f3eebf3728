// LibreOffice Calc (headless) for tests: conversions and a reviewer's edit typed into a cell and saved, each run with a
// private profile so it never meets a user's or another test's LibreOffice.
import { execFile } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** LibreOffice starts slowly on a busy 2-core machine; these bound a hang, they are not a measurement. */
export const SOFFICE_TIMEOUT_MS = 180_000;

export class LibreOffice {
  /** `dir` holds the profile (`dir/profile`) and is where converted files are written. */
  constructor(private readonly dir: string) {}

  private async soffice(args: string[]): Promise<void> {
    await run('soffice', [`-env:UserInstallation=file://${join(this.dir, 'profile')}`, '--headless', '--norestore', ...args], {
      cwd: this.dir,
      timeout: SOFFICE_TIMEOUT_MS,
    });
  }

  /** `soffice --convert-to <format>` of each file (names relative to the directory) into `outDir`. */
  async convert(format: string, files: string[], outDir = this.dir): Promise<void> {
    await this.soffice(['--convert-to', format, '--outdir', outDir, ...files]);
  }

  /**
   * Opens `input` in Calc, types `typed` into `cell` of `worksheet` as a reviewer would (Calc parses it and recalculates
   * the formulas), and saves the workbook as .xlsx to `output` (paths absolute). The macro lives in the profile's own
   * Standard library, which LibreOffice trusts without asking; the profile must exist (after one `convert`).
   */
  async typeAndSave(input: string, worksheet: string, cell: string, typed: string, output: string): Promise<void> {
    const library = join(this.dir, 'profile', 'user', 'basic', 'Standard');
    await access(join(library, 'script.xlb')).catch(() => {
      throw new Error(`no LibreOffice profile at ${library}: run a conversion first`);
    });
    await writeFile(join(library, 'Module1.xba'), MACRO);
    const quote = (s: string) => {
      if (s.includes('"')) throw new Error(`cannot pass ${s} to a macro`);
      return `"${s}"`;
    };
    await this.soffice([`macro:///Standard.Module1.TypeAndSave(${[input, worksheet, cell, typed, output].map(quote).join(',')})`]);
  }
}

const MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub TypeAndSave(inPath As String, sheetName As String, cellName As String, typed As String, outPath As String)
  Dim opening(0) As New com.sun.star.beans.PropertyValue
  opening(0).Name = &quot;Hidden&quot;
  opening(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, opening())
  doc.Sheets.getByName(sheetName).getCellRangeByName(cellName).setFormula(typed)
  Dim saving(0) As New com.sun.star.beans.PropertyValue
  saving(0).Name = &quot;FilterName&quot;
  saving(0).Value = &quot;Calc MS Excel 2007 XML&quot;
  doc.storeToURL(ConvertToURL(outPath), saving())
  doc.close(True)
End Sub
</script:module>
`;
