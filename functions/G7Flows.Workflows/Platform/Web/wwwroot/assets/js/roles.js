// What the signed-in caller's roles let them see; the API decides what they may do.

/** The roles that make a caller a reviewer of some kind (they have an inbox). */
export const reviewerRoles = ['reviewer', 'security-reviewer', 'human-rights-reviewer', 'approver'];

/** Whether the caller has any of the roles. */
export function hasRole(who, ...roles) {
  return !!who && roles.some(r => who.roles.includes(r));
}

/** Whether the caller is staff (or admin). */
export function isStaff(who) {
  return hasRole(who, 'staff', 'admin');
}
