import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'property-damage',
  title: { ru: 'Порча имущества', en: 'Property damage' },
  description: {
    ru: 'Во время заказа исполнитель повредил или испортил вещь клиента.',
    en: 'The provider damaged or ruined something of the customer’s during the job.',
  },
  severity: 'high',
  recognise: {
    aspects: ['care', 'quality'],
    keywords: { ru: ['сломал', 'сломали', 'разбил', 'разбили', 'испортил', 'повредил', 'царапина', 'пятно', 'треснул', 'трещина', 'отломал', 'скол', 'прожгли', 'порвали', 'испортили', 'поцарапали', 'поцарапал', 'царапины', 'повредили', 'испачкали', 'сломан'], en: ['broke', 'broken', 'damaged', 'ruined', 'scratch', 'stain', 'cracked', 'crack', 'chipped', 'shattered', 'ripped', 'tore', 'burn mark', 'scratched', 'burned', 'burnt', 'burn'] },
  },
  budget: { RUB: 1_000_000, EUR: 20_000, USD: 20_000 },
  offers: [
    { kind: 'refund', value: { RUB: 500_000, EUR: 10_000, USD: 10_000 }, title: { ru: 'Возмещение стоимости вещи', en: 'Refund the value of the item' } },
    { kind: 'extraService', value: { RUB: 200_000, EUR: 4000, USD: 4000 }, title: { ru: 'Бесплатный ремонт или химчистка', en: 'Free repair or dry cleaning' } },
  ],
  deadlines: { apologize: 'PT1H', explain: 'PT24H', compensate: 'P3D', followUp: 'P7D', overall: 'P10D' },
  followUpDelay: 'P5D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } }],
    apologize: [
      { id: 'call-back', do: { ru: 'Позвоните клиенту {due}', en: 'Call the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте вину и попросите фото повреждения', en: 'Admit the fault and ask for a photo of the damage' },
        say: { ru: 'Нам очень жаль, что мы испортили вашу вещь. Мы всё возместим.', en: 'We are very sorry we damaged your belongings. We will make it right.' },
      },
    ],
    explain: [
      { id: 'evidence', do: { ru: 'Соберите фото и объяснение исполнителя', en: 'Collect the photos and the provider’s account' } },
      { id: 'estimate', do: { ru: 'Оцените стоимость ремонта или замены', en: 'Estimate the cost of repair or replacement' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Предложите возмещение или бесплатный ремонт', en: 'Offer a refund or a free repair' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что клиент получил возмещение', en: 'Make sure the customer received the compensation' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель возмещает 30% ущерба.', en: 'The provider pays back 30% of the damage.' },
    bands: [{ percent: 30 }],
  },
});
