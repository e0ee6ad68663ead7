import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'data-error',
  title: { ru: 'Ошибка или потеря данных', en: 'Wrong or lost data' },
  description: {
    ru: 'Данные клиента в сервисе оказались неверными, пропали или были перезаписаны.',
    en: 'The customer’s data in the service turned out wrong, went missing or was overwritten.',
  },
  severity: 'critical',
  recognise: {
    aspects: ['data', 'quality'],
    keywords: {
      ru: ['пропали данные', 'данные удалились', 'потерялись', 'неверные данные', 'не сходятся цифры', 'ошибка в отчёте', 'дубли', 'перезаписались', 'нули', 'выгрузка', 'показывает нули', 'экспорт отчета'],
      en: ['data loss', 'lost data', 'missing records', 'wrong data', 'numbers do not match', 'duplicates', 'overwritten', 'corrupted', 'zeros', 'shows zeros', 'report export', 'export shows'],
    },
  },
  budget: { RUB: 1_000_000, EUR: 20_000, USD: 20_000 },
  offers: [
    { kind: 'extraService', value: { RUB: 300_000, EUR: 6000, USD: 6000 }, title: { ru: 'Бесплатная помощь инженера с восстановлением и сверкой данных', en: 'Free engineering help to restore and reconcile the data' } },
    { kind: 'credit', value: { RUB: 200_000, EUR: 4000, USD: 4000 }, title: { ru: 'Зачёт в следующий счёт', en: 'Credit on the next invoice' } },
    { kind: 'refund', value: { RUB: 500_000, EUR: 10_000, USD: 10_000 }, title: { ru: 'Возврат оплаты за период сбоя', en: 'A refund for the period affected' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P3D', followUp: 'P10D', overall: 'P14D' },
  followUpDelay: 'P5D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } },
      { id: 'engineer', do: { ru: 'Сразу подключите дежурного инженера', en: 'Bring in the on-call engineer at once' } },
      {
        id: 'scope',
        do: { ru: 'Выясните, какие данные, за какой период и в каких аккаунтах затронуты', en: 'Find out which data, which period and which accounts are affected' },
      },
    ],
    apologize: [
      { id: 'call-back', do: { ru: 'Позвоните клиенту {due}', en: 'Call the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте проблему и скажите, что восстановление уже идёт', en: 'Admit the problem and say that recovery is already under way' },
        say: {
          ru: 'Из-за ошибки на нашей стороне пострадали ваши данные. Простите нас — мы уже занимаемся восстановлением и будем держать вас в курсе.',
          en: 'Your data was affected by a fault on our side. We are sorry; we are already working to restore it and will keep you posted.',
        },
      },
    ],
    explain: [
      {
        id: 'status',
        do: { ru: 'Честно скажите, что восстановлено, а что пока нет', en: 'Say honestly what has been restored and what has not yet' },
      },
      { id: 'cause', do: { ru: 'Объясните причину простыми словами', en: 'Explain the cause in plain words' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим, чтобы это не повторилось', en: 'Say what changes so it does not happen again' } },
    ],
    compensate: [
      {
        id: 'offer',
        do: { ru: 'Предложите помощь инженера со сверкой, зачёт или возврат', en: 'Offer engineering help with reconciliation, a credit or a refund' },
      },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [
      {
        id: 'verify',
        do: { ru: 'Вместе с клиентом проверьте, что данные верны и ничего не потерялось', en: 'Check with the customer that the data is correct and nothing is lost' },
      },
    ],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
