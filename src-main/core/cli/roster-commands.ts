import fs from 'node:fs';
import path from 'node:path';
import { UsageError, command, optionalString } from './command.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { displayDate } from '../../../src-shared/roster/keys.ts';
import type { ImportReport, KindCounts } from '../../../src-shared/roster/report.ts';
import {
  FIELD_KEYS,
  type ColumnMapping,
  type DetectedFormat,
  type Encoding,
  type FieldKey,
  type ImportOptions,
} from '../../../src-shared/roster/types.ts';
import { headerKey, isFieldKey, matchHeader } from '../../../src-shared/roster/headers.ts';
import type { Core } from '../core.ts';
import { AppError } from '../../../src-shared/result.ts';
import { MAX_IMPORT_BYTES, tooLarge } from '../roster/import/limits.ts';
import { searchBox } from '../services/search-box.ts';
import { codeOwner } from '../../../src-shared/roster/code-owner.ts';

/**
 * A roster file's bytes, refused by its size before anything is read: a 1.9 GB file is not read
 * whole to be refused, and one over 2 GiB (more than Node reads into one buffer) is refused the
 * same way. Reads at most one byte past the limit, in case the file grows meanwhile.
 */
export function readImportFile(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > MAX_IMPORT_BYTES) throw tooLarge(size);
    const buf = Buffer.alloc(Math.min(size, MAX_IMPORT_BYTES) + 1);
    let n = 0;
    while (n < buf.length) {
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > MAX_IMPORT_BYTES) throw tooLarge(fs.fstatSync(fd).size);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** The --json shape of `import`: the counts the issue names first, then the details. */
export function importJson(r: ImportReport) {
  return {
    classes: r.classes,
    students: r.students,
    guardians: r.guardians,
    links: r.links,
    duplicateRows: r.duplicateRows,
    errors: r.errors,
    staff: r.staff,
    warnings: r.warnings,
    conflicts: r.conflicts,
    missing: r.missing,
    archived: r.archived,
    dryRun: r.dryRun,
  };
}

const countsLine = (label: string, c: KindCounts) =>
  `${label.padEnd(12)} ${t.rosterImport.added} ${c.added}, ${t.rosterImport.updated} ${c.updated}, ${t.rosterImport.unchanged} ${c.unchanged}`;

export function importText(fileName: string, r: ImportReport): string {
  const lines = [
    r.dryRun ? t.rosterImport.dryRunTitle(fileName) : t.rosterImport.doneTitle(fileName),
    countsLine(t.rosterImport.kinds.classes, r.classes),
    countsLine(t.rosterImport.kinds.students, r.students),
    countsLine(t.rosterImport.kinds.guardians, r.guardians),
    countsLine(t.rosterImport.kinds.links, r.links),
  ];
  if (r.staff.added + r.staff.updated + r.staff.unchanged > 0) lines.push(countsLine(t.rosterImport.kinds.staff, r.staff));
  if (r.duplicateRows) {
    lines.push(t.rosterImport.duplicates(r.duplicateRows));
    for (const d of r.duplicates) lines.push(`  ${t.rosterImport.duplicateOf(d.line, d.duplicateOf)}`);
  }
  const list = (title: string, items: { line: number; field: string; message: string; who?: string }[]) => {
    if (!items.length) return;
    lines.push(title);
    for (const i of items) lines.push(`  ${t.rosterImport.issue(i.line, i.field, i.message, i.who)}`);
  };
  list(t.rosterImport.rejected(r.errors.length), r.errors);
  list(t.rosterImport.warningsTitle(r.warnings.length), r.warnings);
  list(t.rosterImport.conflictsTitle(r.conflicts.length), r.conflicts);
  if (r.missing.length) {
    lines.push(t.rosterImport.missingTitle(r.missing.length));
    for (const m of r.missing) lines.push(`  ${m.className} ${m.fullName} ${displayDate(m.birthDate)} (№ ${m.id})`);
  }
  if (r.archived.length) {
    const a = t.data.reimport;
    lines.push(a.cliTitle(r.archived.length, r.archived[0]!.restored));
    for (const p of r.archived) {
      const where = [a.kind[p.kind] ?? p.kind, p.className, displayDate(p.birthDate)].filter(Boolean).join(', ');
      lines.push(`  ${p.fullName} (${where}; ${a.since(displayDate(p.archivedAt.slice(0, 10)))}, № ${p.id})`);
    }
  }
  if (!r.changed && !r.dryRun) lines.push(t.rosterImport.nothingChanged);
  return lines.join('\n');
}

