import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'missing-item',
  title: { ru: 'Пропажа или недовложение', en: 'Missing item' },
  description: {
    ru: 'После визита исполнителя пропала вещь клиента или в доставке не хватает части заказа.',
    en: 'Something of the customer’s went missing after the provider’s visit, or part of a delivery did not arrive.',
  },
  severity: 'high',
  recognise: {
    aspects: ['completeness', 'care', 'quality'],
    keywords: {
      ru: ['пропал', 'пропала', 'пропало', 'не хватает', 'не привезли', 'потеряли', 'исчез', 'недовложение', 'в заказе не было', 'не положили', 'забыли положить'],
      en: ['missing', 'lost', 'disappeared', 'not delivered', 'not in the bag', 'gone', 'short delivery', 'not in the order', 'not in my order', 'were not in', 'forgot to include', 'left out'],
    },
  },
  budget: { RUB: 500_000, EUR: 10_000, USD: 10_000 },
  offers: [
    { kind: 'extraService', value: { RUB: 50_000, EUR: 1000, USD: 1000 }, title: { ru: 'Бесплатная доставка недостающего', en: 'Free delivery of what is missing' } },
    { kind: 'refund', value: { RUB: 300_000, EUR: 6000, USD: 6000 }, title: { ru: 'Возмещение стоимости вещи', en: 'A refund of the item’s value' } },
    { kind: 'credit', value: { RUB: 50_000, EUR: 1000, USD: 1000 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P3D', followUp: 'P7D', overall: 'P10D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'details',
        do: {
          ru: 'Запишите, что именно пропало и сколько это стоит; чек или фото — если есть, но не требуйте их',
          en: 'Note exactly what is missing and what it is worth; a receipt or photo helps if there is one, but do not demand it',
        },
      },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Перезвоните клиенту {due}', en: 'Call the customer back {due}' } },
      {
        id: 'admit',
        do: { ru: 'Извинитесь и возьмите поиск на себя', en: 'Apologise and take the search upon yourselves' },
        say: {
          ru: 'Простите, что так вышло. За сохранность отвечаем мы, поэтому сами всё выясним и вернёмся к вам с ответом: срок виден на странице вашего обращения.',
          en: 'We are sorry this happened. Keeping your things safe is our responsibility, so we will look into it ourselves and come back to you with an answer: the page of your request shows by when.',
        },
      },
      {
        id: 'no-blame',
        do: {
          ru: 'Не просите клиента «поискать ещё раз» и никого не обвиняйте в краже, пока идёт проверка',
          en: 'Do not ask the customer to “look again”, and do not accuse anyone of theft while you check',
        },
      },
    ],
    explain: [
      {
        id: 'check',
        do: { ru: 'Проверьте сборку заказа на складе и поговорите с исполнителем или курьером', en: 'Check how the order was packed and talk to the provider or courier' },
      },
      { id: 'report', do: { ru: 'Честно расскажите клиенту, что удалось выяснить', en: 'Tell the customer honestly what you found out' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Довезите недостающее бесплатно или возместите стоимость', en: 'Deliver what is missing free of charge or refund its value' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [
      { id: 'ask', do: { ru: 'Убедитесь, что клиент получил вещь или возмещение', en: 'Make sure the customer received the item or the compensation' } },
    ],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: {
      ru: 'Если вещь пропала по вине исполнителя или курьера, он возмещает 50% её стоимости.',
      en: 'If the item went missing through the provider’s or courier’s fault, they pay back 50% of its value.',
    },
    bands: [{ percent: 50 }],
  },
});
