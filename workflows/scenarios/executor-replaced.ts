import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'executor-replaced',
  title: { ru: 'Исполнителя заменили без предупреждения', en: 'Provider replaced without notice' },
  description: {
    ru: 'Вместо выбранного или постоянного исполнителя пришёл другой человек, и клиента об этом не предупредили.',
    en: 'Someone other than the chosen or regular provider came, and the customer was not told in advance.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['communication'],
    keywords: {
      ru: ['другой исполнитель', 'другая клинер', 'другую клинершу', 'другой мастер', 'заменили', 'замена', 'без предупреждения', 'прислали другого', 'прислали другую', 'постоянной', 'незнакомый человек', 'не тот мастер', 'не тот исполнитель', 'не та клинер', 'не тот клинер', 'не та девушка', 'которого я выбирал', 'которую я выбирала', 'которого выбирали', 'незнакомая', 'незнакомый', 'а я заказывала', 'а я заказывал'],
      en: ['different cleaner', 'different person', 'replaced', 'replacement', 'without notice', 'without warning', 'no one told', 'nobody told', 'my regular', 'a stranger', 'never met', 'instead of my', 'not the cleaner i booked', 'not the one i booked', 'not the person i booked', 'although i booked', 'but i booked', 'i had booked'],
    },
  },
  budget: { RUB: 50_000, EUR: 1_000, USD: 1_000 },
  offers: [
    { kind: 'discount', percent: 10, title: { ru: 'Скидка 10% на следующий заказ', en: '10% off the next order' } },
    { kind: 'gift', value: { RUB: 20_000, EUR: 400, USD: 400 }, title: { ru: 'Небольшой подарок за неудобство', en: 'A small gift for the trouble' } },
  ],
  deadlines: { apologize: 'PT4H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P3D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } }],
    apologize: [
      { id: 'reply', do: { ru: 'Свяжитесь с клиентом {due}', en: 'Contact the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что замену надо было согласовать', en: 'Admit that the change should have been agreed' },
        say: {
          ru: 'Мы заменили исполнителя и не предупредили вас. Так нельзя — простите, это наша ошибка.',
          en: 'We changed your provider without telling you. That is not right; we are sorry, it is our mistake.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Объясните, почему понадобилась замена', en: 'Explain why a replacement was needed' } },
      { id: 'prevention', do: { ru: 'Пообещайте предупреждать о любой замене заранее и отметьте это в профиле', en: 'Promise to give notice of any change and record this in the profile' } },
      { id: 'preference', do: { ru: 'Спросите, кого клиент хочет видеть на следующих заказах', en: 'Ask whom the customer wants on future orders' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите скидку или небольшой подарок', en: 'Offer a discount or a small gift' } }],
    followUp: [{ id: 'ask', do: { ru: 'Убедитесь, что следующий заказ выполнил нужный исполнитель', en: 'Make sure the next order went to the provider the customer wanted' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
});
