import { z } from '../z.ts';
import { Id, line } from './common.ts';

export const CodeScopeSchema = z.union([
  z.object({ classId: Id }).strict(),
  z.object({ studentIds: z.array(Id).min(1).max(100_000) }).strict(),
  z.object({ guardianId: Id }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const AudienceSchema = z.enum(['students', 'parents', 'all']);

export const LayoutSchema = z.union([z.literal(1), z.literal(2), z.literal(4)]);

export const IssueCodes = z
  .object({ scope: CodeScopeSchema, audience: AudienceSchema.default('all'), onlyMissing: z.boolean().default(true) })
  .strict();

export const ListCodes = z.object({ classId: Id.optional(), personId: Id.optional(), liveOnly: z.boolean().optional() }).strict();

export const CodeAction = z.object({ codeId: Id, reason: line(3, 200) }).strict();

export const PreparePrint = z
  .object({
    kind: z.enum(['invitations', 'families']),
    scope: CodeScopeSchema,
    audience: AudienceSchema.default('all'),
    layout: LayoutSchema.default(2),
    /** Only codes never printed yet (new students, reissued codes): a top-up run. */
    onlyUnprinted: z.boolean().default(false),
    /** Only these codes of the scope (the ones just reissued): never hand an unchanged slip out again by mistake. */
    codeIds: z.array(Id).min(1).max(1000).optional(),
  })
  .strict();

export const FamilyGapsInput = z.object({ scope: CodeScopeSchema }).strict();

/** All of a parent's codes for their children, reissued at once (a parent who lost the family sheet). */
export const GuardianReissue = z.object({ guardianId: Id, reason: line(3, 200) }).strict();

export const PrintRef = z.object({ printId: z.string().uuid() }).strict();

export const MarkPrinted = z.object({ printId: z.string().uuid(), via: z.enum(['printer', 'pdf']) }).strict();
