import type { Locale } from '../domain/customer.js';
import type { Money } from '../domain/money.js';
import type { OfferKind } from '../domain/offers.js';
import { formatAmount } from '../responses/format.js';

/** Everything the customer's status page says, in the customer's language. No internal words here. */
export type Texts = Record<Locale, string>;

export const STEPS: Array<{ step: string; title: Texts }> = [
  { step: 'apologize', title: { ru: 'Разбираемся и приносим извинения', en: 'Looking into it and apologising' } },
  { step: 'explain', title: { ru: 'Объясняем, что случилось и что изменим', en: 'Explaining what happened and what changes' } },
  { step: 'compensate', title: { ru: 'Возмещаем неудобства', en: 'Making up for it' } },
  { step: 'followUp', title: { ru: 'Уточняем, всё ли в порядке', en: 'Checking that all is well' } },
  { step: 'resolved', title: { ru: 'Готово', en: 'Done' } },
];
export const ORDER = ['triage', 'personalCall', ...STEPS.map((s) => s.step), 'wonBack', 'lost'];

export const SKIPPED: Texts = { ru: 'не потребовалось', en: 'not needed' };

/** What the page says first and last, by where the case stands: a closed case is not "being put right". */
export type Standing = 'open' | 'resolved' | 'wonBack' | 'lost';
export const INTRO: Record<Standing, Texts> = {
  open: {
    ru: 'спасибо, что рассказали нам. Нам очень жаль, что так вышло, и мы всё исправим.',
    en: 'thank you for telling us. We are sorry it happened, and we are putting it right.',
  },
  resolved: {
    ru: 'спасибо, что дали нам возможность всё исправить.',
    en: 'thank you for giving us the chance to put it right.',
  },
  wonBack: {
    ru: 'спасибо, что остаётесь с нами!',
    en: 'thank you for staying with us!',
  },
  lost: {
    ru: 'спасибо, что рассказали нам об этой проблеме.',
    en: 'thank you for telling us about this problem.',
  },
};
export const STATUS_TEXT: Record<Standing, Texts> = {
  open: { ru: 'Мы работаем над вашим обращением.', en: 'We are working on your request.' },
  resolved: { ru: 'Обращение решено. Спасибо за терпение!', en: 'Your request is resolved. Thank you for your patience!' },
  wonBack: { ru: 'Обращение закрыто. Рады, что вы снова с нами.', en: 'Your request is closed. We are glad to have you back.' },
  lost: {
    ru: 'Обращение закрыто. Если что-то всё ещё не так, напишите нам — мы разберёмся.',
    en: 'Your request is closed. If anything is still wrong, write to us and we will look into it.',
  },
};

/** Why an answer was not taken, said to the customer; the page below shows where the request stands now. */
export type Notice = 'stale' | 'forged' | 'noOffer' | 'invalid';
export const NOTICES: Record<Notice, Texts> = {
  stale: {
    ru: 'Страница устарела: пока она была открыта, обращение изменилось. Ниже — как обстоят дела сейчас.',
    en: 'This page was out of date: your request changed while it was open. Here is where it stands now.',
  },
  forged: {
    ru: 'Мы не смогли проверить эту форму, поэтому ничего не изменили. Обновите страницу и попробуйте ещё раз.',
    en: 'We could not verify this form, so nothing was changed. Reload the page and try again.',
  },
  noOffer: {
    ru: 'Сейчас нет предложения, которое ждёт вашего ответа. Ниже — как обстоят дела с обращением.',
    en: 'There is no offer waiting for your answer right now. Here is where your request stands.',
  },
  invalid: {
    ru: 'Ответ не получилось прочитать. Обновите страницу и попробуйте ещё раз.',
    en: 'We could not read that answer. Reload the page and try again.',
  },
};

/** The customer's own words about their answer. */
export const ANSWERED = {
  accepted: { ru: 'Вы приняли наше предложение: {offer}. Мы скоро всё оформим.', en: 'You accepted our offer: {offer}. We will arrange it shortly.' },
  issued: { ru: 'Компенсация оформлена: {offer}.', en: 'Your compensation has been arranged: {offer}.' },
  declined: {
    ru: 'Вы отказались от предложения. Спасибо, что сказали — мы подберём другое и напишем вам.',
    en: 'You declined the offer. Thank you for telling us: we will find something better and write to you.',
  },
} as const satisfies Record<string, Texts>;

/** The offer as the customer reads it: "10% off your next order", "a refund of 500 ₽". */
export function offerText(kind: OfferKind, percent: number | null, value: Money, locale: Locale): string {
  const amount = formatAmount(value, locale);
  const texts: Record<OfferKind, Texts> = {
    discount: { ru: `скидка ${percent ?? 0}% на следующий заказ`, en: `${percent ?? 0}% off your next order` },
    credit: { ru: `${amount} бонусами на ваш счёт`, en: `${amount} of credit on your account` },
    refund: { ru: `возврат ${amount}`, en: `a refund of ${amount}` },
    extraService: { ru: 'бесплатная дополнительная услуга', en: 'a free extra service' },
    gift: { ru: 'подарок от нас', en: 'a gift from us' },
  };
  return texts[kind][locale];
}

/** Only the first name of the person on the case: enough to know who writes, nothing more. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
