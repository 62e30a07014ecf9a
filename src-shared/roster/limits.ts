/** The largest roster file the importer reads: 20 MB (a 100,000-row wide CSV is about 15 MB). One number for the wizard, the RPC schema and the core. */
export const MAX_IMPORT_MB = 20;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
