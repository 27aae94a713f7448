// What the signed-in caller's roles let them see; the API decides what they may do.

/** The roles that make a caller a reviewer of some kind (they have an inbox). */
const reviewerRoles = ['reviewer', 'security-reviewer', 'human-rights-reviewer', 'approver'];

/** Whether the caller has any of the roles. */
export function hasRole(who, ...roles) {
  return !!who && roles.some(r => who.roles.includes(r));
}

/** Whether the caller is staff (or admin). */
export function isStaff(who) {
  return hasRole(who, 'staff', 'admin');
}

/** Whether the caller has an inbox (any reviewer role). */
export function seesInbox(who) {
  return hasRole(who, ...reviewerRoles);
}

/** Whether the app leads the caller to the consultations (navigation, start page): staff, and reviewers (their nation's). */
export function seesConsultations(who) {
  return isStaff(who) || hasRole(who, 'reviewer');
}

/** Whether the app leads the caller to the disclosures: staff, the disclosure reviewers and approvers, and civil society. */
export function seesDisclosures(who) {
  return isStaff(who) || hasRole(who, 'security-reviewer', 'human-rights-reviewer', 'approver', 'civil-society');
}

/** Whether the app leads the caller to the reports: staff only. */
export function seesReports(who) {
  return isStaff(who);
}
