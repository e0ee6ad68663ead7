import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'promo-not-applied',
  title: { ru: 'Не применилась скидка или промокод', en: 'Promo not applied' },
  description: {
    ru: 'Промокод, скидка, бонусы или акция не учлись в заказе, и клиент заплатил больше обещанного.',
    en: 'A promo code, discount, bonus points or an offer were not taken into account, and the customer paid more than promised.',
  },
  severity: 'low',
  recognise: {
    aspects: ['billing'],
    keywords: {
      ru: ['промокод', 'промо код', 'скидка не применилась', 'не применилась', 'не учли скидку', 'не сработал', 'бонусы не списались', 'баллы', 'акция', 'купон', 'без скидки'],
      en: ['promo code', 'promo', 'coupon', 'discount code', 'discount was not applied', 'not applied', "didn't apply", 'voucher', 'bonus points', 'without the discount', 'discount', 'discount did not work', "discount didn't work", 'first-order discount', 'code did not work', "code didn't work", 'code is not accepted', 'code not accepted', 'code rejected', 'invalid code', 'code is invalid'],
    },
  },
  budget: { RUB: 50_000, EUR: 1_000, USD: 1_000 },
  offers: [
    { kind: 'refund', value: { RUB: 30_000, EUR: 600, USD: 600 }, title: { ru: 'Возврат разницы', en: 'A refund of the difference' } },
    { kind: 'credit', value: { RUB: 20_000, EUR: 400, USD: 400 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'check-code', do: { ru: 'Проверьте условия промокода и историю заказа', en: 'Check the promo code’s terms and the order history' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due}', en: 'Reply to the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что скидка должна была сработать', en: 'Admit that the discount should have worked' },
        say: {
          ru: 'Скидка должна была примениться, а мы её не учли. Простите — разницу мы вернём.',
          en: 'The discount should have applied and we did not take it into account. We are sorry; we will refund the difference.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Объясните, почему код не сработал, без упрёков клиенту', en: 'Explain why the code did not work, without reproaching the customer' } },
      { id: 'not-a-defect', do: { ru: 'Если условия акции не выполнены, объясните это вежливо и предложите другой способ сэкономить', en: 'If the offer’s terms were not met, explain that politely and suggest another way to save' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Верните разницу или начислите её бонусами', en: 'Refund the difference or add it as account credit' } }],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что клиент получил разницу', en: 'Make sure the customer got the difference' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
