import { z } from '../z.ts';

/** The «Портал» section of the settings: the registration address as printed, and the key from the portal's admin. */
export const PairPortal = z
  .object({
    url: z.string().trim().min(1).max(300),
    key: z.string().trim().min(1).max(100),
  })
  .strict();

/** A new key for the paired office the portal forgot (its admin issued a new key): the address stays. */
export const PairPortalAgain = PairPortal.pick({ key: true }).strict();
