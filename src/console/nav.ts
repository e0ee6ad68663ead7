import type { Role } from '../domain/roles.js';

export interface NavItem {
  href: string;
  /** Console text key of the label. */
  label: string;
  /** Who sees the link; everyone signed in when omitted. */
  roles?: readonly Role[];
}

/** The header's links, in order. A new page family adds its entry here. */
export const NAV: NavItem[] = [
  { href: '/queue', label: 'nav.queue' },
  { href: '/approvals', label: 'nav.approvals', roles: ['lead', 'admin'] },
  { href: '/conflicts', label: 'nav.conflicts', roles: ['lead', 'admin'] },
  { href: '/team', label: 'nav.team', roles: ['lead', 'admin'] },
  { href: '/admin/people', label: 'nav.people', roles: ['admin'] },
  { href: '/admin/budget', label: 'nav.budget', roles: ['admin'] },
  { href: '/admin/calendar', label: 'nav.calendar', roles: ['lead', 'admin'] },
];

export function navFor(role: Role, currentPath: string) {
  return NAV.filter((n) => !n.roles || n.roles.includes(role)).map((n) => ({
    href: n.href,
    label: n.label,
    current: currentPath === n.href || currentPath.startsWith(`${n.href}/`) || (n.href === '/queue' && currentPath === '/'),
  }));
}
