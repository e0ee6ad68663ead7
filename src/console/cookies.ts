import type { Request, Response } from 'express';

/** Cookies of a request by name; a tiny parser (the console sets only three, all URL-safe). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax, and Secure when the request came over https (behind a proxy: trust proxy). */
export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeMs?: number): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}) });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
