import { ru } from './ru.ts';

/** The active message set. A second language is a second object of type `Messages`. */
export const t = ru;
export type { Messages } from './ru.ts';
