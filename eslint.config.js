import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNode = {
  group: nodeBuiltins,
  message: 'Renderer and shared code run without Node: move this to src-main/core and call it through the RPC contract.',
};
const noMain = {
  group: ['**/src-main/**', '**/src-main'],
  message: 'The renderer talks to the core only through the RPC contract (src-shared/rpc).',
};
const noElectron = {
  group: ['electron', 'electron/*', 'electron-store', '**/src-main/electron/**'],
  message: 'The Node core must run without Electron: put Electron glue in src-main/electron.',
};
const noNodeShared = {
  group: ['**/src-node/**', '**/src-node'],
  message: 'src-node is Node-only (passwords, HTML, CSV): the renderer and src-shared cannot use it.',
};
const noPortal = {
  group: ['**/src-portal/**', '**/src-portal'],
  message: 'The office never imports portal code: they meet only through the sync protocol (src-shared/sync).',
};
const noOffice = {
  group: ['**/src-main/**', '**/src-main'],
  message: 'The portal never imports office code: shared rules live in src-shared, Node helpers in src-node.',
};
const noRenderer = { group: ['**/src-renderer/**', 'vue', 'vue-router', 'pinia', 'element-plus'], message: 'Shared code is UI-free.' };

export default defineConfig(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/attribute-hyphenation': 'off',
      'vue/v-on-event-hyphenation': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, noMain, noElectron, noNodeShared, noPortal] }],
      'vue/no-v-html': 'error',
    },
  },
  {
    files: ['src-shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noNode, noMain, noElectron, noRenderer, noNodeShared, noPortal] }] },
  },
  {
    files: ['src-main/core/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noPortal] }] },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPortal] }] },
  },
  {
    files: ['src-node/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noOffice, noPortal] }] },
  },
  {
    files: ['src-portal/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noOffice] }] },
  },
  {
    files: ['src-main/electron/**', 'scripts/**', 'tests/**', 'bench/**', '*.config.ts', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  // Layout is Prettier's alone (checked by `npm run lint`): no ESLint rule argues about it.
  prettier,
);
