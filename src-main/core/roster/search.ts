// The one search box: name fragments in any order, class (`6а`), birth date, phone (any last
// digits), email. Case and ё/е do not matter; best matches first. An in-memory index over the
// roster (sorted unique words with posting lists, typed arrays), rebuilt when the roster version in
// the database changes — also when another process (the CLI) changed it.
import type { Db } from '../db/database.ts';
import * as dal from '../dal/roster.ts';
import { fold } from '../../../src-shared/text.ts';
import { normalizeClass } from '../../../src-shared/roster/normalize.ts';
import type { SearchHit, SearchOptions, SearchResult } from '../../../src-shared/roster/search.ts';
import {
  KINDS,
  buildSearchData,
  loadSearchSource,
  unpackSearchIndex,
  type PackedSearchIndex,
  type SearchIndexData,
  type SearchSource,
} from './search-data.ts';
import {
  LAYOUT,
  cyrillicLookalikes,
  eachWord,
  lowerBound,
  nationalDigits,
  nominativeForms,
  prefixRange,
  reverse,
  withinOneEdit,
} from './search-words.ts';

/** Order of kinds when pupils come first: student, staff, guardian. */
const KIND_RANK = [2, 0, 1];
const MAX_TOKENS = 8;

/** Scores of a word in a forgiving reading (the surname bonus comes on top). */
const FORGIVING = { exact: 4, ending: 3, prefix: 2, typo: 1 } as const;
/** Shorter words are not forgiven a wrong letter: too many other names are one letter away. */
const MIN_FORGIVEN = 4;

type Token =
  | { type: 'name'; text: string }
  | { type: 'class'; classIdx: number[] }
  | { type: 'date'; yyyymmdd?: number; /** a two-digit year: the other century */ alt?: number; mmdd?: number }
  | { type: 'phone'; digits: string }
  | { type: 'email'; text: string };

export class SearchIndex {
  readonly size: number;
  private readonly ids: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly archived: Uint8Array;
  /** Owners of the phone/email tokens of the queries being run (see `ownersOf`). */
  private readonly tokenOwners = new WeakMap<Token, Set<number>>();
  private readonly classOf: Int32Array;
  private readonly birth: Int32Array;
  private readonly names: string[];
  private readonly rank: Int32Array;
  private readonly byRank: Int32Array;
  private readonly folded: string[];
  private readonly surnameWords: Uint8Array;
  private readonly firstNameWords: Uint8Array;
  private readonly words: string[];
  private readonly postStart: Int32Array;
  private readonly postings: Int32Array;
  private readonly postPos: Uint8Array;
  private readonly phones: string[];
  private readonly phoneOwner: Int32Array;
  private readonly emails: string[];
  private readonly emailOwner: Int32Array;
  private readonly classNames: string[];
  private readonly classIdById: Map<number, number>;
  private readonly classMembers: Int32Array[];
  private readonly guardianClasses: Map<number, number[]>;
  private readonly byBirth: Map<number, number[]>;
  private readonly byId: Int32Array;
  /** Word indexes by word length, made on the first forgiving search (for one-letter-off matches). */
  private byLength: Map<number, Int32Array> | null = null;
  // scratch space, reused by every query
  private readonly mark: Int32Array;
  private readonly score: Int32Array;
  private readonly tokenScore: Int32Array;
  private gen = 0;
  /** The index as plain data (see `SearchIndexData`). */
  readonly data: SearchIndexData;

  /** From the roster (builds it), or from data built elsewhere (cheap). */
  constructor(source: SearchSource | SearchIndexData) {
    const d = 'people' in source ? buildSearchData(source) : source;
    this.data = d;
    this.size = d.size;
    this.ids = d.ids;
    this.kinds = d.kinds;
    this.archived = d.archived;
    this.classOf = d.classOf;
    this.birth = d.birth;
    this.names = d.names;
    this.rank = d.rank;
    this.byRank = d.byRank;
    this.folded = d.folded;
    this.surnameWords = d.surnameWords;
    this.firstNameWords = d.firstNameWords;
    this.words = d.words;
    this.postStart = d.postStart;
    this.postings = d.postings;
    this.postPos = d.postPos;
    this.phones = d.phones;
    this.phoneOwner = d.phoneOwner;
    this.emails = d.emails;
    this.emailOwner = d.emailOwner;
    this.classNames = d.classNames;
    this.classIdById = d.classIdById;
    this.classMembers = d.classMembers;
    this.guardianClasses = d.guardianClasses;
    this.byBirth = d.byBirth;
    this.byId = d.byId;
    this.mark = new Int32Array(d.size);
    this.score = new Int32Array(d.size);
    this.tokenScore = new Int32Array(d.size);
  }

