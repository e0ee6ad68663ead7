import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'third-party-integration',
  title: { ru: 'Сбой интеграции', en: 'Integration failure' },
  description: {
    ru: 'Интеграция с другой системой (CRM, 1С, платёжный сервис, вебхуки) перестала работать, и данные не передаются.',
    en: 'An integration with another system (CRM, accounting, payments, webhooks) stopped working, and data is not getting through.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['availability', 'data'],
    keywords: {
      ru: ['интеграция', 'интеграция не работает', 'не синхронизируется', 'синхронизация', 'не выгружается', 'вебхук', '1с', '1c', 'crm', 'синхронизация сломалась', 'amocrm', 'битрикс', 'bitrix', 'хабспот'],
      en: ['integration', 'integration not working', 'integration is not working', 'not syncing', 'sync failed', 'webhook', 'api error', 'crm', 'sync', 'sync broke', 'hubspot', 'salesforce', 'zapier', 'shopify', 'amocrm'],
    },
  },
  budget: { RUB: 200_000, EUR: 4_000, USD: 4_000 },
  offers: [
    { kind: 'extraService', value: { RUB: 100_000, EUR: 2000, USD: 2000 }, title: { ru: 'Бесплатная ручная досинхронизация и проверка настроек', en: 'A free manual resync and settings check' } },
    { kind: 'credit', value: { RUB: 100_000, EUR: 2000, USD: 2000 }, title: { ru: 'Зачёт в следующий счёт', en: 'Credit on the next invoice' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P3D', followUp: 'P7D', overall: 'P10D' },
  // Billing and account staff work office hours: first answers and decisions count working time.
  businessHours: ['triage', 'apologize', 'compensate', 'approval'],
  followUpDelay: 'P3D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      {
        id: 'scope',
        do: { ru: 'Выясните, какая интеграция сломалась, с какого момента и какие записи не дошли', en: 'Find out which integration failed, since when, and which records did not get through' },
      },
      { id: 'partner-status', do: { ru: 'Проверьте статус сервиса партнёра', en: 'Check the partner service’s status' } },
    ],
    apologize: [
      {
        id: 'admit',
        do: { ru: 'Признайте сбой от имени компании', en: 'Admit the failure on behalf of the company' },
        say: {
          ru: 'Интеграция перестала работать, и ваши данные не передавались. Простите — мы уже разбираемся.',
          en: 'The integration stopped working and your data was not getting through. We are sorry; we are already on it.',
        },
      },
    ],
    explain: [
      {
        id: 'own-it',
        do: {
          ru: 'Не перекладывайте ответственность на партнёра: интеграцию клиенту предоставляем мы',
          en: 'Do not shift the blame onto the partner: we are the ones providing the integration to the customer',
        },
      },
      {
        id: 'workaround',
        do: { ru: 'Предложите обходной путь на время починки, например ручную выгрузку', en: 'Offer a workaround until it is fixed, such as a manual export' },
      },
      { id: 'eta', do: { ru: 'Назовите срок исправления и держите клиента в курсе', en: 'Give a date for the fix and keep the customer posted' } },
      { id: 'prevention', do: { ru: 'Расскажите, как будем раньше замечать такие сбои', en: 'Say how we will spot such failures sooner' } },
    ],
    compensate: [
      { id: 'resync', do: { ru: 'Досинхронизируйте пропущенные данные за клиента', en: 'Resync the missed data for the customer' } },
      { id: 'offer', do: { ru: 'Предложите зачёт в следующий счёт', en: 'Offer a credit on the next invoice' } },
    ],
    followUp: [
      { id: 'ask', do: { ru: 'Убедитесь, что синхронизация работает и ничего не потерялось', en: 'Make sure the sync works and nothing was lost' } },
    ],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
