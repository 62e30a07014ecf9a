// The bar of long work (src-shared/work.ts): what it is doing, n of total, cancel.
import type { WorkPhase, WorkTask } from '../work.ts';
import { ruHost } from './ru-host.ts';

const n = (x: number) => x.toLocaleString('ru-RU');
const of = (what: string) => (done: number, total: number) => `${what}: ${n(done)} из ${n(total)}`;

export const ruWork = {
  /** The bar's line for a task in a phase. */
  label: (task: WorkTask, phase: WorkPhase, done: number, total: number): string => {
    switch (phase) {
      case 'read':
        return ruHost.progress.read(done, total);
      case 'apply':
        return task === 'import' ? ruHost.progress.written(done, total) : ruHost.progress.matched(done, total);
      case 'issue':
        return of('Выдаём коды, учеников')(done, total);
      case 'slips':
        return of('Готовим бланки')(done, total);
      case 'copy':
        return of('Копируем базу, страниц')(done, total);
      case 'push':
        return of('Синхронизация: отправлено изменений')(done, total);
      case 'pull':
        return of('Синхронизация: получено изменений')(done, total);
      case 'index':
        return 'Списки записаны. Обновляем поиск по новым спискам…';
    }
  },
  cancel: {
    analyze: ruHost.progress.cancel,
    import: ruHost.progress.cancel,
    issue: 'Отменить выдачу',
    print: 'Отменить подготовку',
    backup: 'Отменить',
    sync: 'Отменить',
  } satisfies Record<WorkTask, string>,
  cancelling: ruHost.progress.cancelling,
  errors: {
    issueCancelled: 'Выдача кодов отменена: ни один код не выдан и не отозван.',
    printCancelled: 'Подготовка бланков отменена: ничего не напечатано.',
  },
};
