// The search index as data: built from the roster (the expensive part: seconds for a district),
// and packed to cross threads (the import's worker builds it and hands it to the core's thread).
import type { Db } from '../db/database.ts';
import * as dal from '../dal/roster.ts';
import { fold } from '../../../src-shared/text.ts';
import { className as classLabel, fullName } from '../../../src-shared/roster/keys.ts';
import { eachWord, reverse, wordCount } from './search-words.ts';

export const KINDS: readonly dal.Kind[] = ['student', 'guardian', 'staff'];

/** What an index is built from: the roster as the database holds it. */
export interface SearchSource {
  people: dal.SearchSourceRow[];
  classes: dal.ClassRecord[];
  guardianClasses: { guardianId: number; classId: number }[];
}

/**
 * A built index as plain data (typed arrays, strings, maps): it crosses threads as a structured clone
 * (the typed arrays' buffers transferred), so the import's worker can build it and hand it over.
 */
export interface SearchIndexData {
  size: number;
  ids: Int32Array;
  kinds: Uint8Array;
  archived: Uint8Array;
  classOf: Int32Array;
  birth: Int32Array;
  names: string[];
  rank: Int32Array;
  byRank: Int32Array;
  /** Folded full name of each person, and how many of its words are surname and first name. */
  folded: string[];
  surnameWords: Uint8Array;
  firstNameWords: Uint8Array;
  words: string[];
  postStart: Int32Array;
  postings: Int32Array;
  postPos: Uint8Array;
  phones: string[];
  phoneOwner: Int32Array;
  emails: string[];
  emailOwner: Int32Array;
  classNames: string[];
  classIdById: Map<number, number>;
  classMembers: Int32Array[];
  guardianClasses: Map<number, number[]>;
  byBirth: Map<number, number[]>;
  /** Person indexes in the order of their ids (a binary search finds a person by id: no map to rebuild on arrival). */
  byId: Int32Array;
}

/**
 * An index as it crosses threads. A structured clone of a Map with 250,000 entries or of 250,000
 * separate strings takes about a second on each side; one long string per list, typed arrays
 * (transferred, not copied) and the guardians' small map made again on arrival take ~0.1 s.
 */
export interface PackedSearchIndex {
  data: Omit<SearchIndexData, 'guardianClasses' | StringListKey>;
  /** Each list of strings joined by NUL (names hold no control characters). */
  strings: Record<StringListKey, string>;
  /** Guardian index, class index, … */
  guardianPairs: Int32Array;
}

type StringListKey = 'names' | 'folded' | 'phones' | 'emails';
const STRING_LISTS: readonly StringListKey[] = ['names', 'folded', 'phones', 'emails'];
const SEP = '\u0000';

export function packSearchIndex(d: SearchIndexData): { packed: PackedSearchIndex; transfer: ArrayBuffer[] } {
  const { guardianClasses, names: _n, folded: _f, phones: _p, emails: _e, ...data } = d;
  const pairs: number[] = [];
  for (const [gi, classes] of guardianClasses) for (const ci of classes) pairs.push(gi, ci);
  const strings = Object.fromEntries(STRING_LISTS.map((k) => [k, d[k].join(SEP)])) as Record<StringListKey, string>;
  const packed = { data, strings, guardianPairs: Int32Array.from(pairs) };
  const arrays = Object.values(data).filter((v): v is Int32Array | Uint8Array => ArrayBuffer.isView(v));
  return { packed, transfer: [...arrays, ...data.classMembers, packed.guardianPairs].map((a) => a.buffer as ArrayBuffer) };
}

export function unpackSearchIndex(p: PackedSearchIndex): SearchIndexData {
  const list = (k: StringListKey, length: number) => (length === 0 ? [] : p.strings[k].split(SEP));
  const guardianClasses = new Map<number, number[]>();
  for (let i = 0; i < p.guardianPairs.length; i += 2) {
    const gi = p.guardianPairs[i]!;
    const classes = guardianClasses.get(gi);
    if (classes) classes.push(p.guardianPairs[i + 1]!);
    else guardianClasses.set(gi, [p.guardianPairs[i + 1]!]);
  }
  return {
    ...p.data,
    guardianClasses,
    names: list('names', p.data.size),
    folded: list('folded', p.data.size),
    phones: list('phones', p.data.phoneOwner.length),
    emails: list('emails', p.data.emailOwner.length),
  };
}

