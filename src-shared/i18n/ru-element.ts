// Element Plus's Russian locale leaves some strings in English («Close this dialog», «Select all
// rows» …): screen readers read them out. These fill the gaps; `completeElementLocale` lays them over
// the library's own Russian locale.

type Tree = { [key: string]: string | Tree | string[] };

export const elementPlusRuGaps = {
  colorpicker: {
    defaultLabel: 'выбор цвета',
    description: 'текущий цвет {color}. Нажмите Enter, чтобы выбрать другой.',
    alphaLabel: 'прозрачность',
    alphaDescription: 'прозрачность {alpha}, текущий цвет {color}',
    hueLabel: 'оттенок',
    hueDescription: 'оттенок {hue}, текущий цвет {color}',
    svLabel: 'насыщенность и яркость',
    svDescription: 'насыщенность {saturation}, яркость {brightness}, текущий цвет {color}',
    predefineDescription: 'выбрать цвет {value}',
  },
  datepicker: {
    dateTablePrompt: 'Выберите день стрелками и нажмите Enter',
    monthTablePrompt: 'Выберите месяц стрелками и нажмите Enter',
    quarterTablePrompt: 'Выберите квартал стрелками и нажмите Enter',
    yearTablePrompt: 'Выберите год стрелками и нажмите Enter',
    selectedDate: 'Выбранная дата',
    weeksFull: {
      sun: 'воскресенье',
      mon: 'понедельник',
      tue: 'вторник',
      wed: 'среда',
      thu: 'четверг',
      fri: 'пятница',
      sat: 'суббота',
    },
  },
  inputNumber: { decrease: 'уменьшить', increase: 'увеличить' },
  dropdown: { toggleDropdown: 'Открыть или закрыть список' },
  pagination: {
    deprecationWarning: 'Устаревшее использование el-pagination: см. документацию',
  },
  dialog: { close: 'Закрыть окно' },
  drawer: { close: 'Закрыть панель' },
  messagebox: { close: 'Закрыть окно' },
  slider: {
    defaultLabel: 'ползунок от {min} до {max}',
    defaultRangeStartLabel: 'начальное значение',
    defaultRangeEndLabel: 'конечное значение',
  },
  table: {
    selectAllLabel: 'Выбрать все строки',
    selectRowLabel: 'Выбрать строку',
    expandRowLabel: 'Развернуть строку',
    collapseRowLabel: 'Свернуть строку',
    sortLabel: 'Сортировать по столбцу «{column}»',
    filterLabel: 'Отобрать по столбцу «{column}»',
  },
  tag: { close: 'Убрать' },
  tour: { close: 'Закрыть' },
  inputOTP: { groupLabel: 'Одноразовый код', defaultLabel: 'Символ кода {index}' },
} satisfies Tree;

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    out[k] = typeof v === 'object' && !Array.isArray(v) && typeof b === 'object' && !Array.isArray(b) ? merge(b, v) : v;
  }
  return out;
}

/** The library's Russian locale with its English leftovers in Russian. */
export function completeElementLocale<L extends { name: string; el: object }>(locale: L): L {
  return { ...locale, el: merge(locale.el as Tree, elementPlusRuGaps) } as L;
}
