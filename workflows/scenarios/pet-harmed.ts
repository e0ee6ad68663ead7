import { defineScenario } from './schema.js';

export default defineScenario({
  id: 'pet-harmed',
  title: { ru: 'Пострадал питомец', en: 'Pet harmed' },
  description: {
    ru: 'Во время визита пострадал, испугался, отравился или сбежал домашний питомец клиента.',
    en: 'During the visit the customer’s pet was hurt, frightened, poisoned or got out.',
  },
  severity: 'critical',
  tone: 'conflict',
  recognise: {
    aspects: ['safety', 'care'],
    keywords: {
      ru: ['кот', 'кошка', 'собака', 'пес', 'щенок', 'котенок', 'питомец', 'попугай', 'хомяк', 'выпустили кота', 'сбежала', 'ветеринар', 'лапа', 'животное', 'вылетел', 'улетел', 'выбежал', 'выпустили'],
      en: ['cat', 'dog', 'puppy', 'kitten', 'pet', 'parrot', 'hamster', 'vet', 'paw', 'let the cat out', 'ran away', 'animal', 'flew out', 'got out', 'escaped'],
    },
  },
  budget: { RUB: 1_000_000, EUR: 20_000, USD: 20_000 },
  offers: [
    { kind: 'refund', value: { RUB: 500_000, EUR: 10_000, USD: 10_000 }, title: { ru: 'Оплата счёта ветеринара', en: 'We pay the vet’s bill' } },
    { kind: 'refund', value: { RUB: 200_000, EUR: 4_000, USD: 4_000 }, title: { ru: 'Возврат оплаты за заказ', en: 'A refund for the order' } },
  ],
  deadlines: { personalCall: 'PT1H', apologize: 'PT2H', explain: 'PT24H', compensate: 'P2D', followUp: 'P5D', overall: 'P10D' },
  followUpDelay: 'P2D',
  checklists: {
    triage: [{ id: 'take', do: { ru: 'Назначьте опытного ответственного', en: 'Assign an experienced owner' } }],
    personalCall: [
      { id: 'call', do: { ru: 'Позвоните клиенту лично {due}', en: 'Call the customer in person {due}' } },
      {
        id: 'help-now',
        do: { ru: 'Узнайте, что с питомцем сейчас, и предложите оплатить ветеринара', en: 'Ask how the pet is now and offer to pay for the vet' },
        say: {
          ru: 'Мне очень жаль. Как сейчас ваш питомец? Мы оплатим ветеринара — скажите, чем ещё помочь прямо сейчас.',
          en: 'I am so sorry. How is your pet now? We will pay for the vet; tell me what else we can do right now.',
        },
      },
    ],
    apologize: [
      {
        id: 'admit',
        do: { ru: 'Признайте вину исполнителя без оговорок', en: 'Admit the provider’s fault without reservations' },
        say: {
          ru: 'Наш исполнитель должен был быть осторожен с вашим питомцем и не был. Это наша вина, простите нас.',
          en: 'Our provider should have been careful with your pet and was not. It is our fault, and we are sorry.',
        },
      },
    ],
    explain: [
      { id: 'cause', do: { ru: 'Выясните у исполнителя, как это произошло', en: 'Find out from the provider how it happened' } },
      { id: 'prevention', do: { ru: 'Расскажите, как изменим правила работы в домах с животными', en: 'Say how the rules for homes with pets will change' } },
    ],
    compensate: [
      { id: 'offer', do: { ru: 'Оплатите лечение по счёту ветеринара и верните деньги за заказ', en: 'Pay for the treatment against the vet’s bill and refund the order' } },
      { id: 'approval', do: { ru: 'Сумма выше лимита уходит на согласование руководителю', en: 'Amounts above your limit go to a lead for approval' } },
    ],
    followUp: [{ id: 'ask', do: { ru: 'Спросите, как здоровье питомца', en: 'Ask how the pet is doing' } }],
  },
  templates: { personalCall: 'call-note', apologize: 'apology', explain: 'explanation', compensate: 'offer', followUp: 'follow-up' },
  recovery: {
    description: { ru: 'Исполнитель возмещает 30% расходов на лечение.', en: 'The provider pays back 30% of the treatment cost.' },
    bands: [{ percent: 30 }],
  },
});
