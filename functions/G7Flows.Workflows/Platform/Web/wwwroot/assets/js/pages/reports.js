// Placeholder: this page module is being written.
import { h } from '../dom.js';

export const routes = [{ path: '/reports', title: 'reports', render: () => [h('h1', {}, 'reports')] }];
