// #26 point 12: the soft check of typed answers for a NIK, a phone number or an address.
import { describe, expect, it } from 'vitest';
import { identifiersIn } from '../../src/cases/identifiers.ts';

describe('identifiersIn', () => {
  it.each([
    ['NIK 3201234567890001 sudah dicatat', ['nik']],
    ['nik: 3201 2345 6789 0001', ['nik']],
    ['hubungi ibunya di 0812-3456-7890', ['phone']],
    ['WA +62 812 3456 789', ['phone']],
    ['rumahnya di Jl. Merdeka 12', ['address']],
    ['tinggal di gang Mawar dekat pasar', ['address']],
    ['RT 03/RW 05 desa itu', ['address']],
    ['RT 3 RW 5, dekat masjid', ['address']],
    ['Jl. Mawar No. 12, NIK 3201234567890001', ['nik', 'address']],
  ])('%j → %j', (text, kinds) => {
    expect(identifiersIn(text)).toEqual(kinds);
  });

  it.each([
    'Klien mulai terbuka; ibunya datang berkunjung.',
    'Sesi 2 dari 8, skor 4, 12 Maret 2025',
    'jalan kaki ke balai desa bersama ketua RT',
    'tes urine tanggal 12/03/2025 negatif',
    'biaya Rp 1.500.000 untuk pelatihan',
    'sesi no. 3 dari rencana',
  ])('%j → nothing', (text) => {
    expect(identifiersIn(text)).toEqual([]);
  });
});
