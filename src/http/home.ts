import type { RequestHandler } from 'express';
import type { Locale } from '../domain/customer.js';
import { renderPage } from './pages.js';

const TEXTS: Record<Locale, { about: string; openapi: string; health: string; metrics: string; console: string; signIn: string }> = {
  ru: {
    about: 'Amends — движок работы с жалобами клиентов: каждая жалоба становится делом с ответственным, сроками и бюджетом компенсации.',
    openapi: 'описание API (OpenAPI); сам API — под /api/v1, с токеном',
    health: 'состояние сервера',
    metrics: 'метрики Prometheus',
    console: 'Консоль для сотрудников поддержки и руководителей:',
    signIn: 'войти',
  },
  en: {
    about: 'Amends is a complaint-resolution workflow engine: every complaint becomes a case with an owner, deadlines and a compensation budget.',
    openapi: 'the API contract (OpenAPI); the API itself is under /api/v1, with a token',
    health: 'server health',
    metrics: 'Prometheus metrics',
    console: 'The console for handlers and leads:',
    signIn: 'sign in',
  },
};

/** `GET /`: what this server is and where to go, in the reader's language (Accept-Language, English by default). */
export const homePage: RequestHandler = (req, res) => {
  const lang: Locale = req.acceptsLanguages('en', 'ru') === 'ru' ? 'ru' : 'en';
  const t = TEXTS[lang];
  const links = [
    { href: '/openapi.json', what: t.openapi },
    { href: '/healthz', what: t.health },
    { href: '/metrics', what: t.metrics },
  ];
  res.vary('Accept-Language').vary('Accept');
  const html = () => res.type('html').send(renderPage('home', { lang, about: t.about, links, console: t.console, signIn: t.signIn }));
  res.format({
    html,
    json: () => res.json({ name: 'Amends', about: t.about, links: Object.fromEntries(links.map((l) => [l.href, l.what])) }),
    default: html,
  });
};
