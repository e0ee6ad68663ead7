import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'not-a-defect',
  title: { ru: 'Не дефект: работает как задумано', en: 'Not a defect: works as designed' },
  description: {
    ru: 'Клиент сообщил о проблеме, но продукт или услуга работают так, как задумано и описано: например, функция устроена иначе, чем ожидал клиент, или работа не входит в тариф. Нужно вежливо объяснить, почему так, и помочь добиться нужного результата. Компенсация обычно не нужна.',
    en: 'The customer reported a problem, but the product or service works as designed and documented: for example, a feature works differently from what the customer expected, or the work is not part of their plan. Explain politely why it works this way and help them get the result they need. Compensation is usually not due.',
  },
  severity: 'low',
  recognise: {
    aspects: [],
    keywords: {
      ru: ['это баг', 'это ошибка или', 'почему нельзя', 'не могу найти', 'как сделать', 'странно работает', 'не входит в'],
      en: ['is this a bug', "why can't", "can't find", 'how do i', 'weird behaviour', 'not included', 'should be able to'],
    },
  },
  budget: { RUB: 30_000, EUR: 500, USD: 500 },
  offers: [
    { kind: 'extraService', value: { RUB: 20_000, EUR: 400, USD: 400 }, title: { ru: 'Бесплатная консультация или обучение со специалистом', en: 'A free consultation or training session with a specialist' } },
    { kind: 'gift', value: { RUB: 10_000, EUR: 200, USD: 200 }, title: { ru: 'Небольшой подарок в благодарность за отзыв', en: 'A small thank-you gift for the feedback' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P3D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'confirm',
        do: {
          ru: 'Убедитесь, что это действительно не дефект: сверьтесь с документацией или условиями тарифа, при сомнении уточните у продуктовой команды',
          en: 'Make sure it really is not a defect: check the documentation or the plan terms, and ask the product team if in doubt',
        },
      },
    ],
    apologize: [
      {
        id: 'acknowledge',
        do: { ru: 'Поблагодарите и признайте неудобство, не споря', en: 'Thank the customer and acknowledge the inconvenience without arguing' },
        say: {
          ru: 'Спасибо, что написали. Понимаю, что это неудобно, — давайте разберёмся вместе.',
          en: 'Thank you for getting in touch. I can see this is inconvenient, so let us sort it out together.',
        },
      },
    ],
    explain: [
      {
        id: 'why',
        do: { ru: 'Объясните, почему это устроено именно так, и дайте ссылку на описание', en: 'Explain why it works this way and link to where it is described' },
        say: {
          ru: 'Сейчас это работает именно так, и вот почему: … Чтобы получить нужный вам результат, можно сделать так: …',
          en: 'At the moment it works exactly like this, and here is why: … To get the result you need, you can do this: …',
        },
      },
      {
        id: 'no-blame',
        do: {
          ru: 'Объясняйте без упрёков: не «вы неправильно пользуетесь», а «вот как это устроено»',
          en: 'Explain without reproach: not “you are using it wrong” but “here is how it works”',
        },
      },
      {
        id: 'feedback',
        do: { ru: 'Передайте пожелание продуктовой команде и скажите об этом клиенту', en: 'Pass the request on to the product team and tell the customer you did' },
      },
    ],
    compensate: [
      {
        id: 'skip',
        do: { ru: 'Обычно компенсация не нужна: пропустите шаг и укажите причину «не дефект»', en: 'Compensation is usually not due: skip the step and give “not a defect” as the reason' },
      },
      {
        id: 'goodwill',
        do: {
          ru: 'Если клиент потратил много времени, предложите бесплатную консультацию или обучение',
          en: 'If the customer lost a lot of time, offer a free consultation or training session',
        },
      },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, помогло ли объяснение и всё ли получилось', en: 'Ask whether the explanation helped and everything worked out' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
