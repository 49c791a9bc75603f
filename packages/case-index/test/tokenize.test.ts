import { describe, expect, it } from 'vitest';
import { isNoiseTerm, splitCompound, tokens } from '../src/tokenize.ts';

describe('tokens', () => {
  it('keeps codes whole and also gives their parts', () => {
    expect(tokens('HTTP Error 403.14 - Forbidden')).toEqual(['error', '40314', '403', '14', 'forbidden']);
    expect(tokens('InvalidParameterValue.Subnet')).toEqual(
      expect.arrayContaining(['invalidparametervaluesubnet', 'invalidparametervalue', 'invalid', 'subnet']),
    );
    expect(tokens('System.Net.Mail.SmtpException')).toEqual(expect.arrayContaining(['systemnetmailsmtpexception', 'smtpexception', 'smtp']));
  });

  it('keeps SMTP codes that look like dates', () => {
    expect(tokens('5.7.57 and 5.7.139')).toEqual(['5757', '57', '57139', '139']);
    expect(tokens('on 22.10.2026')).toEqual([]);
  });

  it('never splits hexadecimal codes', () => {
    expect(tokens('0xC004F074')).toEqual(['0xc004f074']);
    expect(tokens('AADSTS50011')).toEqual(['aadsts50011']);
  });

  it('stems English words and drops stop words', () => {
    expect(tokens('The connections are connecting')).toEqual(['connect', 'connect']);
  });

  it('reads "can\'t", "cannot" and "unable" as one word', () => {
    expect(tokens("Can't join, cannot join, unable to join")).toEqual(['cannot', 'join', 'cannot', 'join', 'cannot', 'join']);
  });

  it('drops GUIDs, timestamps and long ids', () => {
    expect(tokens('Correlation 11a09b34-8fca-4bc7-b16c-83328932c306 at 2020-10-22T04:38:26Z on vmss00000m1234')).toEqual(['correl']);
    expect(isNoiseTerm('deadbeef01')).toBe(true);
    expect(isNoiseTerm('aadsts7000222')).toBe(false);
  });

  it('segments Chinese into words', () => {
    const terms = tokens('磁碟區擴充後仍然顯示空間不足');
    expect(terms.length).toBeGreaterThan(2);
    expect(terms.join('')).toContain('空間');
  });
});

describe('splitCompound', () => {
  const known = new Set(['file', 'share', 'user', 'name']);
  it('splits a closed compound into two known words', () => {
    expect(splitCompound('fileshare', (term) => known.has(term))).toEqual(['file', 'share']);
    expect(splitCompound('username', (term) => known.has(term))).toEqual(['user', 'name']);
  });
  it('leaves words it cannot split', () => {
    expect(splitCompound('kubernetes', (term) => known.has(term))).toBeUndefined();
  });
});
