/** Quoting for commands we print for people to paste (resend hints, profile add lines). */
export const shellQuote = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** `ticket -p PROFILE args...`, quoted. Every hint names the profile, so it never goes to another helpdesk. */
export const ticketCommand = (profile: string, ...args: string[]): string => ["ticket", "-p", profile, ...args].map(shellQuote).join(" ");
