import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'access-keys',
  title: { ru: 'Доступ в дом или ключи', en: 'Access or keys' },
  description: {
    ru: 'Проблема с доступом: исполнитель потерял или не вернул ключи, оставил дверь открытой, не закрыл квартиру или передал доступ кому-то ещё.',
    en: 'An access problem: the provider lost or kept the keys, left the door open, did not lock up, or passed access to someone else.',
  },
  severity: 'high',
  recognise: {
    aspects: ['safety', 'care'],
    keywords: {
      ru: ['ключи', 'ключ', 'не закрыл дверь', 'дверь открытой', 'не запер', 'оставил дверь', 'домофон', 'консьерж', 'не вернул ключи', 'потерял ключи', 'сигнализация', 'замок', 'ключи не вернули', 'ключи не отдали', 'не отдал ключи', 'не закрыла', 'не закрыл', 'не закрыли', 'дверь на балкон', 'окно открытым', 'дверь нараспашку'],
      en: ['keys', 'key', 'door open', 'left the door', 'did not lock', "didn't lock", 'unlocked', 'lock the door', 'alarm', 'key box', 'lockbox', 'access code', 'left the balcony door', 'door wide open', 'left the window open', 'left open'],
    },
  },
  budget: { RUB: 500_000, EUR: 10_000, USD: 10_000 },
  offers: [
    { kind: 'refund', value: { RUB: 300_000, EUR: 6_000, USD: 6_000 }, title: { ru: 'Возмещение замены замка или изготовления ключей', en: 'A refund for changing the lock or cutting new keys' } },
    { kind: 'discount', percent: 20, title: { ru: 'Скидка 20% на следующий заказ', en: '20% off the next order' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  // Billing and account staff work office hours: first answers and decisions count working time.
  businessHours: ['triage', 'apologize', 'compensate', 'approval'],
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } },
      { id: 'secure', do: { ru: 'Сразу свяжитесь с исполнителем и узнайте, где ключи сейчас', en: 'Reach the provider at once and find out where the keys are now' } },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Позвоните клиенту {due}', en: 'Call the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что мы подвели доверие клиента', en: 'Admit that we let down the customer’s trust' },
        say: {
          ru: 'Вы доверили нам свой дом, а мы не обеспечили его безопасность. Простите нас — мы сделаем всё, чтобы это исправить.',
          en: 'You trusted us with your home and we did not keep it secure. We are sorry, and we will do everything to put it right.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Восстановите по шагам, как обращались с ключами и дверью', en: 'Reconstruct step by step how the keys and the door were handled' } },
      { id: 'prevention', do: { ru: 'Расскажите, как изменим правила передачи ключей', en: 'Say how the key handover rules will change' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Предложите оплатить замену замка или новые ключи', en: 'Offer to pay for a new lock or new keys' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что доступ в дом снова под контролем клиента', en: 'Make sure the customer is back in control of access to the home' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель возмещает 50% расходов на замок и ключи.', en: 'The provider pays back 50% of the cost of the lock and keys.' },
    bands: [{ percent: 50 }],
  },
});
