// Every feature of the portal, in one list: each adds its pages to the server.
import type { Feature } from './http/server.ts';
import { landingFeature } from './registration/landing.ts';
import { syncFeature } from './sync/routes.ts';
import { accountsFeature } from './accounts/pages.ts';
import { deskFeature } from './desk/pages.ts';
import { recoveryFeature } from './recovery/pages.ts';

export const FEATURES: readonly Feature[] = [landingFeature, accountsFeature, syncFeature, recoveryFeature, deskFeature];
