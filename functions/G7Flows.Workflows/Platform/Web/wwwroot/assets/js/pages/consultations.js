// The consultation pages: the staff's list and start form, and one consultation's page (for reviewers and staff).
import * as list from './consultation-list.js';
import * as start from './consultation-start.js';
import * as view from './consultation-view.js';

// '/consultations/new' comes before '/consultations/:id', which would match it too.
export const routes = [list.route, start.route, view.route];
