import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../workflows/scenarios/index.js';
import { classify, classifyComplaint, MAX_CLASSIFIED_CHARS } from '../../src/intake/classify.js';
import { presence, stemMatches, stems } from '../../src/intake/stem.js';

interface Fixture {
  text: string;
  scenario: string;
  tone: 'constructive' | 'conflict';
  aspects?: Record<string, number>;
}

const load = (locale: 'ru' | 'en'): Fixture[] => JSON.parse(readFileSync(new URL(`../fixtures/comments/${locale}.json`, import.meta.url), 'utf8')) as Fixture[];
const FIXTURES = { ru: load('ru'), en: load('en') };
const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}...` : t || '(no comment)');

for (const locale of ['ru', 'en'] as const) {
  describe(`realistic ${locale} comments`, () => {
    it('are at least forty, each naming a scenario of the catalogue', () => {
      expect(FIXTURES[locale].length).toBeGreaterThanOrEqual(40);
      for (const f of FIXTURES[locale]) expect(catalog.has(f.scenario), f.scenario).toBe(true);
    });

    it.each(FIXTURES[locale].map((f) => [short(f.text), f] as const))('classifies «%s» as its expected scenario and tone', (_, f) => {
      const c = classifyComplaint(catalog, { text: f.text, locale, ...(f.aspects ? { aspects: f.aspects } : {}) });
      expect({ scenario: c.scenario.id, tone: c.tone }).toEqual({ scenario: f.scenario, tone: f.tone });
      expect(c.matched).toBe(f.scenario !== 'other');
      if (c.tone === 'conflict') expect(c.toneWhy.length).toBeGreaterThan(0);
      else expect(c.toneWhy).toEqual([]);
    });
  });
}

describe('catalogue coverage of the fixtures', () => {
  it('prints the share matched to a real playbook and the count per scenario', () => {
    const all = (['ru', 'en'] as const).flatMap((locale) => FIXTURES[locale].map((f) => ({ f, locale })));
    const counts = new Map<string, number>([...catalog.keys()].map((id) => [id, 0]));
    let matched = 0;
    for (const { f, locale } of all) {
      const c = classifyComplaint(catalog, { text: f.text, locale, ...(f.aspects ? { aspects: f.aspects } : {}) });
      counts.set(c.scenario.id, (counts.get(c.scenario.id) ?? 0) + 1);
      if (c.matched) matched++;
    }
    const share = matched / all.length;
    const rows = [...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `  ${id.padEnd(26)} ${n}`);
    console.log(`catalogue coverage: ${matched}/${all.length} comments (${(share * 100).toFixed(1)}%) matched a real playbook; ${all.length - matched} are candidates for a new one\n${rows.join('\n')}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
    // Every playbook, the generic one included, is exercised by at least one comment.
    for (const [id, n] of counts) expect(n, id).toBeGreaterThan(0);
  });
});

