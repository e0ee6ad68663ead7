import { defineScenario } from './schema.js';

/**
 * The generic playbook for complaints no other scenario recognises. Each such case is a candidate for
 * a new playbook: the coverage report counts them. Its keywords stay empty on purpose.
 */
export default defineScenario({
  id: 'other',
  title: { ru: 'Другая жалоба', en: 'Other complaint' },
  description: {
    ru: 'Жалоба, для которой пока нет своего сценария. Разберитесь в сути, решите проблему и отметьте, нужен ли новый сценарий.',
    en: 'A complaint no playbook covers yet. Find out what it is about, solve it, and note whether a new playbook is needed.',
  },
  severity: 'medium',
  recognise: { aspects: [], keywords: { ru: [], en: [] } },
  budget: { RUB: 100_000, EUR: 2_000, USD: 2_000 },
  offers: [
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий заказ', en: '10% off the next order' } },
    { kind: 'credit', value: { RUB: 30_000, EUR: 600, USD: 600 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'rescope', do: { ru: 'Если жалоба подходит под существующий сценарий, смените сценарий', en: 'If the complaint fits an existing playbook, switch to it' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Свяжитесь с клиентом {due} и выясните суть проблемы', en: 'Contact the customer {due} and find out what the problem is' } },
      {
        id: 'admit',
        do: { ru: 'Извинитесь за то, что пошло не так, без оправданий', en: 'Apologise for what went wrong, without excuses' },
        say: {
          ru: 'Простите, что мы вас подвели. Я разберусь и сделаю так, чтобы это исправить.',
          en: 'We are sorry we let you down. I will look into it and make it right.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Найдите причину и объясните её простыми словами', en: 'Find the cause and explain it in plain words' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
      { id: 'candidate', do: { ru: 'Запишите, какой сценарий помог бы в таких случаях', en: 'Note which playbook would have helped with cases like this' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Решите, нужна ли компенсация, и предложите её', en: 'Decide whether compensation is due and offer it' } }],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, всё ли теперь в порядке', en: 'Ask whether everything is all right now' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
