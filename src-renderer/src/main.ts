import '@shared/z.ts'; // configures zod (Russian messages, no eval) before any schema is built
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './styles/app.css';
import App from './App.vue';
import { router } from './router.ts';

const app = createApp(App);
app.use(createPinia());
app.use(router);
app.use(ElementPlus);
app.mount('#app');