  static load(db: Db): SearchIndex {
    return new SearchIndex(loadSearchSource(db));
  }

  // ---- query parsing ----

  /** A class written any way the importer accepts (`6а`, `6-А`, `6"А"`, `6A`), or null. */
  private classToken(token: string): number[] | null {
    if (!/^\d{1,2}\D{1,3}$/.test(token)) return null;
    const name = normalizeClass(token);
    if (!name) return null;
    const idx = this.classNames.indexOf(name);
    return idx >= 0 ? [idx] : [];
  }

  private tokenize(query: string): Token[] {
    const q = fold(query)
      // «6 а», «6-а», «6 "а"» → «6а»
      .replace(/(^|\s)(\d{1,2})[\s-]*["'«]?([а-яa-z])["'»]?(?=\s|$)/gu, '$1$2$3')
      // «иванова 8 916 123-45-67»: a phone written with spaces next to a name is one token
      .replace(/(^|\s)(\+?[\d()-]+(?:\s+[\d()-]+)+)(?=\s|$)/g, (all, before: string, run: string) => {
        const digits = run.replace(/\D/g, '').length;
        return digits >= 7 && digits <= 11 && !/\d{4}-\d\d-\d\d/.test(run) ? before + run.replace(/\s+/g, '') : all;
      });
    const tokens: Token[] = [];
    // A query that is only a phone number, written any way.
    if (/^[\d\s()+.-]+$/.test(q) && !/^\d{1,2}\.\d{1,2}(\.\d{2}|\.\d{4})?$/.test(q) && !/^\d{4}-\d{2}-\d{2}$/.test(q)) {
      const digits = q.replace(/\D/g, '');
      if (digits.length >= 4) {
        return [{ type: 'phone', digits: nationalDigits(digits) }];
      }
    }
    for (const typed of q.split(' ').filter(Boolean).slice(0, MAX_TOKENS)) {
      const raw = cyrillicLookalikes(typed);
      let m: RegExpExecArray | null;
      const cls = this.classToken(raw);
      if (cls) tokens.push({ type: 'class', classIdx: cls });
      else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw))) {
        tokens.push({ type: 'date', yyyymmdd: Number(m[3]) * 10000 + Number(m[2]) * 100 + Number(m[1]) });
      } else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/.exec(raw))) {
        // `15.5.14`: a two-digit year, either century (a student's 2014, a birthday in 1999).
        const md = Number(m[2]) * 100 + Number(m[1]);
        tokens.push({ type: 'date', yyyymmdd: (2000 + Number(m[3])) * 10000 + md, alt: (1900 + Number(m[3])) * 10000 + md });
      } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw))) {
        tokens.push({ type: 'date', yyyymmdd: Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) });
      } else if ((m = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(raw))) {
        tokens.push({ type: 'date', mmdd: Number(m[2]) * 100 + Number(m[1]) });
      } else if (raw.includes('@')) tokens.push({ type: 'email', text: raw });
      else if (/^[a-z0-9._+-]+$/.test(raw) && /[a-z]/.test(raw) && this.hasEmailPrefix(raw)) {
        tokens.push({ type: 'email', text: raw });
      } else if (/^\+?[\d()-]{4,}$/.test(raw)) tokens.push({ type: 'phone', digits: nationalDigits(raw.replace(/\D/g, '')) });
      // Initials as office staff write them: «В.Ф.», «В.Ф», «в.ф.»
      else if (/^\p{L}(?:\.\p{L})+\.?$/u.test(raw)) {
        for (const initial of raw.split('.')) if (initial) tokens.push({ type: 'name', text: initial });
      } else {
        const text = raw.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
        if (text) tokens.push({ type: 'name', text });
      }
    }
    return tokens;
  }

  /** The words of a person's folded name with their position (see `eachWord`). */
  private forEachWord(idx: number, fn: (word: string, pos: number) => void): void {
    eachWord(this.folded[idx]!, this.surnameWords[idx]!, this.firstNameWords[idx]!, fn);
  }

  private hasEmailPrefix(text: string): boolean {
    const [lo, hi] = prefixRange(this.emails, text);
    return hi > lo;
  }

  // ---- matching ----

  /** Score of a word for a token: exact word 4, prefix 2; +1 when it is the surname. */
  private static wordScore(word: string, token: string, pos: number): number {
    if (!word.startsWith(token)) return 0;
    return (word.length === token.length ? 4 : 2) + (pos === 0 ? 1 : 0);
  }

  private postingCount(token: string): number {
    const [lo, hi] = prefixRange(this.words, token);
    return this.postStart[hi]! - this.postStart[lo]!;
  }

  /** People matching every name token, with summed scores, or null when there are no name tokens. */
  private matchNames(tokens: string[], substring: boolean): number[] | null {
    if (tokens.length === 0) return null;
    const ordered = [...tokens].sort((a, b) => this.postingCount(a) - this.postingCount(b));
    const gen = ++this.gen;
    let candidates: number[] = [];
    const first = ordered[0]!;
    const visit = (wordIdx: number, token: string, apply: (idx: number, s: number) => void) => {
      const word = this.words[wordIdx]!;
      for (let p = this.postStart[wordIdx]!; p < this.postStart[wordIdx + 1]!; p++) {
        const s = substring && !word.startsWith(token) ? 1 : SearchIndex.wordScore(word, token, this.postPos[p]!);
        apply(this.postings[p]!, s);
      }
    };
    const wordIndexes = (token: string): Iterable<number> => {
      if (substring) return this.words.flatMap((w, i) => (w.includes(token) ? [i] : []));
      const [lo, hi] = prefixRange(this.words, token);
      return {
        [Symbol.iterator]: function* () {
          for (let i = lo; i < hi; i++) yield i;
        },
      };
    };
    for (const wi of wordIndexes(first)) {
      visit(wi, first, (idx, s) => {
        if (this.mark[idx] !== gen) {
          this.mark[idx] = gen;
          this.score[idx] = s;
          candidates.push(idx);
        } else if (s > this.score[idx]!) this.score[idx] = s;
      });
    }
    for (const token of ordered.slice(1)) {
      if (candidates.length === 0) break;
      const next: number[] = [];
      if (!substring && this.postingCount(token) > candidates.length * 4) {
        // A short, common token: check the few candidates directly instead of its long posting lists.
        for (const idx of candidates) {
          let best = 0;
          this.forEachWord(idx, (word, pos) => {
            best = Math.max(best, SearchIndex.wordScore(word, token, pos));
          });
          if (best > 0) {
            this.score[idx] = this.score[idx]! + best;
            next.push(idx);
          }
        }
      } else {
        const stamp = -gen;
        for (const wi of wordIndexes(token)) {
          visit(wi, token, (idx, s) => {
            if (this.mark[idx] === gen) {
              this.mark[idx] = stamp;
              this.tokenScore[idx] = s;
            } else if (this.mark[idx] === stamp && s > this.tokenScore[idx]!) this.tokenScore[idx] = s;
          });
        }
        for (const idx of candidates) {
          if (this.mark[idx] === stamp) {
            this.mark[idx] = gen;
            this.score[idx] = this.score[idx]! + this.tokenScore[idx]!;
            next.push(idx);
          }
        }
      }
      candidates = next;
    }
    return candidates;
  }

  // ---- forgiving matching: when nothing matches as typed ----

  /** The index of a word in the sorted word list, or -1. */
  private wordIndex(word: string): number {
    const i = lowerBound(this.words, word);
    return this.words[i] === word ? i : -1;
  }

  /** Words one edit away from `token` (lengths ±1 only: the lists by length are made once). */
  private typoWords(token: string): number[] {
    if (!this.byLength) {
      const lists = new Map<number, number[]>();
      this.words.forEach((w, i) => {
        const list = lists.get(w.length);
        if (list) list.push(i);
        else lists.set(w.length, [i]);
      });
      this.byLength = new Map([...lists].map(([len, list]) => [len, Int32Array.from(list)]));
    }
    const out: number[] = [];
    for (let len = token.length - 1; len <= token.length + 1; len++) {
      const list = this.byLength.get(len);
      if (!list) continue;
      for (const wi of list) if (withinOneEdit(token, this.words[wi]!)) out.push(wi);
    }
    return out;
  }

  /**
   * The words a name token may stand for in a forgiving reading, with their scores: the word itself
   * or words it begins (as typed), a nominative it is a case form of (`миронову` → `миронова`,
   * `миронов`), a word one letter off (`миранова` → `миронова`). Exact beats ending beats typo.
   */
  private forgivingWords(token: string): Map<number, number> {
    const found = new Map<number, number>();
    const offer = (wi: number, score: number) => {
      if ((found.get(wi) ?? 0) < score) found.set(wi, score);
    };
    const [lo, hi] = prefixRange(this.words, token);
    for (let wi = lo; wi < hi; wi++) offer(wi, this.words[wi]!.length === token.length ? FORGIVING.exact : FORGIVING.prefix);
    if (!/^[а-я-]+$/.test(token)) return found;
    // Endings from three letters on (`Еву` → `Ева`), typos from four (shorter words have too many neighbours).
    if (token.length >= 3) {
      for (const form of nominativeForms(token)) {
        const wi = this.wordIndex(form);
        if (wi >= 0) offer(wi, FORGIVING.ending);
      }
    }
    if (token.length >= MIN_FORGIVEN) for (const wi of this.typoWords(token)) offer(wi, FORGIVING.typo);
    return found;
  }

  /** People matching every name token in a forgiving reading, with summed scores; null without name tokens. */
  private matchForgiving(tokens: string[]): number[] | null {
    if (tokens.length === 0) return null;
    const alts = tokens
      .map((token) => {
        const words = this.forgivingWords(token);
        let count = 0;
        for (const wi of words.keys()) count += this.postStart[wi + 1]! - this.postStart[wi]!;
        return { words, count };
      })
      .sort((a, b) => a.count - b.count);
    const gen = ++this.gen;
    let candidates: number[] = [];
    const scoreOf = (base: number, pos: number) => base + (pos === 0 ? 1 : 0);
    for (const [wi, base] of alts[0]!.words) {
      for (let p = this.postStart[wi]!; p < this.postStart[wi + 1]!; p++) {
        const idx = this.postings[p]!;
        const s = scoreOf(base, this.postPos[p]!);
        if (this.mark[idx] !== gen) {
          this.mark[idx] = gen;
          this.score[idx] = s;
          candidates.push(idx);
        } else if (s > this.score[idx]!) this.score[idx] = s;
      }
    }
    for (const { words, count } of alts.slice(1)) {
      if (candidates.length === 0) break;
      const next: number[] = [];
      if (count > candidates.length * 4) {
        // Few candidates, a common word: look at the candidates' own words.
        const byWord = new Map<string, number>();
        for (const [wi, base] of words) byWord.set(this.words[wi]!, base);
        for (const idx of candidates) {
          let best = 0;
          this.forEachWord(idx, (word, pos) => {
            const base = byWord.get(word);
            if (base !== undefined) best = Math.max(best, scoreOf(base, pos));
          });
          if (best > 0) {
            this.score[idx] = this.score[idx]! + best;
            next.push(idx);
          }
        }
      } else {
        // Otherwise walk the token's postings and keep the candidates they reach.
        const stamp = -gen;
        for (const [wi, base] of words) {
          for (let p = this.postStart[wi]!; p < this.postStart[wi + 1]!; p++) {
            const idx = this.postings[p]!;
            const s = scoreOf(base, this.postPos[p]!);
            if (this.mark[idx] === gen) {
              this.mark[idx] = stamp;
              this.tokenScore[idx] = s;
            } else if (this.mark[idx] === stamp && s > this.tokenScore[idx]!) this.tokenScore[idx] = s;
          }
        }
        for (const idx of candidates) {
          if (this.mark[idx] === stamp) {
            this.mark[idx] = gen;
            this.score[idx] = this.score[idx]! + this.tokenScore[idx]!;
            next.push(idx);
          }
        }
      }
      candidates = next;
    }
    return candidates;
  }

  private filterCandidates(tokens: Token[]): number[] | null {
    let best: number[] | null = null;
    const consider = (list: Iterable<number>) => {
      const arr = Array.from(list);
      if (best === null || arr.length < best.length) best = arr;
    };
    for (const t of tokens) {
      if (t.type === 'class') consider(t.classIdx.flatMap((ci) => Array.from(this.classMembers[ci] ?? [])));
      else if (t.type === 'date' && t.yyyymmdd)
        consider([...(this.byBirth.get(t.yyyymmdd) ?? []), ...(t.alt ? (this.byBirth.get(t.alt) ?? []) : [])]);
      else if (t.type === 'phone' || t.type === 'email') consider(this.ownersOf(t));
    }
    if (best === null && tokens.some((t) => t.type === 'date')) {
      consider(Array.from({ length: this.size }, (_, i) => i).filter((i) => this.birth[i]! > 0));
    }
    return best;
  }

  /**
   * Who has a phone ending in / an email starting with the token: worked out once per token of a
   * query (a token is made per query), not once per candidate — `a` matches thousands of emails.
   */
  private ownersOf(t: Extract<Token, { type: 'phone' | 'email' }>): Set<number> {
    let owners = this.tokenOwners.get(t);
    if (!owners) {
      const [lo, hi] = t.type === 'phone' ? prefixRange(this.phones, reverse(t.digits)) : prefixRange(this.emails, t.text);
      owners = new Set((t.type === 'phone' ? this.phoneOwner : this.emailOwner).subarray(lo, hi));
      this.tokenOwners.set(t, owners);
    }
    return owners;
  }

  private passes(idx: number, tokens: Token[]): boolean {
    for (const t of tokens) {
      switch (t.type) {
        case 'class': {
          const ci = this.classOf[idx]!;
          const ok = t.classIdx.some((c) => c === ci || (this.guardianClasses.get(idx)?.includes(c) ?? false));
          if (!ok) return false;
          break;
        }
        case 'date':
          if (t.yyyymmdd && this.birth[idx] !== t.yyyymmdd && this.birth[idx] !== t.alt) return false;
          if (t.mmdd && this.birth[idx]! % 10000 !== t.mmdd) return false;
          break;
        case 'phone':
        case 'email':
          if (!this.ownersOf(t).has(idx)) return false;
          break;
        case 'name':
          break;
      }
    }
    return true;
  }

  private run(query: string, options: SearchOptions, mode: 'exact' | 'substring' | 'forgiving'): { hits: SearchHit[]; total: number } {
    const tokens = this.tokenize(query);
    if (tokens.length === 0) return { hits: [], total: 0 };
    const nameTokens = tokens.flatMap((t) => (t.type === 'name' ? [t.text] : []));
    const byName = mode === 'forgiving' ? this.matchForgiving(nameTokens) : this.matchNames(nameTokens, mode === 'substring');
    const pool = byName ?? this.filterCandidates(tokens) ?? [];
    if (byName === null) for (const idx of pool) this.score[idx] = 1;
    const want = options.archived ?? 'exclude';
    // A class or a date asks about pupils first; a name alone ranks everyone alike.
    const preferStudents = byName === null || tokens.some((t) => t.type === 'class');
    // Buckets by score, each sorted by alphabetical rank: no string comparisons at query time.
    const buckets = new Map<number, number[]>();
    let total = 0;
    for (const idx of pool) {
      const isArchived = this.archived[idx] === 1;
      if ((want === 'exclude' && isArchived) || (want === 'only' && !isArchived)) continue;
      if (options.kind && KINDS[this.kinds[idx]!] !== options.kind) continue;
      if (!this.passes(idx, tokens)) continue;
      total++;
      const kindRank = preferStudents ? KIND_RANK[this.kinds[idx]!]! : 0;
      const s = (this.score[idx]! * 3 + kindRank) * 2 + (isArchived ? 0 : 1);
      const list = buckets.get(s);
      if (list) list.push(this.rank[idx]!);
      else buckets.set(s, [this.rank[idx]!]);
    }
    const limit = options.limit ?? 20;
    const hits: SearchHit[] = [];
    for (const s of [...buckets.keys()].sort((a, b) => b - a)) {
      const ranks = Int32Array.from(buckets.get(s)!).sort();
      for (const r of ranks) {
        if (hits.length >= limit) break;
        hits.push(this.hit(this.byRank[r]!));
      }
      if (hits.length >= limit) break;
    }
    return { hits, total };
  }

  private hit(idx: number): SearchHit {
    const kind = KINDS[this.kinds[idx]!]!;
    const h: SearchHit = { id: this.ids[idx]!, kind, fullName: this.names[idx]! };
    const ci = this.classOf[idx]!;
    if (ci >= 0) h.class = this.classNames[ci]!;
    const b = this.birth[idx]!;
    if (b > 0) {
      const s = String(b);
      h.birthDate = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    }
    const children = this.guardianClasses.get(idx);
    if (children?.length) h.childClasses = [...new Set(children.map((c) => this.classNames[c]!))].sort();
    if (this.archived[idx]) h.archived = true;
    return h;
  }

  /** A person's index by id (binary search over `byId`). */
  private indexOf(id: number): number | undefined {
    let lo = 0;
    let hi = this.byId.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[this.byId[mid]!]! < id) lo = mid + 1;
      else hi = mid;
    }
    const idx = this.byId[lo];
    return idx !== undefined && this.ids[idx] === id ? idx : undefined;
  }

  /** The hit of one person by id (archived or not), as a search would show it. */
  hitById(id: number): SearchHit | undefined {
    const idx = this.indexOf(id);
    return idx === undefined ? undefined : this.hit(idx);
  }

  /** Everyone archived, alphabetically: the archive page before anything is typed. */
  private allArchived(options: SearchOptions): SearchResult {
    const limit = options.limit ?? 20;
    const hits: SearchHit[] = [];
    let total = 0;
    for (const idx of this.byRank) {
      if (this.archived[idx] !== 1 || (options.kind && KINDS[this.kinds[idx]!] !== options.kind)) continue;
      total++;
      if (hits.length < limit) hits.push(this.hit(idx));
    }
    return { hits, total };
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    if (query.trim() === '' && options.archived === 'only') return this.allArchived(options);
    let { hits, total } = this.run(query, options, 'exact');
    let note: SearchResult['note'];
    if (total === 0 && /[a-z]/.test(fold(query)) && !query.includes('@')) {
      const converted = [...fold(query)].map((c) => LAYOUT[c] ?? c).join('');
      const retry = this.run(converted, options, 'exact');
      if (retry.total > 0) {
        ({ hits, total } = retry);
        note = { layoutFixed: converted };
      }
    }
    if (total === 0 && this.tokenize(query).some((t) => t.type === 'name' && t.text.length >= 3)) {
      const retry = this.run(query, options, 'substring');
      if (retry.total > 0) {
        ({ hits, total } = retry);
        note = { substring: true };
      }
    }
    // Still nobody: a letter off or a case ending (`Миранова`, `Мироновой`) is read forgivingly.
    if (total === 0 && this.tokenize(query).some((t) => t.type === 'name' && t.text.length >= 3)) {
      const retry = this.run(query, options, 'forgiving');
      if (retry.total > 0) {
        ({ hits, total } = retry);
        note = { forgiving: true };
      }
    }
    return note ? { hits, total, note } : { hits, total };
  }
}

