import '@shared/z.ts'; // configures zod (Russian messages, no eval) before any schema is built
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import ruLocale from 'element-plus/es/locale/lang/ru';
import { completeElementLocale } from '@shared/i18n/ru-element.ts';
import 'element-plus/dist/index.css';
import './styles/app.css';
import App from './App.vue';
import { router } from './router.ts';

const app = createApp(App);
app.use(createPinia());
app.use(router);
// The locale at app level too: message boxes opened by function (ElMessageBox) see only the app's
// context, not the config provider of App.vue, and would speak English.
app.use(ElementPlus, { locale: completeElementLocale(ruLocale) });
app.mount('#app');