describe('classifyComplaint', () => {
  const ru = (text: string, aspects?: Record<string, number>) => classifyComplaint(catalog, { text, locale: 'ru', ...(aspects ? { aspects } : {}) });
  const en = (text: string, aspects?: Record<string, number>) => classifyComplaint(catalog, { text, locale: 'en', ...(aspects ? { aspects } : {}) });

  it('lets the worst aspect choose the scenario when there is no comment', () => {
    expect(ru('', { punctuality: 2, quality: 5 }).scenario.id).toBe('late-arrival');
    expect(en('', { quality: 1, punctuality: 3 }).scenario.id).toBe('poor-quality');
    expect(ru('', { politeness: 1 }).scenario.id).toBe('rude-staff');
  });

  it('lets completeness point at missing items before missing supplies', () => {
    expect(ru('', { completeness: 2 }).scenario.id).toBe('missing-item');
  });

  it('takes a low aspect no playbook knows as a concrete problem for the generic playbook', () => {
    expect(en('', { overall: 1, cleanliness: 1 })).toMatchObject({ scenario: { id: 'other' }, matched: false, tone: 'constructive' });
  });

  it('never lets the overall score choose the playbook, nor take a bare low score for anger', () => {
    expect(en('', { overall: 1 })).toMatchObject({ scenario: { id: 'other' }, matched: false, tone: 'constructive', toneWhy: [] });
    expect(ru('ok', { overall: 2 })).toMatchObject({ scenario: { id: 'other' }, matched: false, tone: 'constructive', toneWhy: [] });
  });

  it('ignores aspects that are rated well', () => {
    const c = ru('Курьер припарковался на газоне у дома.', { punctuality: 5, quality: 4 });
    expect(c).toMatchObject({ matched: false, scenario: { id: 'other' } });
  });

  it('lets the comment outweigh the worst aspect', () => {
    expect(ru('Торт привезли помятым, коробка мокрая', { punctuality: 2 }).scenario.id).toBe('delivery-damaged');
  });

  it('breaks a tie between two named problems by the worst aspect', () => {
    const text = 'Мастер опоздал и нагрубил';
    expect(ru(text, { punctuality: 1, politeness: 3 }).scenario.id).toBe('late-arrival');
    expect(ru(text, { punctuality: 3, politeness: 1 }).scenario.id).toBe('rude-staff');
  });

  it('recognises Russian word forms through stems', () => {
    for (const text of ['Клинер опоздал', 'Клинерша опоздала', 'Они опоздали', 'Опоздание на час']) expect(ru(text).scenario.id, text).toBe('late-arrival');
    for (const text of ['Потеряли ключи', 'Ключей так и не вернули', 'Что с ключами?']) expect(ru(text).scenario.id, text).toBe('access-keys');
    expect(stems('аллергия аллергию аллергией', 'ru')).toEqual(['аллерг', 'аллерг', 'аллерг']);
  });

  it('lets a short stem reach only slightly longer words', () => {
    expect(stemMatches('деби', 'дебил')).toBe(true);
    expect(stemMatches('разб', 'разболе')).toBe(false);
    expect(stemMatches('опозда', 'опоздавш')).toBe(true);
    expect(ru('От запаха средства разболелась голова').scenario.id).toBe('allergy-products');
  });

  it('finds a stem in a text exactly when stemMatches accepts one of its words', () => {
    // "опозд" is a prefix of the longer word too, yet reaches "опоздал" only through the shorter one.
    // Long words and stems too: only short prefixes are indexed, longer stems are compared word by word.
    const long = 'а'.repeat(20) + 'бвгдежзик';
    const words = ['опоздавш', 'разболе', 'опозд', 'деби', 'дебилы', 'a', long];
    const present = presence(words);
    const candidates = ['опоз', 'опозд', 'опозда', 'опоздавш', 'опоздавши', 'разб', 'разбол', 'деб', 'деби', 'дебил', 'дебилы', 'a', 'б', ''];
    for (let n = 3; n <= long.length + 1; n++) candidates.push(long.slice(0, n), `${long.slice(0, n - 1)}я`);
    for (const stem of candidates) expect(present(stem), stem).toBe(words.some((w) => stemMatches(stem, w)));
  });

  it('recognises English word forms and ignores case', () => {
    for (const text of ['I was CHARGED TWICE', 'you double charged me', 'Two charges for one order']) expect(en(text).scenario.id, text).toBe('double-charge');
    expect(stems("Charged charges charging didn't", 'en')).toEqual(['charg', 'charg', 'charg', "didn't"]);
  });

  it('keeps a negation on the word it negates', () => {
    expect(ru('Пришёл не тот мастер, которого я выбирал').scenario.id).toBe('executor-replaced');
    expect(ru('Мастер так и не пришёл').scenario.id).toBe('no-show');
    expect(en('A cleaner I had never met turned up instead of Maria').scenario.id).toBe('executor-replaced');
  });

  it('counts each word of the comment once, however many forms of a keyword match it', () => {
    // "пропал", "пропала", "пропало" are all keywords of missing-item; one word must not outscore a phrase.
    expect(ru('После ухода клинера пропали деньги из шкатулки').scenario.id).toBe('suspected-theft');
  });

  it('gives a tie between two named problems to the more severe playbook', () => {
    expect(en('My cat has been hiding since the visit, the cleaner shouted at her').scenario.id).toBe('pet-harmed');
  });

  it('reads only the start of a very long comment', () => {
    const long = `${'Всё было как обычно. '.repeat(MAX_CLASSIFIED_CHARS / 10)}Клинер опоздал.`;
    expect(ru(long).scenario.id).toBe('other');
    expect(ru(long.slice(-40)).scenario.id).toBe('late-arrival');
  });

  it('sends an unknown complaint to the generic playbook as a candidate for a new one', () => {
    const c = en('The courier parked on our lawn and left tyre marks across the grass.');
    expect(c).toMatchObject({ scenario: { id: 'other' }, matched: false, tone: 'constructive', toneWhy: [] });
  });

  it('marks insults, threats and shouting as conflict and says why', () => {
    expect(ru('Идиоты, опять опоздали').toneWhy).toEqual(['insult: идиот']);
    expect(en('Charged twice. I will contact my lawyer.').toneWhy).toEqual(['threat: lawyer']);
    expect(en('THE COURIER WAS LATE AGAIN').toneWhy).toEqual(['shouting in capitals']);
    expect(ru('Курьер опоздал. ВЫ ВООБЩЕ ЧИТАЕТЕ МОИ СООБЩЕНИЯ').tone).toBe('conflict');
  });

  it('does not take a word that merely looks like a threat for one', () => {
    expect(ru('Судя по всему, клинер опоздал').tone).toBe('constructive');
    expect(ru('Если не вернёте деньги, подам в суд').toneWhy).toEqual(['threat: подам в суд']);
  });

  it('does not take a short acronym for shouting', () => {
    expect(en('The SMS with the API code never came, my account is locked').tone).toBe('constructive');
  });

  it('treats outrage without a concrete problem as a conflict for the hostile-unclear playbook', () => {
    expect(ru('Ужасный сервис, позор!')).toMatchObject({ scenario: { id: 'hostile-unclear' }, matched: true, tone: 'conflict' });
    expect(ru('Ужасный сервис, позор!').toneWhy[0]).toMatch(/^no concrete problem, only outrage/);
    expect(ru('Ужас!')).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', toneWhy: ['no concrete problem, only outrage: ужас'] });
    expect(en('worst ever')).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', toneWhy: ['no concrete problem, only outrage: worst'] });
  });

  it('keeps a short text with no sign of anger constructive, for the generic playbook', () => {
    const calm = { scenario: { id: 'other' }, matched: false, tone: 'constructive', toneWhy: [] };
    for (const text of ['hello', 'ok', 'Test complaint', 'second', 'Здравствуйте', '']) expect(en(text), text).toMatchObject(calm);
    for (const text of ['Здравствуйте', 'Добрый день', 'ок', '']) expect(ru(text), text).toMatchObject(calm);
  });

  it('still takes a short insult, threat or shout without a concrete problem for a conflict', () => {
    expect(ru('Идиоты!')).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', toneWhy: ['insult: идиот'] });
    expect(en('Scammers')).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', toneWhy: ['insult: scammers'] });
    expect(en('I will sue')).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', toneWhy: ['threat: sue'] });
    expect(ru('ВЫ ВООБЩЕ ЧИТАЕТЕ?')).toMatchObject({ scenario: { id: 'hostile-unclear' }, tone: 'conflict', toneWhy: ['shouting in capitals'] });
  });

  it('keeps outrage about a concrete problem constructive', () => {
    expect(en('Terrible: the cleaner was an hour late')).toMatchObject({ scenario: { id: 'late-arrival' }, tone: 'constructive' });
  });

  it('makes a case conflict when its playbook starts with a personal call', () => {
    const c = ru('Исполнитель нагрубил');
    expect(c).toMatchObject({ scenario: { id: 'rude-staff' }, tone: 'conflict' });
    expect(c.toneWhy).toEqual(['playbook rude-staff starts with a personal call']);
  });

  it('keeps the old classify() answering with the keyword match or nothing', () => {
    expect(classify(catalog, 'Списали дважды', 'ru')?.id).toBe('double-charge');
    expect(classify(catalog, 'Курьер припарковался на газоне у дома', 'ru')).toBeUndefined();
  });
});