/** A commit whose index is being built elsewhere: the roster version it moves from and to. */
export interface Committing {
  from: number;
  to: number;
}

/**
 * Keeps a search index in step with the database. An import in its own worker builds the index of
 * what it committed and hands it over (`adopt`) with its answer, instead of the first search after it
 * rebuilding on this thread (seconds for a district, answering nothing meanwhile). Until then a search
 * is served from the index as it was — the import has not answered yet — but only when that
 * import's commit is the one change since the index was built; any other change rebuilds as before.
 */
export class RosterSearch {
  private readonly db: Db;
  private index: SearchIndex | null = null;
  private version = -1;
  private readonly handovers = new Set<() => Committing | null>();

  constructor(db: Db) {
    this.db = db;
  }

  current(): SearchIndex {
    const v = dal.rosterVersion(this.db);
    if (!this.index || (v !== this.version && !this.handedOver(v))) {
      this.index = SearchIndex.load(this.db);
      this.version = v;
    }
    return this.index;
  }

  /** The database is at `v` only by a commit whose index is on its way. */
  private handedOver(v: number): boolean {
    for (const committing of this.handovers) {
      const c = committing();
      if (c && c.from === this.version && c.to === v) return true;
    }
    return false;
  }

  /**
   * Announces an index built elsewhere: `committing` tells (live, from another thread) which commit it
   * will be the index of, once known. Returns the release, called when the job is over either way.
   */
  expect(committing: () => Committing | null): () => void {
    this.handovers.add(committing);
    return () => this.handovers.delete(committing);
  }

  /** Takes an index built elsewhere at roster version `version`, unless this one is as new. */
  adopt(version: number, packed: PackedSearchIndex): void {
    if (version <= this.version) return;
    this.index = new SearchIndex(unpackSearchIndex(packed));
    this.version = version;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    return this.current().search(query, options);
  }
}
