// Realistic search-box queries built from the generated roster's sample, each with how to tell that
// the search found what the person at the desk was looking for.
import { mulberry32, type GeneratedRoster, type Person } from './generate.ts';
import { fold } from '../src-shared/text.ts';
import type { SearchHit } from '../src-shared/roster/search.ts';

export type QueryType =
  | 'surname'
  | 'surname name'
  | 'name surname'
  | 'prefixes'
  | 'surname initial'
  | 'full name ё→е'
  | 'UPPER CASE'
  | 'class'
  | 'class surname'
  | 'birth date'
  | 'phone 4 digits'
  | 'phone 7 formatted'
  | 'phone full'
  | 'email prefix'
  | 'Latin layout'
  // forgiven: what people get wrong at the desk
  | 'surname 1 letter off'
  | 'surname letter missing'
  | 'surname letter extra'
  | 'case endings'
  | 'Latin look-alike'
  | 'date yy';

/** The query types the search forgives (typos, case endings, look-alikes, two-digit years). */
export const FORGIVEN_TYPES: readonly QueryType[] = [
  'surname 1 letter off',
  'surname letter missing',
  'surname letter extra',
  'case endings',
  'Latin look-alike',
  'date yy',
];

export interface BenchQuery {
  type: QueryType;
  query: string;
  /**
   * `top`: the expected person is among the first 20 hits; `found`: among all matches (a broad
   * query: the desk narrows it down); `relevant`: no one person, every hit must fit the query.
   */
  expect: 'top' | 'found' | 'relevant';
  /** The person the query was built from (resolved against the database by the caller). */
  target?: { kind: 'student'; person: Person; birthDate: string } | { kind: 'guardian'; phone: string };
  /** For `relevant`: does a hit fit? */
  fits?: (hit: SearchHit) => boolean;
  /** The Latin-layout query must come back with `note.layoutFixed`. */
  layoutFixed?: boolean;
}

const CYR = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const LAT = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
/** What `иванова` looks like typed with the Latin layout on: `bdfyjdf`. */
export const latinLayout = (s: string): string => [...s.toLowerCase()].map((c) => (CYR.includes(c) ? LAT[CYR.indexOf(c)] : c)).join('');

const full = (p: Person) => `${p.surname} ${p.name} ${p.patronymic}`;
const isFemale = (p: Person) => /на$/.test(p.patronymic);
const CYRILLIC_LETTERS = 'абвгдежзийклмнопрстуфхцчшщыэюя';
const LATIN_TWIN: Record<string, string> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y' };

/**
 * A name in another case, as a desk worker types it without thinking: a woman in the accusative
 * («найдите Миронову Ольгу»), a man in the dative («Миронову Игорю»), so that the query is not by
 * chance the nominative of somebody else (`Александра`).
 */
