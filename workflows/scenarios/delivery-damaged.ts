import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'delivery-damaged',
  title: { ru: 'Заказ повреждён при доставке', en: 'Order damaged in delivery' },
  description: {
    ru: 'Заказ приехал помятым, разбитым, протёкшим или испорченным: пострадал товар или упаковка.',
    en: 'The order arrived crushed, broken, leaking or spoiled: the goods or the packaging were damaged.',
  },
  severity: 'medium',
  recognise: {
    aspects: ['delivery', 'care'],
    keywords: {
      ru: ['помятый', 'помяли', 'раздавлен', 'разбитый', 'привезли разбит', 'протекло', 'протек', 'пролилось', 'упаковка порвана', 'порвана упаковка', 'коробка мокрая', 'в пакете', 'в коробке', 'растаял', 'холодная еда', 'остыл', 'испорчен', 'яйца разбиты', 'разбиты', 'привезли испорченн', 'уронил', 'уронили', 'всмятку', 'мятые', 'перевернутой', 'перевернутая', 'начинка', 'вверх дном', 'холодными', 'холодные', 'развалились', 'развалившимися', 'привезли холодн'],
      en: ['crushed', 'squashed', 'dented', 'arrived broken', 'arrived damaged', 'leaked', 'leaking', 'spilled', 'torn packaging', 'package was torn', 'in the bag', 'all over the bag', 'box was wet', 'melted', 'arrived cold', 'smashed', 'smashed eggs', 'eggs smashed', 'burst', 'carton burst', 'dropped the bag', 'dropped', 'squished', 'upside down', 'topping', 'toppings', 'falling apart', 'fell apart'],
    },
  },
  budget: { RUB: 300_000, EUR: 6_000, USD: 6_000 },
  offers: [
    { kind: 'refund', value: { RUB: 200_000, EUR: 4_000, USD: 4_000 }, title: { ru: 'Возврат стоимости повреждённого', en: 'A refund for what was damaged' } },
    { kind: 'extraService', value: { RUB: 50_000, EUR: 1_000, USD: 1_000 }, title: { ru: 'Бесплатная повторная доставка', en: 'A free replacement delivery' } },
  ],
  deadlines: { apologize: 'PT2H', explain: 'PT24H', compensate: 'P1D', followUp: 'P5D', overall: 'P7D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [
      { id: 'take', do: { ru: 'Назначьте ответственного', en: 'Assign an owner' } },
      { id: 'photo', do: { ru: 'Попросите фото повреждения, если его ещё нет', en: 'Ask for a photo of the damage if there is none yet' } },
    ],
    apologize: [
      { id: 'reply', do: { ru: 'Ответьте клиенту {due}', en: 'Reply to the customer {due}' } },
      {
        id: 'admit',
        do: { ru: 'Признайте, что мы не довезли заказ в целости', en: 'Admit that we did not deliver the order intact' },
        say: {
          ru: 'Мы должны были довезти заказ целым и не смогли. Простите нас — мы всё заменим или вернём деньги.',
          en: 'We should have delivered your order intact and did not. We are sorry; we will replace it or refund you.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните, где повредили заказ: при сборке, упаковке или в пути', en: 'Find out where it was damaged: picking, packing or on the way' } },
      { id: 'prevention', do: { ru: 'Расскажите, что изменим в упаковке или перевозке', en: 'Say what changes in packing or transport' } },
    ],
    compensate: [{ id: 'offer', do: { ru: 'Предложите возврат или бесплатную повторную доставку', en: 'Offer a refund or a free replacement delivery' } }],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, приехала ли замена целой', en: 'Ask whether the replacement arrived intact' } }],
  },
  templates: { apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Курьер, повредивший заказ по неосторожности, возмещает 30% его стоимости.', en: 'A courier who damaged the order through carelessness pays back 30% of its value.' },
    bands: [{ percent: 30 }],
  },
});
