// Placeholder: this page module is being written.
import { h } from '../dom.js';

export const routes = [{ path: '/consultations', title: 'consultations', render: () => [h('h1', {}, 'consultations')] }];
