import { ensureBuilt } from '../../scripts/project.ts';

/** The end-to-end tests drive the built app: build it once, before any test starts. */
export default function setup(): void {
  ensureBuilt();
}
