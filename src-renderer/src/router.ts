import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './stores/session.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a signed-in operator. */
    public?: boolean;
    /** Only for role «Куратор». */
    curator?: boolean;
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/setup', name: 'setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
  { path: '/signin', name: 'signin', component: () => import('./views/SignInView.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue') },
  { path: '/classes', name: 'classes', component: () => import('./views/ClassesView.vue') },
  { path: '/classes/:id(\\d+)', name: 'class', component: () => import('./views/ClassView.vue') },
  { path: '/people/:id(\\d+)', name: 'person', component: () => import('./views/PersonView.vue') },
  { path: '/registration', name: 'registration', component: () => import('./views/RegistrationView.vue') },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue') },
  { path: '/archive', name: 'archive', component: () => import('./views/ArchiveView.vue') },
  { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue') },
  { path: '/operators', name: 'operators', component: () => import('./views/OperatorsView.vue'), meta: { curator: true } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
  { path: '/backups', name: 'backups', component: () => import('./views/BackupsView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSession();
  if (!session.status) await session.refresh();
  const status = session.status;
  if (!status) return true; // the shell shows the connection error
  if (!status.setupDone) return to.name === 'setup' ? true : { name: 'setup' };
  if (to.name === 'setup') return { name: 'signin' };
  if (!session.signedIn) return to.meta.public ? true : { name: 'signin', query: { next: to.fullPath } };
  if (to.name === 'signin') return { name: 'home' };
  if (to.meta.curator && !session.isCurator) return { name: 'home' };
  return true;
});
