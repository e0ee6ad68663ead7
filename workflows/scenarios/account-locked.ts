import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'account-locked',
  title: { ru: 'Аккаунт заблокирован', en: 'Account locked' },
  description: {
    ru: 'Клиент не может попасть в свой аккаунт: его заблокировали, не приходит код входа или не работает восстановление пароля.',
    en: 'The customer cannot get into their account: it was locked, the sign-in code does not arrive, or the password reset fails.',
  },
  severity: 'high',
  recognise: {
    aspects: ['account', 'app'],
    keywords: {
      ru: ['заблокировали аккаунт', 'аккаунт заблокирован', 'заблокировали', 'блокировка', 'не могу войти', 'не приходит код', 'не приходит смс', 'восстановить пароль', 'сброс пароля', 'доступ к аккаунту', 'личный кабинет', 'учетная запись', 'восстановить доступ', 'не могу зайти'],
      en: ['account locked', 'locked out', 'account is locked', 'account suspended', 'blocked my account', 'account was blocked', 'cannot log in', "can't log in", 'password reset', 'reset my password', 'verification code', 'two-factor', 'sign in', 'get back into my account', 'into my account', 'access to my account', "can't get into"],
    },
  },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'credit', value: { RUB: 50_000, EUR: 1_000, USD: 1_000 }, title: { ru: 'Зачёт в следующий счёт за время без доступа', en: 'Credit on the next invoice for the time without access' } },
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий месяц', en: '10% off next month' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'verify', do: { ru: 'Подтвердите личность клиента по принятой процедуре', en: 'Verify the customer’s identity by the usual procedure' } },
    ],
    apologize: [
      { id: 'restore', do: { ru: 'Верните доступ {due}', en: 'Restore access {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что клиент остался без доступа по нашей вине', en: 'Admit that the customer was left without access because of us' },
        say: {
          ru: 'Вы не могли попасть в свой аккаунт, и это наша ответственность. Простите — доступ уже восстановлен.',
          en: 'You could not get into your account, and that is our responsibility. We are sorry; access is restored now.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Объясните, почему сработала блокировка, без упрёков клиенту', en: 'Explain why the lock was triggered, without reproaching the customer' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите зачёт за время без доступа', en: 'Offer credit for the time without access' } }],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что вход работает', en: 'Make sure signing in works' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
