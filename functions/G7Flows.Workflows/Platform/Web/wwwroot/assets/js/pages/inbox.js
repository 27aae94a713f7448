// Placeholder: this page module is being written.
import { h } from '../dom.js';

export const routes = [{ path: '/inbox', title: 'inbox', render: () => [h('h1', {}, 'inbox')] }];
