/**
 * A browser-like client for console tests without a browser: keeps cookies, posts urlencoded forms,
 * does not follow redirects (tests look at them), and reads the CSRF token out of the last page.
 */
export function formClient(baseUrl: string) {
  const jar = new Map<string, string>();
  let lastHtml = '';
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = (pair ?? '').indexOf('=');
      if (eq < 0) continue;
      const name = (pair ?? '').slice(0, eq).trim();
      const value = (pair ?? '').slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const send = async (method: string, path: string, body?: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'text/html', ...(jar.size ? { cookie: cookieHeader() } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      body: body ? new URLSearchParams(body).toString() : undefined,
    });
    remember(res);
    const html = await res.text();
    // A redirect's little HTML body has no form: the token stays the one of the last page.
    if (html.includes('name="_csrf"')) lastHtml = html;
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, html };
  };
  return {
    jar,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    /** Post a form with the CSRF token of the last page read (unless the body names its own). */
    post: (path: string, body: Record<string, string> = {}) => send('POST', path, { _csrf: csrfOf(lastHtml), ...body }),
    postRaw: (path: string, body: Record<string, string>) => send('POST', path, body),
    async signIn(email: string, password: string) {
      await send('GET', '/sign-in');
      const res = await send('POST', '/sign-in', { _csrf: csrfOf(lastHtml), email, password, next: '/queue' });
      if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
      await send('GET', '/queue');
      return res;
    },
  };
}

export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}