const byFirst = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** People, their words and their classes: the index of one person each, in the order given. */
function buildPeople(source: SearchSource) {
  const people = source.people;
  const n = people.length;
  const ids = new Int32Array(n);
  const kinds = new Uint8Array(n);
  const archived = new Uint8Array(n);
  const classOf = new Int32Array(n).fill(-1);
  const birth = new Int32Array(n);
  const names = new Array<string>(n);
  const folded = new Array<string>(n);
  const surnameWords = new Uint8Array(n);
  const firstNameWords = new Uint8Array(n);
  const indexOfId = new Map<number, number>();
  const classIdById = new Map(source.classes.map((c, i) => [c.id, i]));
  const members: number[][] = source.classes.map(() => []);
  const byBirth = new Map<number, number[]>();
  // word → its postings (person index, word position), in person order.
  const postingsByWord = new Map<string, number[]>();
  const phones: [string, number][] = [];
  const emails: [string, number][] = [];
  let postingTotal = 0;
  const addPosting = (word: string, idx: number, pos: number) => {
    let list = postingsByWord.get(word);
    if (!list) postingsByWord.set(word, (list = []));
    list.push(idx * 4 + pos);
    postingTotal++;
  };
  people.forEach((p, idx) => {
    ids[idx] = p.id;
    indexOfId.set(p.id, idx);
    kinds[idx] = KINDS.indexOf(p.kind);
    archived[idx] = p.archived ? 1 : 0;
    const ci = p.classId === null ? -1 : (classIdById.get(p.classId) ?? -1);
    classOf[idx] = ci;
    if (ci >= 0 && !p.archived) members[ci]!.push(idx);
    if (p.birthDate) {
      const b = Number(p.birthDate.replaceAll('-', ''));
      birth[idx] = b;
      const list = byBirth.get(b);
      if (list) list.push(idx);
      else byBirth.set(b, [idx]);
    }
    const name = fullName(p);
    names[idx] = name;
    folded[idx] = fold(name);
    surnameWords[idx] = wordCount(p.surname);
    firstNameWords[idx] = wordCount(p.name);
    eachWord(folded[idx], surnameWords[idx], firstNameWords[idx], (word, pos) => addPosting(word, idx, pos));
    if (p.phone) phones.push([reverse(p.phone.slice(2)), idx]);
    if (p.email) emails.push([p.email, idx]);
  });
  phones.sort(byFirst);
  emails.sort(byFirst);
  const perPerson = { size: n, ids, kinds, archived, classOf, birth, names, folded, surnameWords, firstNameWords };
  return { ...perPerson, indexOfId, classIdById, members, byBirth, postingsByWord, postingTotal, phones, emails };
}

/** Builds an index's data from the roster: the expensive part (seconds for a district). */
export function buildSearchData(source: SearchSource): SearchIndexData {
  const { members, postingsByWord, postingTotal, phones, emails, indexOfId, ...built } = buildPeople(source);
  const { size: n, archived, classIdById, kinds, ids } = built;
  for (const { guardianId, classId } of source.guardianClasses) {
    const gi = indexOfId.get(guardianId);
    const ci = classIdById.get(classId);
    if (gi !== undefined && ci !== undefined && !archived[gi]) members[ci]!.push(gi);
  }
  const guardianClasses = new Map<number, number[]>();
  for (const { guardianId, classId } of source.guardianClasses) {
    const gi = indexOfId.get(guardianId);
    const ci = classIdById.get(classId);
    if (gi === undefined || ci === undefined) continue;
    const list = guardianClasses.get(gi);
    if (list) list.push(ci);
    else guardianClasses.set(gi, [ci]);
  }

  const words = [...postingsByWord.keys()].sort();
  const postStart = new Int32Array(words.length + 1);
  const postings = new Int32Array(postingTotal);
  const postPos = new Uint8Array(postingTotal);
  let at = 0;
  words.forEach((word, i) => {
    postStart[i] = at;
    for (const packed of postingsByWord.get(word)!) {
      postings[at] = packed >> 2;
      postPos[at] = packed & 3;
      at++;
    }
  });
  postStart[words.length] = at;

  // Alphabetical rank of every person (students first among namesakes), for cheap ordering at query
  // time. A native sort of composite strings: much faster than a comparator over 250,000 names.
  const composite = built.folded.map((k, i) => `${k}\u0000${kinds[i]}${String(i).padStart(8, '0')}`);
  composite.sort();
  const byRank = Int32Array.from(composite, (c) => Number(c.slice(-8)));
  const rank = new Int32Array(n);
  byRank.forEach((idx, r) => (rank[idx] = r));

  return {
    ...built,
    rank,
    byRank,
    words,
    postStart,
    postings,
    postPos,
    phones: phones.map((p) => p[0]),
    phoneOwner: Int32Array.from(phones, (p) => p[1]),
    emails: emails.map((e) => e[0]),
    emailOwner: Int32Array.from(emails, (e) => e[1]),
    classNames: source.classes.map((c) => classLabel(c.grade, c.letter)),
    classMembers: members.map((m) => Int32Array.from(new Set(m))),
    guardianClasses,
    byId: Int32Array.from(ids.keys()).sort((a, b) => ids[a]! - ids[b]!),
  };
}

export function loadSearchSource(db: Db): SearchSource {
  return { people: dal.searchSource(db), classes: dal.allClasses(db), guardianClasses: dal.guardianClassPairs(db) };
}
