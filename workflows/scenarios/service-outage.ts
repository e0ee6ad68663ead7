import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'service-outage',
  title: { ru: 'Сервис был недоступен', en: 'Service outage' },
  description: {
    ru: 'Сервис не работал или работал с перебоями, и клиент не мог им пользоваться.',
    en: 'The service was down or kept failing, and the customer could not use it.',
  },
  severity: 'high',
  recognise: {
    aspects: ['availability'],
    keywords: {
      ru: ['не работает', 'недоступен', 'сервис лежит', 'сайт лежит', 'сервис упал', 'сайт упал', 'ошибка 500', 'не открывается', 'не могу войти', '502', '503', 'ошибка 502', 'не грузится', 'сайт не работает'],
      en: ['is down', 'was down', 'went down', 'outage', 'not working', 'unavailable', '500 error', 'cannot log in', "can't access", 'timeout', 'been down', '502', '503', 'bad gateway', 'site down', "won't load", 'does not load'],
    },
  },
  budget: { RUB: 500_000, EUR: 10_000, USD: 10_000 },
  offers: [
    { kind: 'credit', value: { RUB: 200_000, EUR: 4000, USD: 4000 }, title: { ru: 'Зачёт в следующий счёт за время простоя', en: 'Credit on the next invoice for the downtime' } },
    { kind: 'discount', percent: 20, title: { ru: 'Скидка 20% на следующий месяц', en: '20% off next month' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P3D', followUp: 'P7D', overall: 'P10D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'link-incident',
        do: { ru: 'Свяжите обращение с инцидентом и уточните, когда начался и закончился сбой', en: 'Link the case to the incident and find out when the outage started and ended' },
      },
    ],
    apologize: [
      {
        id: 'admit',
        do: { ru: 'Признайте сбой, не дожидаясь разбора причин', en: 'Admit the outage without waiting for the root cause' },
        say: {
          ru: 'Наш сервис был недоступен, и это помешало вашей работе. Это наша ответственность — простите нас.',
          en: 'Our service was down, and it got in the way of your work. That is our responsibility, and we are sorry.',
        },
      },
    ],
    explain: [
      {
        id: 'timeline',
        do: { ru: 'Расскажите простыми словами, что случилось, сколько длилось и что затронуло', en: 'Explain in plain words what happened, how long it lasted and what it affected' },
      },
      {
        id: 'own-it',
        do: {
          ru: 'Не перекладывайте вину на хостинг или подрядчиков: для клиента сервис — это мы',
          en: 'Do not blame the hosting provider or contractors: to the customer, the service is us',
        },
      },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
    ],
    compensate: [
      {
        id: 'offer',
        do: { ru: 'Рассчитайте зачёт по SLA за время простоя и предложите его', en: 'Work out the SLA credit for the downtime and offer it' },
      },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [
      {
        id: 'ask',
        do: { ru: 'Убедитесь, что у клиента всё работает, и пришлите итоговый разбор инцидента', en: 'Make sure everything works for the customer and send the final incident report' },
      },
    ],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