const importCommand = command({
  name: 'import',
  usage: t.cli.usage.import,
  summary: t.cli.summary.import,
  options: {
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    force: { type: 'boolean' },
    'restore-archived': { type: 'boolean' },
    encoding: { type: 'string' },
    separator: { type: 'string' },
    layout: { type: 'string' },
    sheet: { type: 'string' },
    map: { type: 'string', multiple: true },
  },
  positionals: { min: 1, max: 1 },
  signIn: true,
  parse(values, positionals) {
    const file = path.resolve(positionals[0]!);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(t.rosterImport.noFile(file));
    const encoding = optionalString(values, 'encoding');
    if (encoding && encoding !== 'utf8' && encoding !== 'cp1251' && encoding !== 'koi8r') throw new UsageError(t.cli.errors.badEncoding);
    const sepRaw = optionalString(values, 'separator');
    const separator = sepRaw === 'tab' || sepRaw === '\\t' ? '\t' : sepRaw;
    if (separator && separator !== ';' && separator !== ',' && separator !== '\t') throw new UsageError(t.cli.errors.badSeparator);
    const layout = optionalString(values, 'layout');
    if (layout && layout !== 'wide' && layout !== 'long') throw new UsageError(t.cli.errors.badLayout);
    const sheet = optionalString(values, 'sheet');
    return {
      file,
      map: parseColumnMap(values.map),
      dryRun: values['dry-run'] === true,
      force: values.force === true,
      json: values.json === true,
      options: {
        ...(encoding ? { encoding: encoding as Encoding } : {}),
        ...(separator ? { separator: separator as ';' | ',' | '\t' } : {}),
        ...(layout ? { layout: layout as 'wide' | 'long' } : {}),
        ...(sheet ? { sheet } : {}),
        // The safe default: a file never brings people back from the archive unless asked.
        ...(values['restore-archived'] === true ? { restoreArchived: true } : {}),
      },
    };
  },
  async run({ core, actor, out, err }, a) {
    const bytes = readImportFile(a.file);
    // A script has nobody to read a warning: text that looks garbled is not written unless --force.
    const refuseGarbled = (f: DetectedFormat) => {
      if (f.garbled && !a.force) throw new AppError('import.garbled', { better: f.betterEncoding });
    };
    const options = a.map.length ? { ...a.options, mapping: await mappedColumns(core, bytes, path.basename(a.file), a) } : a.options;
    const { report, format } = await core.roster.importFile(actor!, bytes, path.basename(a.file), options, a.dryRun, refuseGarbled);
    if (format.garbled) err(t.importer.file.garbled(format.betterEncoding));
    out(a.json ? JSON.stringify(importJson(report)) : importText(path.basename(a.file), report));
    return 0;
  },
});

/** `--map "Столбец Д=Класс"`, as many as needed: a file's own header, and the column it is. */
function parseColumnMap(raw: unknown): { column: string; field: FieldKey }[] {
  const given = Array.isArray(raw) ? (raw as string[]) : [];
  return given.map((pair) => {
    const at = pair.indexOf('=');
    const column = pair.slice(0, at).trim();
    const target = pair.slice(at + 1).trim();
    if (at < 0 || !column || !target) throw new UsageError(t.cli.errors.badMap(pair));
    const field = fieldNamed(target);
    if (!field) throw new UsageError(t.cli.errors.unknownField(target));
    return { column, field };
  });
}

