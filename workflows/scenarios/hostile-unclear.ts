import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'hostile-unclear',
  title: { ru: 'Агрессия без конкретной проблемы', en: 'Hostile, no concrete problem' },
  description: {
    ru: 'Клиент зол и резок, но конкретная проблема не названа. Нужен личный звонок как можно скорее.',
    en: 'The customer is angry and abusive but names no concrete problem. A personal call is needed as soon as possible.',
  },
  severity: 'high',
  tone: 'conflict',
  recognise: {
    aspects: [],
    keywords: { ru: ['ужасно', 'отвратительно', 'никогда больше', 'позор'], en: ['terrible', 'disgusting', 'never again', 'shame', 'worst'] },
  },
  budget: { RUB: 50_000, EUR: 1_000, USD: 1_000 },
  offers: [{ kind: 'credit', value: { RUB: 30_000, EUR: 600, USD: 600 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } }],
  deadlines: { personalCall: 'PT1H', apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } }],
    personalCall: [
      { id: 'call', do: { ru: 'Позвоните лично, не пишите', en: 'Call in person, do not write' } },
      {
        id: 'listen',
        do: { ru: 'Выслушайте и найдите конкретную проблему', en: 'Listen and find the concrete problem' },
        say: { ru: 'Я хочу разобраться, что пошло не так. Расскажите, пожалуйста.', en: 'I want to understand what went wrong. Please tell me.' },
      },
    ],
    apologize: [{ id: 'admit', do: { ru: 'Извинитесь за то, что удалось выяснить', en: 'Apologise for what you found out' } }],
    explain: [{ id: 'cause', do: { ru: 'Объясните причину и что изменится', en: 'Explain the cause and what will change' } }],
    compensate: [{ id: 'decide', do: { ru: 'Решите, нужна ли компенсация', en: 'Decide whether compensation is due' } }],
    followUp: [{ id: 'ask', do: { ru: 'Дайте клиенту время, затем перезвоните — {due}', en: 'Give the customer some time, then call back — {due}' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
