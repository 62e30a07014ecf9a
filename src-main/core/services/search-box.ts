// The search box's one operation, for the app and `kurator find` alike: people by name, class, date,
// phone or email; a portal login on file (its person first, #9); an invitation code on file (whose
// it is). Each query is read the way the desk reads it, so the terminal finds what the window finds.
import type { Core } from '../core.ts';
import type { Actor } from './audit.ts';
import type { SearchOptions, SearchResult } from '../../../src-shared/roster/search.ts';
import { codeQueryGuess, looksLikeName } from '../../../src-shared/codes/index.ts';
import { loginProblem, readLogin } from '../../../src-shared/auth/login.ts';
import { personByLogin } from '../sync/desk.ts';

/** Someone who remembers their portal login: the person whose account it is comes first (#9). */
function withLogin(core: Core, query: string, found: SearchResult): SearchResult {
  const login = readLogin(query);
  if (loginProblem(login) !== null) return found;
  const id = personByLogin(core.db, login);
  const person = id === null ? undefined : core.roster.search.current().hitById(id);
  if (!person) return found;
  const rest = found.hits.filter((h) => h.id !== person.id);
  const total = found.total + (rest.length === found.hits.length ? 1 : 0);
  return { ...found, hits: [person, ...rest], total, login };
}

/** People, or — when the query is an invitation code on file — whose code it is. */
export function searchBox(core: Core, actor: Actor, query: string, options: SearchOptions = {}): SearchResult {
  const { roster } = core;
  const found = withLogin(core, query, roster.find(query, options));
  if (found.login) return found;
  const guess = codeQueryGuess(query);
  if (guess === 'no') return found;
  // Someone holds out a slip: the code typed into the search box says whose it is.
  const { code, problem } = core.codes.lookup(actor, query);
  // Not a code on file, while people match it: it was a name after all (`иванова 5б`); ten
  // digits that are no code on file were a phone number.
  if (!code && (guess === 'digits' || (guess !== 'likely' && found.total > 0))) return found;
  // A name nobody has is «nobody found», never «a code with a typo» (`Карасёва Ек`, `Щукина 5б`).
  if (!code && looksLikeName(query)) return found;
  if (!code) return problem ? { ...found, codeProblem: problem } : found;
  const person = roster.search.current().hitById(code.guardianId ?? code.studentId);
  return {
    hits: person ? [person] : [],
    total: person ? 1 : 0,
    code: {
      code: code.code,
      state: code.state,
      kind: code.kind,
      studentName: code.studentName,
      className: code.className,
      guardianName: code.guardianName,
    },
  };
}
