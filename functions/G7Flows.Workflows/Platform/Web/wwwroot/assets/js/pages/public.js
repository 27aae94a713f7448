// Placeholder: this page module is being written.
import { h } from '../dom.js';

export const routes = [{ path: '/public', title: 'public', render: () => [h('h1', {}, 'public')] }];
