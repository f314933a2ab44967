import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../src/errors';
import { buildRegisterFromKlass, editDistance, findKommune, findKommuner, foldName, nameForms, parseRegisterCsv, readRegisterFile } from '../../src/data/register';

const register = readRegisterFile();
const code = (q: string) => findKommune(register, q).code;
const message = (q: string): string => {
  try {
    findKommune(register, q);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error(`'${q}' was found`);
};

describe('the register file', () => {
  test('has the 358 kommuner of Klass 131 on 2026-01-01 plus landet and the 17 KOSTRA groups', () => {
    const all = [...register.values()];
    expect(all.filter((k) => k.kind === 'kommune' && k.current)).toHaveLength(358);
    expect(all.filter((k) => k.kind === 'gruppe' && k.current).map((k) => k.code)).toEqual(Array.from({ length: 17 }, (_, i) => `EKG${String(i + 1).padStart(2, '0')}`));
    expect(register.get('EAK')?.kind).toBe('landet');
    expect(register.get('EAKUO')?.kind).toBe('landet');
    // the kommuner of both sources
    for (const [c, n] of [['1837', 'Meløy'], ['1820', 'Alstahaug'], ['1813', 'Brønnøy'], ['1866', 'Hadsel'], ['1563', 'Sunndal'], ['1840', 'Saltdal'], ['5027', 'Midtre Gauldal']]) {
      expect(register.get(c)?.name).toBe(n);
    }
  });

  test('build-register regenerates the same CSV from the Klass sample, keeping the extra codes', () => {
    const klass = fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'ssb', 'klass-131-kommuner-2026-01-01.json'), 'utf8');
    const file = path.resolve(__dirname, '..', '..', 'data', 'register', 'kommuner.csv');
    const existing = parseRegisterCsv(file, fs.readFileSync(file, 'utf8'));
    expect(buildRegisterFromKlass(klass, existing)).toBe(fs.readFileSync(file, 'utf8'));
  });

  test('a code a source needs that Klass no longer lists is kept as not current', () => {
    const klass = JSON.stringify({ codes: [{ code: '1837', name: 'Meløy' }] });
    const existing = new Map([
      ['1850', { code: '1850', name: 'Tysfjord', kind: 'kommune' as const, current: true, note: 'delt 2020' }],
      ['EKG06', { code: 'EKG06', name: 'KOSTRA-gruppe 6', kind: 'gruppe' as const, current: true }],
    ]);
    expect(buildRegisterFromKlass(klass, existing)).toBe('code,name,kind,current,note\n1837,Meløy,kommune,ja,\n1850,Tysfjord,kommune,nei,delt 2020\nEKG06,KOSTRA-gruppe 6,gruppe,ja,\n');
  });

  test('a Klass file without codes is a user error', () => {
    expect(() => buildRegisterFromKlass('{"codes": []}')).toThrow(UserError);
    expect(() => buildRegisterFromKlass('{"codes": [')).toThrow(/ikke gyldig JSON/);
  });
});

describe('foldName', () => {
  test('folds Norwegian and Sami letters, case and punctuation', () => {
    expect(foldName('MELØY')).toBe('meloy');
    expect(foldName('Bærum')).toBe('baerum');
    expect(foldName('Hå')).toBe('ha');
    expect(foldName('Porsáŋgu')).toBe('porsangu');
    expect(foldName('Deatnu - Tana')).toBe('deatnu tana');
    expect(foldName('čđŋšŧžáï')).toBe('cdnstzai');
    expect(nameForms('Porsanger - Porsáŋgu - Porsanki')).toEqual(['porsanger porsangu porsanki', 'porsanger', 'porsangu', 'porsanki']);
  });
  test('edit distance', () => {
    expect(editDistance('meloy', 'meloy')).toBe(0);
    expect(editDistance('melo', 'meloy')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('findKommune', () => {
  test('by number, with or without the name, with K- prefix or a dropped leading zero', () => {
    expect(code('1837')).toBe('1837');
    expect(code('1837 Meløy')).toBe('1837');
    expect(code('1837 meloy')).toBe('1837');
    expect(code('K-1837')).toBe('1837');
    expect(code('301')).toBe('0301');
    expect(code('ekg06')).toBe('EKG06');
    expect(code('EAK')).toBe('EAK');
  });
  test('by name, case- and diacritics-insensitive', () => {
    for (const q of ['Meløy', 'Meloy', 'meløy', 'MELØY', ' meloy ']) expect(code(q)).toBe('1837');
    expect(code('Bronnoy')).toBe('1813');
    expect(code('Brønnøy')).toBe('1813');
    expect(code('midtre gauldal')).toBe('5027');
    expect(code('Baerum')).toBe(findKommune(register, 'Bærum').code);
  });
  test('multi-language names match any of their parts', () => {
    expect(code('Porsanger')).toBe('5622');
    expect(code('Porsángu')).toBe('5622');
    expect(code('porsangu')).toBe('5622');
    expect(code('Porsanki')).toBe('5622');
    expect(code('Porsanger - Porsáŋgu - Porsanki')).toBe('5622');
    expect(code('Oslo')).toBe('0301');
    expect(code('Tråante')).toBe('5001');
    expect(code('Hamarøy')).toBe('1875');
    expect(code('Habmer')).toBe('1875');
    expect(code('Kautokeino')).toBe('5612');
    expect(code('Guovdageaidnu')).toBe('5612');
    expect(code('Karasjok')).toBe('5610');
    expect(code('Evenassi')).toBe('1853');
  });
  test('a lower-case name that starts with E is a name, not a group code', () => {
    expect(code('Eidskog')).toBe(findKommune(register, 'eidskog').code);
    expect(register.get(code('Eidskog'))?.name).toBe('Eidskog');
  });
  test('names shared by two kommuner are ambiguous until the fylke or number is given', () => {
    expect(message('Herøy')).toBe("'Herøy' passer med flere: 1515 Herøy (Møre og Romsdal), 1818 Herøy (Nordland); skriv kommunenummeret");
    expect(code('Herøy (Nordland)')).toBe('1818');
    expect(code('heroy nordland')).toBe('1818');
    expect(message('Våler')).toMatch(/^'Våler' passer med flere: 3114 Våler \(Østfold\), 3419 Våler \(Innlandet\)/);
  });
  test('unknown names list the nearest by edit distance', () => {
    expect(message('Meløyy')).toMatch(/^fant ingen kommune som heter 'Meløyy'; mente du 1837 Meløy,/);
    expect(message('Brønøy')).toMatch(/mente du 1813 Brønnøy,/);
    expect(message('Alstadhaug')).toMatch(/mente du 1820 Alstahaug,/);
  });
  test('unknown numbers and number/name mismatches are user errors', () => {
    expect(message('1850')).toMatch(/^ukjent kommunenummer 1850 i '1850'/);
    expect(message('1850 Meløy')).toMatch(/Meløy har nummer 1837/);
    expect(message('1837 Bodø')).toBe("'1837 Bodø': 1837 er Meløy, ikke Bodø; sjekk nummeret eller skriv bare navnet");
    expect(message('')).toMatch(/tom kommune/);
  });
  test('findKommuner resolves a comma list and drops duplicates', () => {
    expect(findKommuner(register, '1837, Alstahaug,EKG06,meloy').map((k) => k.code)).toEqual(['1837', '1820', 'EKG06']);
    expect(() => findKommuner(register, ' , ')).toThrow(UserError);
  });
  test('accepts a list of entries as well as a map', () => {
    expect(findKommune([...register.values()], 'Saltdal').code).toBe('1840');
  });
});