function inCase(word: string, female: boolean, surname: boolean): string {
  if (/[оеиуыэю]$/.test(word)) return word; // Руденко, Шевченко: not declined
  if (female) {
    if (word.endsWith('ая')) return `${word.slice(0, -2)}ую`;
    if (word.endsWith('а')) return `${word.slice(0, -1)}у`;
    if (word.endsWith('я')) return `${word.slice(0, -1)}ю`;
    return word;
  }
  if (word === 'Лев') return 'Льву';
  if (word === 'Павел') return 'Павлу';
  if (word.endsWith('ий') && surname) return `${word.slice(0, -2)}ому`;
  if (/[йь]$/.test(word)) return `${word.slice(0, -1)}ю`;
  if (/[ая]$/.test(word)) return `${word.slice(0, -1)}е`;
  return `${word}у`;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export function buildQueries(sample: GeneratedRoster['sample'], perType = 24, seed = 7): BenchQuery[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const students = sample.filter((s) => s.kind === 'student');
  const mothers = sample.filter((s) => s.kind === 'guardian');
  const withYo = [...students, ...mothers].filter((s) => full(s.person).includes('ё'));
  const withEmail = mothers.filter((m) => m.email);
  const knownSurnames = [...new Set(sample.map((s) => fold(s.person.surname)))];
  const out: BenchQuery[] = [];

  // A person of either kind, with what identifies them in the database.
  const anyone = () => {
    const s = rnd() < 0.5 ? pick(students) : pick(mothers);
    const target: BenchQuery['target'] =
      s.kind === 'student' ? { kind: 'student', person: s.person, birthDate: s.birthDate! } : { kind: 'guardian', phone: s.phone! };
    return { p: s.person, target };
  };

  for (let i = 0; i < perType; i++) {
    {
      const s = pick(students);
      const key = fold(s.person.surname);
      out.push({
        type: 'surname',
        query: s.person.surname,
        expect: 'relevant',
        fits: (h) => fold(h.fullName).split(' ')[0]!.startsWith(key),
      });
    }
    {
      const { p, target } = anyone();
      out.push({ type: 'surname name', query: `${p.surname} ${p.name}`, expect: 'found', target });
    }
    {
      const { p, target } = anyone();
      out.push({ type: 'name surname', query: `${p.name} ${p.surname}`, expect: 'found', target });
    }
    {
      const { p, target } = anyone();
      const a = p.surname.slice(0, 3 + Math.floor(rnd() * 2)).toLowerCase();
      const b = p.name.slice(0, 3 + Math.floor(rnd() * 2)).toLowerCase();
      out.push({ type: 'prefixes', query: rnd() < 0.5 ? `${a} ${b}` : `${b} ${a}`, expect: 'found', target });
    }
    {
      const { p, target } = anyone();
      out.push({ type: 'surname initial', query: `${p.surname} ${p.name[0]}`, expect: 'found', target });
    }
    {
      const s = withYo.length ? pick(withYo) : pick(students);
      const target: BenchQuery['target'] =
        s.kind === 'student' ? { kind: 'student', person: s.person, birthDate: s.birthDate! } : { kind: 'guardian', phone: s.phone! };
      out.push({ type: 'full name ё→е', query: full(s.person).replaceAll('ё', 'е').replaceAll('Ё', 'Е'), expect: 'top', target });
    }
    {
      const { p, target } = anyone();
      out.push({ type: 'UPPER CASE', query: full(p).toUpperCase(), expect: 'top', target });
    }
    {
      const s = pick(students);
      const cls = s.className!;
      out.push({
        type: 'class',
        query: cls.toLowerCase(),
        expect: 'relevant',
        fits: (h) => (h.kind === 'student' ? h.class === cls : (h.childClasses ?? []).includes(cls)),
      });
    }
    {
      const s = pick(students);
      out.push({
        type: 'class surname',
        query: `${s.className!.toLowerCase()} ${s.person.surname}`,
        expect: 'top',
        target: { kind: 'student', person: s.person, birthDate: s.birthDate! },
      });
    }
    {
      const s = pick(students);
      out.push({
        type: 'birth date',
        query: dmy(s.birthDate!),
        expect: 'found',
        target: { kind: 'student', person: s.person, birthDate: s.birthDate! },
      });
    }
    {
      const m = pick(mothers);
      const d = m.phone!;
      out.push({ type: 'phone 4 digits', query: d.slice(-4), expect: 'found', target: { kind: 'guardian', phone: d } });
      const m7 = pick(mothers).phone!;
      out.push({
        type: 'phone 7 formatted',
        query: `${m7.slice(3, 6)}-${m7.slice(6, 8)}-${m7.slice(8)}`,
        expect: 'top',
        target: { kind: 'guardian', phone: m7 },
      });
      const mf = pick(mothers).phone!;
      out.push({
        type: 'phone full',
        query: `8 (${mf.slice(0, 3)}) ${mf.slice(3, 6)}-${mf.slice(6, 8)}-${mf.slice(8)}`,
        expect: 'top',
        target: { kind: 'guardian', phone: mf },
      });
    }
    if (withEmail.length) {
      const m = pick(withEmail);
      out.push({ type: 'email prefix', query: m.email!.split('@')[0]!, expect: 'top', target: { kind: 'guardian', phone: m.phone! } });
    }
    {
      const { p, target } = anyone();
      out.push({ type: 'Latin layout', query: latinLayout(`${p.surname} ${p.name}`), expect: 'found', target, layoutFixed: true });
    }
    // Forgiven: a letter off in the surname (never at its end, where it would make the other sex's
    // form or another real surname), a case ending, a Latin look-alike, a two-digit year.
    const typo = (kind: 'sub' | 'del' | 'ins') => {
      for (;;) {
        const { p, target } = anyone();
        const w = p.surname.toLowerCase();
        if (w.length < 5) continue;
        const at = 1 + Math.floor(rnd() * (w.length - 3));
        const letter = CYRILLIC_LETTERS[Math.floor(rnd() * CYRILLIC_LETTERS.length)]!;
        const typed =
          kind === 'sub'
            ? w.slice(0, at) + letter + w.slice(at + 1)
            : kind === 'del'
              ? w.slice(0, at) + w.slice(at + 1)
              : w.slice(0, at) + letter + w.slice(at);
        if (knownSurnames.some((k) => k.startsWith(fold(typed)))) continue; // a real name: nothing to forgive
        return { query: `${typed} ${p.name}`, target };
      }
    };
    out.push({ type: 'surname 1 letter off', ...typo('sub'), expect: 'found' });
    out.push({ type: 'surname letter missing', ...typo('del'), expect: 'found' });
    out.push({ type: 'surname letter extra', ...typo('ins'), expect: 'found' });
    {
      const { p, target } = anyone();
      const f = isFemale(p);
      out.push({
        type: 'case endings',
        query: `${inCase(p.surname, f, true)} ${inCase(p.name, f, false)}`,
        expect: 'found',
        target,
      });
    }
    {
      const { p, target } = anyone();
      const chars = [...p.surname];
      const at = chars.findIndex((c, i) => i > 0 && LATIN_TWIN[c] !== undefined);
      if (at > 0) chars[at] = LATIN_TWIN[chars[at]!]!;
      out.push({ type: 'Latin look-alike', query: `${chars.join('')} ${p.name}`, expect: 'found', target });
    }
    {
      const s = pick(students);
      const [y, m, d] = s.birthDate!.split('-');
      out.push({
        type: 'date yy',
        query: `${Number(d)}.${Number(m)}.${y!.slice(2)}`,
        expect: 'found',
        target: { kind: 'student', person: s.person, birthDate: s.birthDate! },
      });
    }
  }
  return out;
}
