// Placeholder: this page module is being written.
import { h } from '../dom.js';

export const routes = [{ path: '/disclosures', title: 'disclosures', render: () => [h('h1', {}, 'disclosures')] }];
