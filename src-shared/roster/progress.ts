// How far a long import has got (the bar: src-shared/work.ts): `read` rows of the file parsed;
// `apply` people matched and written (or, in the preview, matched and rolled back).
export type ImportPhase = 'read' | 'apply';

/** Called every thousand rows or so; it may throw to cancel (before the commit only: nothing is written). */
export type ProgressHook = (phase: ImportPhase, done: number, total: number) => void;

/** How often the importer reports: every this many rows (a power of two, tested with a mask). */
export const PROGRESS_EVERY = 1024;
