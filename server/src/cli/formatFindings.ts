// The findings of `precedent check` as text (`file:line:col: severity code message`), JSON (SPEC §5) or
// SARIF 2.1.0 for code-scanning tools. Lines and columns are 1-based here, as every CLI tool prints them.

import { FINDING_CODES, FINDING_DESCRIPTIONS, DEFAULT_SEVERITIES, type Finding, type Severity } from '../core/checks/finding';

export interface CheckedFile {
  /** The file as the user named it. */
  displayPath: string;
  findings: readonly Finding[];
}

/** Names a related location's document (a precedent or the draft itself) as a path for the reader. */
export type DisplayPath = (documentId: string) => string;

export interface FindingRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  related: { file: string; line: number; message: string }[];
}

export function findingRecords(files: readonly CheckedFile[], displayPath: DisplayPath): FindingRecord[] {
  return files.flatMap((file) => file.findings.map((finding) => ({
    file: file.displayPath,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    related: finding.related.map((related) => ({ file: displayPath(related.documentId), line: related.range.start.line + 1, message: related.message })),
  })));
}

export function formatFindingsText(records: readonly FindingRecord[]): string {
  return records.map((record) => `${record.file}:${record.line}:${record.column}: ${record.severity} ${record.code} ${record.message}\n`).join('');
}

export function formatFindingsJson(records: readonly FindingRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatFindingsSarif(records: readonly FindingRecord[], version: string): string {
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase()),
    shortDescription: { text: FINDING_DESCRIPTIONS[code] },
    defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITIES[code]] },
  }));
  const location = (file: string, line: number, column?: number, endLine?: number, endColumn?: number) => ({
    physicalLocation: {
      artifactLocation: { uri: toUri(file) },
      region: column === undefined ? { startLine: line } : { startLine: line, startColumn: column, endLine, endColumn },
    },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'precedent', version, informationUri: 'https://github.com/precedent-lsp/precedent', rules } },
      columnKind: 'utf16CodeUnits',
      results: records.map((record) => ({
        ruleId: record.code,
        ruleIndex: (FINDING_CODES as readonly string[]).indexOf(record.code),
        level: SARIF_LEVEL[record.severity],
        message: { text: record.message },
        locations: [location(record.file, record.line, record.column, record.endLine, record.endColumn)],
        relatedLocations: record.related.map((related, id) => ({ id, message: { text: related.message }, ...location(related.file, related.line) })),
      })),
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** SARIF wants URI references: forward slashes, percent-encoded, relative paths kept relative. */
function toUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed.split('/').map((part) => encodeURIComponent(part)).join('/');
  return /^[A-Za-z]:\//.test(slashed) ? `file:///${encoded.replace('%3A', ':')}` : slashed.startsWith('/') ? `file://${encoded}` : encoded;
}
