// The search box's one operation, for the app and `kurator find` alike: people by name, class, date,
// phone or email; a portal login on file (its person first, #9); an invitation code on file (whose
// it is). Each query is read the way the desk reads it, so the terminal finds what the window finds.
import type { Core } from '../core.ts';
import type { Actor } from './audit.ts';
import type { SearchOptions, SearchResult } from '../../../src-shared/roster/search.ts';
import { codeQueryGuess, looksLikeName } from '../../../src-shared/codes/index.ts';
import { loginProblem, readLogin } from '../../../src-shared/auth/login.ts';
import { peopleByLoginStart, personByLogin } from '../sync/desk.ts';
import { requestState } from '../../../src-shared/sync/desk-words.ts';

/** How many people a login's beginning puts first. */
const LOGIN_START_MAX = 10;

/** Someone who remembers their portal login, or only how it begins (`mamontova`, a walk-in parent's
 * «мамонтова точка что-то»): the people whose accounts they are come first (#9); one of them, and the
 * list says whose login it is. Only the whole login was found. */
function withLogin(core: Core, query: string, found: SearchResult): SearchResult {
  const typed = readLogin(query);
  if (loginProblem(typed) !== null) return found;
  const exact = personByLogin(core.db, typed);
  const accounts = exact !== null ? [{ id: exact, login: typed }] : peopleByLoginStart(core.db, typed, LOGIN_START_MAX);
  const index = core.roster.search.current();
  const people = accounts.flatMap((a) => index.hitById(a.id) ?? []);
  if (people.length === 0) return found;
  const ids = new Set(people.map((p) => p.id));
  const rest = found.hits.filter((h) => !ids.has(h.id));
  const total = found.total - (found.hits.length - rest.length) + people.length;
  const login = new Set(accounts.map((a) => a.id)).size === 1 ? accounts[0]!.login : undefined;
  return { ...found, hits: [...people, ...rest], total, ...(login ? { login } : {}) };
}

/** A reset slip brought back to the desk: its code typed into the search box says whose it is and where it stands. */
function resetSlip(core: Core, actor: Actor, query: string): SearchResult | null {
  const slip = core.deskRequests.slipByCode(actor, query);
  if (!slip) return null;
  const person = core.roster.search.current().hitById(slip.personId);
  return {
    hits: person ? [person] : [],
    total: person ? 1 : 0,
    resetSlip: { code: slip.code, createdAt: slip.request.createdAt, state: requestState(slip.request, core.clock.now()) },
  };
}

/** People, or — when the query is an invitation code or a reset slip's code on file — whose it is. */
export function searchBox(core: Core, actor: Actor, query: string, options: SearchOptions = {}): SearchResult {
  const { roster } = core;
  const found = withLogin(core, query, roster.find(query, options));
  if (found.login) return found;
  if (found.total === 0) {
    const slip = resetSlip(core, actor, query);
    if (slip) return slip;
  }
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
