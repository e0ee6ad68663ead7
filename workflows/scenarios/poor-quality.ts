import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'poor-quality',
  title: { ru: 'Некачественная работа', en: 'Poor quality of work' },
  description: {
    ru: 'Работа выполнена плохо или не полностью: например, после уборки остались грязь и пыль, часть комнат пропущена.',
    en: 'The job was done badly or only in part: for example, dirt and dust were left after cleaning, or some rooms were skipped.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['quality'],
    keywords: {
      ru: ['плохо убрали', 'грязно', 'некачественно', 'не доделали', 'не убрали', 'пыль', 'халтура', 'переделать', 'поверхностно', 'грязь', 'разводы', 'не помыли', 'не помыт', 'волосы', 'жир', 'плохо', 'крошки', 'это уборка'],
      en: ['poor quality', 'dirty', 'not clean', 'sloppy', 'badly done', 'missed spots', 'not finished', 'redo', 'greasy', 'streaky', 'streaks', 'grime', 'dusty', 'dust', 'still dirty', 'left dirty', 'hair everywhere', 'smudges', 'not cleaned', 'smeared', 'crumbs', 'is this a clean'],
    },
  },
  budget: { RUB: 200_000, EUR: 4_000, USD: 4_000 },
  offers: [
    { kind: 'extraService', value: { RUB: 150_000, EUR: 3000, USD: 3000 }, title: { ru: 'Бесплатная переделка работы', en: 'The job redone free of charge' } },
    { kind: 'refund', value: { RUB: 100_000, EUR: 2000, USD: 2000 }, title: { ru: 'Частичный возврат оплаты', en: 'A partial refund' } },
    { kind: 'discount', percent: 20, title: { ru: 'Скидка 20% на следующий заказ', en: '20% off the next order' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P2D', followUp: 'P7D', overall: 'P10D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'photos',
        do: {
          ru: 'Попросите фото, чтобы при переделке исполнитель точно знал, что исправить',
          en: 'Ask for photos so that the provider knows exactly what to fix when redoing the job',
        },
      },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Перезвоните клиенту {due}', en: 'Call the customer back {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте вину, не спорьте о мелочах', en: 'Admit the fault and do not argue over details' },
        say: {
          ru: 'Работа выполнена не так, как должна была, — это наша ошибка. Простите, пожалуйста, мы всё исправим.',
          en: 'The job was not done the way it should have been, and that is our fault. We are sorry, and we will put it right.',
        },
      },
    ],
    explain: [
      {
        id: 'cause',
        do: { ru: 'Сверьте работу со стандартом услуги и выясните у исполнителя, что пошло не так', en: 'Compare the job with the service standard and find out from the provider what went wrong' },
      },
      {
        id: 'prevention',
        do: { ru: 'Расскажите, что изменим: проверка качества, обучение исполнителя', en: 'Say what changes: a quality check, retraining the provider' },
      },
    ],
    compensate: [
      {
        id: 'offer',
        do: { ru: 'Предложите бесплатную переделку, частичный возврат или скидку', en: 'Offer a free redo, a partial refund or a discount' },
        say: {
          ru: 'Можем приехать и бесплатно всё переделать в удобное для вас время. Если хотите, пришлём другого исполнителя.',
          en: 'We can come back and redo everything free of charge at a time that suits you. If you prefer, we will send a different provider.',
        },
      },
    ],
    followUp: [{ id: 'ask', do: { ru: 'После переделки спросите, всё ли теперь в порядке', en: 'After the redo, ask whether everything is now as it should be' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель оплачивает 30% стоимости заказа.', en: 'The provider pays back 30% of the job.' },
    bands: [{ percent: 30 }],
  },
});
