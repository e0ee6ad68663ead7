import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'booking-failed',
  title: { ru: 'Не удалось оформить заказ в приложении', en: 'Booking failed in the app' },
  description: {
    ru: 'Клиент не смог оформить или оплатить заказ в приложении или на сайте: ошибка, зависание, заказ пропал после оплаты.',
    en: 'The customer could not place or pay for an order in the app or on the site: an error, a freeze, an order gone after paying.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['app', 'availability'],
    keywords: {
      ru: ['не могу оформить', 'не получается оформить', 'не оформляется', 'заказ не создался', 'заказ не оформился', 'приложение вылетает', 'приложение зависает', 'приложение не работает', 'ошибка при оплате', 'не проходит оплата', 'кнопка не нажимается', 'заказ пропал', 'в приложении', 'ошибка при оформлении', 'не оформить', 'не могу заказать', 'не получается заказать', 'при оформлении заказа', 'оформить невозможно', 'невозможно оформить', 'не дает выбрать', 'не дает оформить', 'не могу выбрать дату', 'бесконечно крутится', 'крутится загрузка', 'бесконечная загрузка'],
      en: ['app crashes', 'app crashed', 'app keeps crashing', 'app freezes', 'cannot book', "can't book", 'could not book', 'booking failed', 'unable to book', 'order did not go through', 'checkout error', 'payment failed', 'in the app', 'button does nothing', 'place an order', 'error when ordering', 'error message', 'cannot place', "can't place", 'unable to place', 'try to order', 'will not let me', "won't let me", 'cannot order', "can't order", 'choose a date', 'spins forever', 'loading forever', 'check out', 'checkout', 'stuck on payment'],
    },
  },
  budget: { RUB: 50_000, EUR: 1_000, USD: 1_000 },
  offers: [
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на заказ, который не удалось оформить', en: '10% off the order that failed' } },
    { kind: 'credit', value: { RUB: 30_000, EUR: 600, USD: 600 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'details', do: { ru: 'Узнайте устройство, версию приложения и время ошибки; передайте разработчикам', en: 'Get the device, the app version and the time of the error; pass them to the developers' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due} и оформите заказ за него вручную', en: 'Reply to the customer {due} and place the order for them by hand' } },
      {
        id: 'admit',
        do: { ru: 'Признайте сбой приложения', en: 'Admit the app failed' },
        say: {
          ru: 'Наше приложение не дало вам оформить заказ — это наша ошибка. Простите, я уже оформил заказ за вас.',
          en: 'Our app did not let you place the order, and that is our fault. We are sorry; I have already placed it for you.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Расскажите простыми словами, что сломалось', en: 'Explain in plain words what broke' } },
      { id: 'no-blame', do: { ru: 'Не советуйте «переустановить приложение» как решение: ошибка на нашей стороне', en: 'Do not offer “reinstall the app” as the fix: the fault is on our side' } },
      { id: 'prevention', do: { ru: 'Скажите, когда выйдет исправление', en: 'Say when the fix will ship' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите скидку или бонусы', en: 'Offer a discount or account credit' } }],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, удаётся ли теперь оформлять заказы', en: 'Ask whether ordering works now' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
