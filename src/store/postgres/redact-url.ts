/** A database URL as it may be shown in messages and logs: its password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    // Not parseable: hide whatever sits between "://user:" and "@".
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
  }
}
