import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'slow-support',
  title: { ru: 'Долгий ответ поддержки', en: 'Slow service or support' },
  description: {
    ru: 'Клиент долго ждал ответа поддержки, его обращение потерялось или его перекидывали между сотрудниками.',
    en: 'The customer waited a long time for support, their request got lost, or they were passed from one person to another.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['speed', 'support'],
    keywords: {
      ru: ['поддержка не отвечает', 'не отвечает поддержка', 'долго отвечает', 'долго отвечают', 'никто не отвечает', 'жду ответа', 'нет ответа', 'не дозвониться', 'висел на линии', 'поддержка', 'служба поддержки', 'оператор', 'игнорируете', 'не перезвонили', 'тишина', 'чат поддержки', 'не отвечают', 'не ответили'],
      en: ['support', 'no reply', 'no response', 'no answer', 'still waiting for a reply', 'waiting for an answer', 'on hold', 'ignored', 'nobody answers', 'nobody replied', 'never called back', 'slow response', 'ticket', 'customer service', 'live chat', 'has not answered', 'not answered', 'no one answers', 'nobody answered', "haven't heard back", 'have not heard back', 'waiting for support', 'support to reply', 'to reply', 'for a reply'],
    },
  },
  budget: { RUB: 50_000, EUR: 1_000, USD: 1_000 },
  offers: [
    { kind: 'credit', value: { RUB: 30_000, EUR: 600, USD: 600 }, title: { ru: 'Бонусы на счёт за ожидание', en: 'Account credit for the wait' } },
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий заказ', en: '10% off the next order' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного и возьмите исходный вопрос клиента в работу', en: 'Assign an owner and take on the customer’s original question' } },
      { id: 'history', do: { ru: 'Соберите всю переписку клиента в одном месте', en: 'Put all of the customer’s messages in one place' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due} — лично и по существу', en: 'Reply to the customer {due}, personally and to the point' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что заставили ждать', en: 'Admit that we kept the customer waiting' },
        say: {
          ru: 'Вы ждали ответа слишком долго — это наша ошибка. Простите. Теперь вашим вопросом занимаюсь я и доведу его до конца.',
          en: 'You waited far too long for an answer, and that is our fault. We are sorry. I am now handling your question and will see it through.',
        },
      },
    ],
    explain: [
      { id: 'answer', do: { ru: 'Решите исходный вопрос клиента', en: 'Solve the customer’s original question' } },
      { id: 'prevention', do: { ru: 'Расскажите, как изменим работу поддержки, и назовите ожидаемое время ответа', en: 'Say how support will change and give the expected response time' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите бонусы или скидку за ожидание', en: 'Offer account credit or a discount for the wait' } }],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, решён ли вопрос полностью', en: 'Ask whether the question is fully solved' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
