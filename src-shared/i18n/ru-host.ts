// Strings of the core's worker thread: the core started again after a crash, an import that ran out
// of memory, the import wizard's progress bar.

export const ruHost = {
  progress: {
    read: (done: number, total: number) => `Прочитано строк: ${done.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')}`,
    matched: (done: number, total: number) => `Проверено людей: ${done.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')}`,
    written: (done: number, total: number) => `Записано людей: ${done.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')}`,
    cancel: 'Отменить загрузку',
    cancelling: 'Отменяем… В базе ничего не изменится.',
  },
  errors: {
    coreRestarted:
      'Рабочая часть программы остановилась из-за сбоя и запущена заново. Данные в базе в порядке, но сеанс завершён: войдите снова. Последнее действие могло не выполниться — проверьте его.',
    importOutOfMemory:
      'Файл слишком велик или устроен так, что программе не хватило памяти на его разбор. Разбор прерван, в базе ничего не изменилось, программа продолжает работу. Разбейте файл на части или сохраните его в формате CSV.',
    importCancelled: 'Загрузка отменена: в базе ничего не изменилось.',
    importWorkerFailed: 'Разбор файла прервался из-за внутренней ошибки. В базе ничего не изменилось, программа продолжает работу.',
  },
};
