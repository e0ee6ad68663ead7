import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'rude-staff',
  title: { ru: 'Грубость исполнителя', en: 'Rude staff' },
  description: {
    ru: 'Исполнитель или курьер вёл себя грубо или неуважительно с клиентом. Нужен личный звонок руководителя.',
    en: 'The provider or courier was rude or disrespectful to the customer. A personal call from a lead is needed.',
  },
  severity: 'high',
  tone: 'conflict',
  recognise: {
    aspects: ['politeness'],
    keywords: {
      ru: ['нагрубил', 'нахамил', 'хамство', 'хамил', 'грубо', 'наорал', 'невежливо', 'оскорбил', 'бросил трубку', 'матом', 'матерился', 'кричал', 'хам', 'огрызался', 'грубил', 'нагрубила', 'нахамила'],
      en: ['rude', 'impolite', 'shouted', 'yelled', 'insulted', 'disrespectful', 'attitude', 'unprofessional', 'swore', 'swearing', 'hung up on me', 'hung up', 'rolled her eyes', 'rolled his eyes', 'mocked', 'sarcastic', 'arrogant', 'condescending'],
    },
  },
  budget: { RUB: 150_000, EUR: 3_000, USD: 3_000 },
  offers: [
    { kind: 'discount', percent: 20, title: { ru: 'Скидка 20% на следующий заказ', en: '20% off the next order' } },
    { kind: 'credit', value: { RUB: 50_000, EUR: 1000, USD: 1000 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
  ],
  deadlines: { personalCall: 'PT2H', apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } }],
    personalCall: [
      { id: 'call', do: { ru: 'Позвоните лично, не пишите', en: 'Call in person, do not write' } },
      {
        id: 'listen',
        do: { ru: 'Выслушайте до конца, не перебивайте и не защищайте исполнителя', en: 'Listen to the end, do not interrupt and do not defend the provider' },
        say: {
          ru: 'Мне очень жаль, что с вами так разговаривали. Расскажите, пожалуйста, что произошло.',
          en: 'I am very sorry you were spoken to like that. Please tell me what happened.',
        },
      },
    ],
    apologize: [
      {
        id: 'admit',
        do: { ru: 'Извинитесь от имени компании', en: 'Apologise on behalf of the company' },
        say: {
          ru: 'Так общаться с клиентами недопустимо, и за это отвечаем мы. Простите нас, пожалуйста.',
          en: 'Treating a customer like that is unacceptable, and we are responsible for it. Please accept our apologies.',
        },
      },
      {
        id: 'no-repeat',
        do: { ru: 'Пообещайте, что этот исполнитель больше не приедет к клиенту', en: 'Promise that this provider will not be sent to the customer again' },
      },
    ],
    explain: [
      { id: 'account', do: { ru: 'Выслушайте исполнителя и решите, какие меры принять', en: 'Hear the provider’s side and decide what action to take' } },
      {
        id: 'no-blame',
        do: {
          ru: 'Не пересказывайте клиенту версию исполнителя как оправдание',
          en: 'Do not pass the provider’s version on to the customer as an excuse',
        },
      },
      { id: 'measures', do: { ru: 'Расскажите, какие меры приняты', en: 'Tell the customer what action has been taken' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите скидку или бонусы', en: 'Offer a discount or account credit' } }],
    followUp: [
      { id: 'ask', do: { ru: 'Узнайте, как прошёл следующий заказ, — {due}', en: 'Ask how the next job went — {due}' } },
    ],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель оплачивает 20% стоимости заказа.', en: 'The provider pays back 20% of the job.' },
    bands: [{ percent: 20 }],
  },
});
