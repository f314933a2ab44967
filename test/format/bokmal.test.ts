import { num, kr, tusen, mill, pct, signed, pp, formatValue, NBSP, roundHalfAway } from '../../src/format/bokmal';

const s = (t: string) => t.split(NBSP).join(' ');

describe('bokmål number formatting (DOMAIN.md number conventions)', () => {
  test('thousands with a non-breaking space and decimal comma', () => {
    expect(s(num(790118000))).toBe('790 118 000'); // 000: brutto driftsinntekter 2022
    expect(num(790118000)).toContain(NBSP);
    expect(s(num(1.14791, 5))).toBe('1,14791');
    expect(s(num(1234.5, 1))).toBe('1 234,5');
    expect(num(999)).toBe('999');
    expect(s(num(1000))).toBe('1 000');
  });
  test('negative numbers keep a minus sign and group correctly', () => {
    expect(s(num(-3806))).toBe('-3 806'); // 000 beste praksis, administrasjon
    expect(s(num(-170923180))).toBe('-170 923 180');
    expect(num(-0.04, 1)).toBe('0,0'); // no "-0,0"
  });
  test('rounding is half away from zero, as the sources round', () => {
    expect(roundHalfAway(2.25, 1)).toBe(2.3);
    expect(roundHalfAway(-2.25, 1)).toBe(-2.3);
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(num(14.545, 2)).toBe('14,55');
  });
  test('kr, tusen, mill, pct, signed, pp', () => {
    expect(s(kr(73544784))).toBe('73 544 784 kr');
    expect(s(tusen(57745000))).toBe('57 745');
    expect(s(mill(121400000))).toBe('121,4 mill');
    expect(s(mill(50628000, 1))).toBe('50,6 mill');
    expect(s(pct(14.55, 2))).toBe('14,55 %');
    expect(s(pct(2.2))).toBe('2,2 %');
    expect(s(signed(1005))).toBe('+1 005');
    expect(s(signed(-1009))).toBe('-1 009');
    expect(signed(0)).toBe('0');
    expect(s(pp(5.4))).toBe('+5,4 prosentpoeng');
  });
  test('missing values print as an en dash, never as 0', () => {
    for (const f of [num, kr, tusen, mill, pct, signed, pp]) {
      expect(f(null)).toBe('–');
      expect(f(undefined)).toBe('–');
      expect(f(Number.NaN)).toBe('–');
    }
  });
  test('formatValue picks the unit default and passes strings through', () => {
    expect(s(formatValue(2.2, undefined, undefined, '%'))).toBe('2,2 %');
    expect(s(formatValue(790118000, undefined, undefined, 'kr'))).toBe('790 118 000 kr');
    expect(formatValue('Midtre Gauldal')).toBe('Midtre Gauldal');
    expect(s(formatValue(0.8266, 'num', 2))).toBe('0,83');
  });
});
