// A district-size roster, messy the way real class lists are (like tests/fixtures/roster): mixed class
// spellings, date and phone formats, UPPER CASE names, stray spaces, ё written as е, siblings whose
// parents are written differently in each row. Deterministic for a given seed.
import iconv from 'iconv-lite';

const SURNAMES = `Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев
Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов
Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов
Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев
Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов
Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров
Калинин Исаев Чернышёв Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев
Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров
Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов
Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев
Цветков Левин Митрофанов Воронов Аксёнов Софронов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев
Рыбаков Сафонов Плотников Дёмин Хохлов Жданов Руденко Шевченко Бондаренко Коваленко Ткаченко Кравченко Олейник`
  .split(/\s+/)
  .filter(Boolean);
// Male first names with the patronymics they give (male, female).
const MALE_PATRONYMICS: Record<string, [string, string]> = {
  Александр: ['Александрович', 'Александровна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Максим: ['Максимович', 'Максимовна'],
  Сергей: ['Сергеевич', 'Сергеевна'],
  Андрей: ['Андреевич', 'Андреевна'],
  Алексей: ['Алексеевич', 'Алексеевна'],
  Артём: ['Артёмович', 'Артёмовна'],
  Илья: ['Ильич', 'Ильинична'],
  Кирилл: ['Кириллович', 'Кирилловна'],
  Михаил: ['Михайлович', 'Михайловна'],
  Никита: ['Никитич', 'Никитична'],
  Матвей: ['Матвеевич', 'Матвеевна'],
  Роман: ['Романович', 'Романовна'],
  Егор: ['Егорович', 'Егоровна'],
  Арсений: ['Арсеньевич', 'Арсеньевна'],
  Иван: ['Иванович', 'Ивановна'],
  Денис: ['Денисович', 'Денисовна'],
  Евгений: ['Евгеньевич', 'Евгеньевна'],
  Даниил: ['Даниилович', 'Данииловна'],
  Тимофей: ['Тимофеевич', 'Тимофеевна'],
  Владислав: ['Владиславович', 'Владиславовна'],
  Игорь: ['Игоревич', 'Игоревна'],
  Павел: ['Павлович', 'Павловна'],
  Руслан: ['Русланович', 'Руслановна'],
  Марк: ['Маркович', 'Марковна'],
  Фёдор: ['Фёдорович', 'Фёдоровна'],
  Тимур: ['Тимурович', 'Тимуровна'],
  Глеб: ['Глебович', 'Глебовна'],
  Лев: ['Львович', 'Львовна'],
  Степан: ['Степанович', 'Степановна'],
  Ярослав: ['Ярославович', 'Ярославовна'],
  Богдан: ['Богданович', 'Богдановна'],
  Леонид: ['Леонидович', 'Леонидовна'],
  Семён: ['Семёнович', 'Семёновна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Григорий: ['Григорьевич', 'Григорьевна'],
  Константин: ['Константинович', 'Константиновна'],
  Виктор: ['Викторович', 'Викторовна'],
  Олег: ['Олегович', 'Олеговна'],
  Вадим: ['Вадимович', 'Вадимовна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
  Антон: ['Антонович', 'Антоновна'],
  Василий: ['Васильевич', 'Васильевна'],
  Пётр: ['Петрович', 'Петровна'],
  Николай: ['Николаевич', 'Николаевна'],
  Борис: ['Борисович', 'Борисовна'],
  Всеволод: ['Всеволодович', 'Всеволодовна'],
  Савелий: ['Савельевич', 'Савельевна'],
};
const MALE = Object.keys(MALE_PATRONYMICS);
const FEMALE = `Анастасия Мария Анна Виктория Екатерина Наталья Марина Полина София Дарья Алиса Ксения Александра Елена Ольга
Татьяна Ирина Юлия Светлана Варвара Вероника Арина Ева Василиса Милана Алёна Кира Ульяна Валерия Есения Злата Таисия Мирослава
Ангелина Маргарита Диана Надежда Людмила Галина Любовь Яна Олеся Евгения Лилия Нина Алина Кристина Регина Эвелина Стефания`
  .split(/\s+/)
  .filter(Boolean);
const LETTERS = 'АБВГДЕЖЗИК';
const DOMAINS = ['mail.ru', 'yandex.ru', 'ya.ru', 'gmail.com', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'hotmail.com'];
const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const feminine = (surname: string): string => {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (/ий$/.test(surname)) return surname.replace(/ий$/, 'ая');
  return surname; // -енко, -ук and the like do not change
};

const patronymic = (father: string, female: boolean): string => MALE_PATRONYMICS[father]![female ? 1 : 0];

const translit = (s: string) => [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('');

export interface Person {
  surname: string;
  name: string;
  patronymic: string;
}

export interface GeneratedRoster {
  /** The CSV as the school would save it: Windows-1251, `;`, CRLF. */
  bytes: Buffer;
  text: string;
  students: number;
  guardians: number;
  links: number;
  classes: string[];
  /** People to build realistic queries from. */
  sample: { kind: 'student' | 'guardian'; person: Person; birthDate?: string; className?: string; phone?: string; email?: string }[];
}

export function generateRoster(studentCount: number, seed = 1399): GeneratedRoster {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const chance = (p: number) => rnd() < p;
  const usedStudents = new Set<string>();
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();

  const newPhone = (): string => {
    for (;;) {
      const p = `9${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return p;
      }
    }
  };
  const newEmail = (p: Person): string => {
    for (;;) {
      const e = `${translit(p.name)}${chance(0.5) ? '.' : '_'}${translit(p.surname)}${Math.floor(rnd() * 100)}@${pick(DOMAINS)}`;
      if (!usedEmails.has(e)) {
        usedEmails.add(e);
        return e;
      }
    }
  };
  const messyPhone = (d: string): string => {
    const f = Math.floor(rnd() * 5);
    if (f === 0) return `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
    if (f === 1) return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`;
    if (f === 2) return `8${d}`;
    if (f === 3) return d;
    return `8-${d.slice(0, 3)}-${d.slice(3)}`;
  };
  const messyName = (s: string): string => {
    let out = s;
    if (chance(0.03)) out = out.toUpperCase();
    if (chance(0.1)) out = out.replaceAll('ё', 'е').replaceAll('Ё', 'Е');
    if (chance(0.03)) out = ` ${out} `;
    return out;
  };
  const messyClass = (grade: number, letter: string): string => {
    const f = rnd();
    if (f < 0.7) return `${grade}${letter}`;
    if (f < 0.8) return `${grade} ${letter}`;
    if (f < 0.9) return `${grade}${letter.toLowerCase()}`;
    return `${grade}-${letter}`;
  };
  const messyDate = (y: number, m: number, d: number): string => {
    const f = rnd();
    const p2 = (n: number) => String(n).padStart(2, '0');
    if (f < 0.5) return `${p2(d)}.${p2(m)}.${y}`;
    if (f < 0.7) return `${d}.${m}.${y}`;
    return `${y}-${p2(m)}-${p2(d)}`;
  };

  interface Parent extends Person {
    phone: string;
    email: string | null;
  }
  interface Family {
    surname: string;
    mother: Parent;
    father: Parent | null;
    fatherName: string;
    children: number;
  }
  const newFamily = (): Family => {
    const surname = pick(SURNAMES);
    const fatherName = pick(MALE);
    const grandpa = pick(MALE);
    const mother: Parent = {
      surname: feminine(surname),
      name: pick(FEMALE),
      patronymic: patronymic(pick(MALE), true),
      phone: newPhone(),
      email: null,
    };
    if (chance(0.8)) mother.email = newEmail(mother);
    let father: Parent | null = null;
    if (chance(0.6)) {
      father = { surname, name: fatherName, patronymic: patronymic(grandpa, false), phone: newPhone(), email: null };
      if (chance(0.5)) father.email = newEmail(father);
    }
    return { surname, mother, father, fatherName, children: 0 };
  };

  const thisYear = 2026;
  const gradeCount = 11;
  const classesPerGrade = Math.max(1, Math.min(LETTERS.length, Math.ceil(studentCount / gradeCount / 28)));
  const families: Family[] = [];
  const rows: string[] = [
    'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Мать (ФИО);Телефон матери;Email матери;Отец (ФИО);Телефон отца;Email отца',
  ];
  const sample: GeneratedRoster['sample'] = [];
  const guardianKeys = new Set<string>();
  let links = 0;
  const classSet = new Set<string>();

  for (let i = 0; i < studentCount; i++) {
    // About one student in five has a brother or sister at the same school.
    const family = families.length > 0 && chance(0.2) ? pick(families) : newFamily();
    if (family.children === 0) families.push(family);
    family.children++;
    const grade = 1 + Math.floor(rnd() * gradeCount);
    const letter = LETTERS[Math.floor(rnd() * classesPerGrade)]!;
    const female = chance(0.5);
    let student: Person;
    let y: number;
    let m: number;
    let d: number;
    let key: string;
    do {
      student = {
        surname: female ? feminine(family.surname) : family.surname,
        name: female ? pick(FEMALE) : pick(MALE),
        patronymic: patronymic(family.fatherName, female),
      };
      y = thisYear - 6 - grade - (chance(0.3) ? 1 : 0);
      m = 1 + Math.floor(rnd() * 12);
      d = 1 + Math.floor(rnd() * 28);
      key = `${student.surname}|${student.name}|${student.patronymic}|${y}-${m}-${d}`.toLowerCase().replaceAll('ё', 'е');
    } while (usedStudents.has(key));
    usedStudents.add(key);
    classSet.add(`${grade}${letter}`);
    const full = (p: Person) => `${messyName(p.surname)} ${messyName(p.name)} ${messyName(p.patronymic)}`;
    const mother = family.mother;
    const father = family.father;
    rows.push(
      [
        messyClass(grade, letter),
        messyName(student.surname),
        messyName(student.name),
        messyName(student.patronymic),
        messyDate(y, m, d),
        female ? 'Ж' : 'М',
        full(mother),
        messyPhone(mother.phone),
        mother.email ? (chance(0.05) ? ` ${mother.email.toUpperCase()} ` : mother.email) : '',
        father ? full(father) : '',
        father ? messyPhone(father.phone) : '',
        father?.email ?? '',
      ].join(';'),
    );
    guardianKeys.add(mother.phone);
    links++;
    if (father) {
      guardianKeys.add(father.phone);
      links++;
    }
    const p2 = (n: number) => String(n).padStart(2, '0');
    if (i % 200 === 0) {
      sample.push({ kind: 'student', person: student, birthDate: `${y}-${p2(m)}-${p2(d)}`, className: `${grade}${letter}` });
      sample.push({ kind: 'guardian', person: mother, phone: mother.phone, ...(mother.email ? { email: mother.email } : {}) });
    }
  }
  const text = `${rows.join('\r\n')}\r\n`;
  return {
    bytes: iconv.encode(text, 'win1251'),
    text,
    students: studentCount,
    guardians: guardianKeys.size,
    links,
    classes: [...classSet].sort(),
    sample,
  };
}
