export { generateCode, generateCodes } from './generate.ts';
