// One configured zod for the whole app: Russian default messages, and no `new Function`
// (the renderer runs under a CSP without 'unsafe-eval'; zod's JIT would trip it).
import { z } from 'zod';

z.config(z.locales.ru());
z.config({ jitless: true });

export { z };