/** A column the importer knows, named as a header it recognises (`Класс`, `Д.р.`) or by its key (`class`). */
function fieldNamed(text: string): FieldKey | null {
  if (isFieldKey(text)) return text;
  return matchHeader(text) ?? FIELD_KEYS.find((f) => headerKey(t.importer.fieldLabels[f]) === headerKey(text)) ?? null;
}

/** The detected columns with `--map` laid over them (by header, as the file writes it). */
async function mappedColumns(
  core: Core,
  bytes: Uint8Array,
  name: string,
  a: { options: ImportOptions; map: { column: string; field: FieldKey }[] },
) {
  // The header alone: a dry run of every row (what `analyze` does) would be thrown away.
  const format = await core.roster.detect(bytes, name, a.options);
  const mapping: ColumnMapping = { ...format.mapping };
  for (const { column, field } of a.map) {
    const index = format.header.findIndex((h) => headerKey(h) === headerKey(column));
    if (index < 0) throw new UsageError(t.cli.errors.noSuchColumn(column, format.header));
    for (const [i, f] of Object.entries(mapping)) if (f === field) delete mapping[Number(i)];
    mapping[index] = field;
  }
  return mapping;
}

const statsCommand = command({
  name: 'stats',
  usage: t.cli.usage.stats,
  summary: t.cli.summary.stats,
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({ json: values.json === true }),
  async run({ core, actor, out }, a) {
    const s = core.roster.stats();
    core.audit.append(actor!, { action: 'roster.stats', details: { ...s } });
    const shape = { classes: s.classes, students: s.students, guardians: s.guardians, links: s.links, staff: s.staff };
    out(a.json ? JSON.stringify(shape) : t.rosterImport.statsText(s));
    return 0;
  },
});

const findCommand = command({
  name: 'find',
  usage: t.cli.usage.find,
  summary: t.cli.summary.find,
  options: { json: { type: 'boolean' }, limit: { type: 'string' }, archived: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  signIn: true,
  parse(values, positionals) {
    const limitRaw = optionalString(values, 'limit');
    const limit = limitRaw === undefined ? 20 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(t.cli.errors.badLimit);
    const query = positionals[0]!.trim();
    if (!query) throw new UsageError(t.rosterImport.emptyQuery);
    return { query, limit, json: values.json === true, archived: values.archived === true };
  },
  async run({ core, actor, out }, a) {
    const result = searchBox(core, actor!, a.query, { limit: a.limit, archived: a.archived ? 'include' : 'exclude' });
    core.audit.append(actor!, { action: 'roster.find', details: { query: a.query, found: result.total } });
    if (a.json) {
      out(
        JSON.stringify(
          result.hits.map((h) => ({
            id: h.id,
            kind: h.kind,
            fullName: h.fullName,
            ...(h.class ? { class: h.class } : {}),
            ...(h.birthDate ? { birthDate: h.birthDate } : {}),
          })),
        ),
      );
      return 0;
    }
    // What the search box says above its list: whose login or code it was, or what is wrong with the code.
    if (result.login) out(t.deskAccounts.search.byLogin(result.login));
    if (result.resetSlip) out(t.search.resetSlipOf(result.resetSlip, result.hits[0]?.fullName ?? '—'));
    if (result.code) out(t.search.codeOf(result.code.code, t.codes.state[result.code.state] ?? result.code.state, codeOwner(result.code)));
    else if (result.codeProblem) out(t.search.codeProblem(result.codeProblem));
    if (!result.hits.length) {
      out(t.search.nothing);
      return 0;
    }
    if (result.note?.forgiving) out(t.data.search.forgiving);
    for (const h of result.hits) {
      const where = h.class ?? (h.childClasses ? `${t.search.parentOf} ${h.childClasses.join(', ')}` : '');
      out(
        [String(h.id).padStart(7), (t.roster.kind[h.kind] ?? h.kind).padEnd(9), h.fullName, where, displayDate(h.birthDate)]
          .filter(Boolean)
          .join('  '),
      );
    }
    if (result.total > result.hits.length) out(t.search.more(result.total - result.hits.length));
    return 0;
  },
});

export const rosterCommands = [importCommand, statsCommand, findCommand];
