// The names of the RPC methods, without their schemas, so the sandboxed preload can expose one
// narrow function per method without bundling zod. `contract.ts` is checked against this list.

export const METHOD_NAMES = [
  'getStatus',
  'completeSetup',
  'signIn',
  'signOut',
  'lock',
  'unlock',
  'keepAlive',
  'changeOwnPassword',
  'getSettings',
  'updateSettings',
  'listOperators',
  'createOperator',
  'updateOperator',
  'resetOperatorPassword',
  'listAudit',
  'auditFacets',
  'exportAudit',
  'verifyAudit',
  'createBackup',
  'listBackups',
  'rosterStats',
  'listClasses',
  'getClass',
  'searchPeople',
  'getPerson',
  'setArchived',
  'updatePerson',
  'addGuardian',
  'importAnalyze',
  'importApply',
  'importReportFile',
  'issueCodes',
  'listCodes',
  'reissueCode',
  'revokeCode',
  'preparePrint',
  'checkPrint',
  'printPdf',
  'markPrinted',
  'issueFamilyGaps',
  'reissueGuardianCodes',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** IPC channel of a method: one channel per method, never a generic pass-through. */
export const ipcChannel = (name: MethodName): string => `kurator:${name}`;
