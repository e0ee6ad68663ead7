import { describe, expect, it } from 'vitest';
import { signSlack, verifySlack } from '../../src/alerts/slack-signature.js';
import { parseAmount } from '../../src/engine/slack-decisions.js';

// Slack's own worked example (api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TS = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const at = (seconds: number) => new Date(seconds * 1000);

describe("Slack's request signature", () => {
  it("computes Slack's documented example", () => {
    expect(signSlack(SECRET, TS, BODY)).toBe(SIGNATURE);
  });

  it('accepts the signed body within five minutes and refuses a changed byte, another secret, an old or missing timestamp', () => {
    const raw = Buffer.from(BODY);
    expect(() => verifySlack(SECRET, TS, SIGNATURE, raw, at(Number(TS) + 299))).not.toThrow();
    expect(() => verifySlack(SECRET, TS, SIGNATURE, Buffer.from(`${BODY}x`), at(Number(TS)))).toThrow(/does not match/);
    expect(() => verifySlack('another-secret', TS, SIGNATURE, raw, at(Number(TS)))).toThrow(/does not match/);
    expect(() => verifySlack(SECRET, TS, SIGNATURE, raw, at(Number(TS) + 301))).toThrow(/too old/);
    expect(() => verifySlack(SECRET, undefined, SIGNATURE, raw, at(Number(TS)))).toThrow(/missing/);
    expect(() => verifySlack(SECRET, TS, undefined, raw, at(Number(TS)))).toThrow(/does not match/);
    expect(() => verifySlack(undefined, TS, SIGNATURE, raw, at(Number(TS)))).toThrow(/AMENDS_SLACK_SIGNING_SECRET/);
  });
});

describe('the amount typed in the Change amount form', () => {
  it('reads major units with a dot or a comma and spaces, into minor units', () => {
    expect(parseAmount('3000', 'RUB')).toEqual({ minor: 300_000, currency: 'RUB' });
    expect(parseAmount('2 500,5', 'RUB')).toEqual({ minor: 250_050, currency: 'RUB' });
    expect(parseAmount('12.34', 'EUR')).toEqual({ minor: 1234, currency: 'EUR' });
  });

  it('refuses zero, negatives, three decimals and words', () => {
    for (const bad of ['0', '-5', '1.234', 'три тысячи', '', null, '1e5']) expect(parseAmount(bad, 'RUB')).toBeUndefined();
  });
});
