import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'personal-data-mistake',
  title: { ru: 'Ошибка с персональными данными', en: 'Personal data mistake' },
  description: {
    ru: 'Персональные данные клиента попали не к тому человеку, видны другим, использованы без согласия, или клиент получил чужие данные.',
    en: 'The customer’s personal data reached the wrong person, is visible to others, was used without consent, or the customer received someone else’s data.',
  },
  severity: 'critical',
  recognise: {
    aspects: ['privacy', 'data'],
    keywords: {
      ru: ['персональные данные', 'мои данные', 'чужие данные', 'чужой адрес', 'чужой телефон', 'чужую фамилию', 'утечка', 'слили', 'без согласия', 'рассылка', 'спам', 'удалите мои данные', 'видят мой', 'конфиденциальн', 'чужие адреса', 'приходят чужие', 'чужие письма', 'мои персональные'],
      en: ['personal data', 'my data', 'my details', "someone else's data", "someone else's name", 'data leak', 'leaked', 'privacy', 'without consent', 'gdpr', 'spam', 'delete my data', 'can see my', 'confidential', 'other customers', 'their addresses', "other people's", 'other peoples', 'order confirmations'],
    },
  },
  budget: { RUB: 500_000, EUR: 10_000, USD: 10_000 },
  offers: [
    { kind: 'credit', value: { RUB: 100_000, EUR: 2_000, USD: 2_000 }, title: { ru: 'Бонусы на счёт', en: 'Account credit' } },
    { kind: 'discount', percent: 20, title: { ru: 'Скидка 20% на следующий заказ', en: '20% off the next order' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P3D', followUp: 'P7D', overall: 'P10D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } },
      { id: 'dpo', do: { ru: 'Сразу сообщите ответственному за защиту данных', en: 'Tell the data protection officer at once' } },
      { id: 'contain', do: { ru: 'Остановите утечку: закройте доступ, отзовите рассылку', en: 'Stop the exposure: close the access, recall the mailing' } },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Свяжитесь с клиентом {due}', en: 'Contact the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте ошибку прямо, без оговорок', en: 'Admit the mistake plainly, without reservations' },
        say: {
          ru: 'Мы ошиблись с вашими данными и нарушили ваше доверие. Простите нас. Мы уже закрыли доступ и разбираемся.',
          en: 'We made a mistake with your data and broke your trust. We are sorry. We have already closed the access and are looking into it.',
        },
      },
    ],
    explain: [
      { id: 'scope', do: { ru: 'Честно скажите, какие данные, кому и когда стали доступны', en: 'Say honestly which data became visible, to whom and when' } },
      { id: 'rights', do: { ru: 'Расскажите о правах клиента: удаление, исправление данных', en: 'Tell the customer about their rights: deletion, correction' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Предложите бонусы или скидку', en: 'Offer account credit or a discount' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Подтвердите клиенту, что данные исправлены или удалены', en: 'Confirm to the customer that the data is corrected or deleted' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
