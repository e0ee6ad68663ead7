import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'supplies-missing',
  title: { ru: 'Исполнитель не привёз средства или инвентарь', en: 'Supplies not brought' },
  description: {
    ru: 'Исполнитель пришёл без нужных средств, инвентаря или оборудования, и работу пришлось делать тем, что нашлось у клиента, или не делать вовсе.',
    en: 'The provider came without the needed products, tools or equipment, so the job was done with what the customer had, or not at all.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['completeness', 'quality'],
    keywords: {
      ru: ['не привез средства', 'без средств', 'без инвентаря', 'без пылесоса', 'не было пылесоса', 'моющие средства', 'нашими средствами', 'моими средствами', 'своих средств', 'не взял', 'забыл инвентарь', 'без оборудования', 'нет тряпок', 'без перчаток', 'моющих', 'без своих', 'попросила мои', 'попросил мои', 'инвентарь', 'забыла инвентарь', 'забыла средства', 'забыл средства', 'без стремянки', 'стремянка', 'без лестницы'],
      en: ['supplies', 'no vacuum', 'without a vacuum', 'cleaning products', 'brought nothing', 'no equipment', 'without equipment', 'my own products', 'used my', 'forgot the', 'no tools', 'no mop', 'without her own', 'without his own', 'asked for mine', 'own cleaning products', 'without a ladder', 'ladder', 'no ladder'],
    },
  },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'credit', value: { RUB: 50_000, EUR: 1_000, USD: 1_000 }, title: { ru: 'Бонусы на счёт за израсходованные средства', en: 'Account credit for the products you used up' } },
    { kind: 'discount', percent: 15, title: { ru: 'Скидка 15% на следующий заказ', en: '15% off the next order' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } }],
    apologize: [
      { id: 'call-back', do: { ru: 'Свяжитесь с клиентом {due}', en: 'Contact the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что исполнитель должен был привезти всё необходимое', en: 'Admit that the provider should have brought everything needed' },
        say: {
          ru: 'Наш исполнитель должен был приехать со всем необходимым, а этого не сделал. Простите — это наша ошибка.',
          en: 'Our provider should have arrived with everything needed and did not. We are sorry; that is our mistake.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните, почему набор не был собран перед выездом', en: 'Find out why the kit was not packed before the visit' } },
      { id: 'used-up', do: { ru: 'Уточните, какие средства клиента были израсходованы', en: 'Ask which of the customer’s own products were used up' } },
      { id: 'prevention', do: { ru: 'Расскажите, как мы проверяем комплект перед выездом', en: 'Say how we now check the kit before each visit' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Возместите израсходованное бонусами или дайте скидку', en: 'Make up for what was used with account credit or a discount' } }],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, приехал ли следующий исполнитель со всем необходимым', en: 'Ask whether the next provider came fully equipped' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель оплачивает 20% стоимости заказа.', en: 'The provider pays 20% of the job.' },
    bands: [{ percent: 20 }],
  },
});
