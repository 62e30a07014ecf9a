import type { Core } from '../core.ts';
import type { HandlerGroup } from './types.ts';

export function deskHandlers(
  core: Core,
): HandlerGroup<'addStudent' | 'unlinkGuardian' | 'setGuardianRelation' | 'listStaff' | 'setClassTeacher' | 'yearEndPreview' | 'yearEnd'> {
  const { desk, yearEnd } = core;
  return {
    addStudent: (ctx, input) => desk.addStudent(ctx.actor(), input),
    unlinkGuardian: (ctx, input) => desk.unlinkGuardian(ctx.actor(), input),
    setGuardianRelation: (ctx, input) => {
      desk.setRelation(ctx.actor(), input);
      return null;
    },
    listStaff: () => desk.staff(),
    setClassTeacher: (ctx, input) => desk.setClassTeacher(ctx.actor(), input),
    yearEndPreview: () => yearEnd.plan(),
    yearEnd: (ctx, input) => yearEnd.apply(ctx.actor(), input.version),
  };
}
