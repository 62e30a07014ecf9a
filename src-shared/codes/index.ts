// Invitation codes, browser-safe: alphabet, check symbol, formatting, reading typed input.
export {
  CODE_ALPHABET,
  CODE_DATA_LENGTH,
  CODE_LENGTH,
  CODE_GROUPS,
  CODE_SEPARATOR,
  CLEAN_CODE_RE,
  FORMATTED_CODE_RE,
  symbolValue,
  checkSymbol,
  withCheckSymbol,
  isValidCode,
  formatCode,
} from './code.ts';
export { normalizeCodeInput, checkCodeInput, codeInputResult, codeQueryGuess, codeReadings, looksLikeName } from './input.ts';
export type { CodeProblem, CodeInputCheck } from './input.ts';
export { CODE_QUERY_PARAM, parseRegistrationUrl, registrationLink } from './link.ts';
