import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'wrong-order',
  title: { ru: 'Привезли не тот заказ', en: 'Wrong order delivered' },
  description: {
    ru: 'Клиенту привезли чужой заказ, не те товары, не тот размер или вкус, или заказ попал по другому адресу.',
    en: 'The customer got someone else’s order, the wrong items, the wrong size or flavour, or the order went to another address.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['delivery', 'completeness'],
    keywords: {
      ru: ['не тот заказ', 'чужой заказ', 'перепутали заказ', 'привезли не то', 'не те товары', 'не тот товар', 'не тот размер', 'не тот цвет', 'заказывал другое', 'заказывала другое', 'перепутали', 'привезли чужой', 'чужие продукты', 'чужие товары', 'чужой пакет', 'положили вместо', 'привезли вместо', 'не то что заказывал', 'не то что заказывала', 'заказ соседа', 'чужой', 'не мой заказ'],
      en: ['wrong order', 'wrong item', 'wrong items', "someone else's order", 'not what i ordered', 'wrong size', 'wrong colour', 'wrong color', 'wrong flavour', 'mixed up my order', 'wrong address', 'belongs to someone else', "someone else's", 'someone else', 'not my order', 'wrong bag', 'sent instead of', 'got instead of', 'gave me instead', 'delivered instead of', "neighbour's order", "neighbor's order", 'got my neighbour', 'got my neighbor'],
    },
  },
  budget: { RUB: 200_000, EUR: 4_000, USD: 4_000 },
  offers: [
    { kind: 'extraService', value: { RUB: 50_000, EUR: 1_000, USD: 1_000 }, title: { ru: 'Бесплатная доставка правильного заказа', en: 'Free delivery of the right order' } },
    { kind: 'refund', value: { RUB: 150_000, EUR: 3_000, USD: 3_000 }, title: { ru: 'Возврат оплаты за заказ', en: 'A refund for the order' } },
    { kind: 'discount', percent: 15, title: { ru: 'Скидка 15% на следующий заказ', en: '15% off the next order' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P1D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'locate', do: { ru: 'Найдите, куда уехал правильный заказ, и договоритесь о замене', en: 'Find where the right order went and arrange the swap' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due}', en: 'Reply to the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте ошибку сборки или доставки', en: 'Admit the picking or delivery mistake' },
        say: {
          ru: 'Мы перепутали ваш заказ — это наша ошибка. Простите, правильный заказ привезём бесплатно.',
          en: 'We mixed up your order, and that is our mistake. We are sorry; we will bring the right one free of charge.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните, на каком этапе перепутали заказ', en: 'Find out at which stage the order was mixed up' } },
      { id: 'keep', do: { ru: 'Скажите, что делать с привезённым по ошибке: заберём сами', en: 'Say what happens to the wrong items: we will collect them' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите бесплатную доставку правильного заказа, возврат или скидку', en: 'Offer free delivery of the right order, a refund or a discount' } }],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что клиент получил свой заказ', en: 'Make sure the customer got their order' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Сборщик или курьер, перепутавший заказ, оплачивает 10% его стоимости.', en: 'The picker or courier who mixed up the order pays 10% of its value.' },
    bands: [{ percent: 10 }],
  },
});
