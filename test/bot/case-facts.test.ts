// #26 points 1, 3, 4 and 7: what the institution needs of a case, asked once at intake and edited on
// the case card (the worker's role, a Bapas program, the guarantor, the substance); group cases; the
// roles asked of a praktikan only; a Bapas client's monthly supervision written alongside the
// stages. Real updates, real Redis, the fake Bot API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, buttons, Harness, openCase, walkIntake } from '../support/bot-harness.ts';
import { currentQuestion, fillNote } from '../support/note-driver.ts';

let h: Harness;

beforeEach(async () => {
  h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

/** The intake's question ids, in the order the bot asked them. */
async function intakeAsked(answers: Parameters<typeof walkIntake>[1] = {}, languageCode?: string): Promise<string[]> {
  const asked: string[] = [];
  await h.say('/kasus_baru', languageCode ? { languageCode } : {});
  const real = h.say.bind(h);
  const realTap = h.tap.bind(h);
  const note = async () => {
    const q = (await h.workspace()).session?.activity?.form.cursor;
    if (q) asked.push(q);
  };
  h.say = async (text, opts) => (await note(), real(text, opts));
  h.tap = async (label, user) => (await note(), realTap(label, user));
  try {
    await walkIntake(h, answers);
  } finally {
    h.say = real;
    h.tap = realTap;
  }
  return asked;
}

describe('the intake asks what the setting needs', () => {
  it('a Bapas case: the model first, the client, then the role, the program, its end, the guarantor and the substance', async () => {
    const asked = await intakeAsked({ setting: { tap: 'Bapas' }, peran: { tap: 'PK Bapas' }, akhir_bimbingan: '12/3/2026', program: { tap: 'Pembebasan bersyarat' } });
    expect(asked).toEqual(['model', 'inisial', 'usia', 'jenis_kelamin', 'setting', 'masalah', 'peran', 'program', 'akhir_bimbingan', 'penjamin', 'penjamin_setuju', 'zat_utama']);
    const [c] = Object.values((await h.workspace()).cases);
    expect(c!.facts).toEqual({ peran: 'pk', program: 'pembebasan_bersyarat', akhir_bimbingan: '2026-03-12', penjamin: 'orang_tua', penjamin_setuju: 'tertulis', zat_utama: 'tidak_ada' });
    // the card shows them, in words
    await h.say('/kasus');
    const [card] = await h.tap('Si (42)');
    for (const line of ['Peran Anda: PK Bapas', 'Program: Pembebasan bersyarat', 'Akhir masa bimbingan: 12 Maret 2026', 'Penjamin: Orang tua', 'Kesediaan penjamin: Ya, tertulis', 'Zat utama: Tidak memakai NAPZA']) {
      expect(card!.text).toContain(line);
    }
  });

  it('a NAPZA client at an IPWL: inpatient or outpatient and how the client came, no Bapas questions', async () => {
    const asked = await intakeAsked({ setting: { tap: 'IPWL' }, model: { tap: 'IPWL' }, peran: { tap: 'Konselor adiksi' }, zat_utama: { tap: 'Sabu' }, rawat: { tap: 'Rawat jalan' }, cara_masuk: { tap: 'Wajib lapor' } });
    expect(asked).toEqual(['model', 'inisial', 'usia', 'jenis_kelamin', 'setting', 'masalah', 'peran', 'zat_utama', 'rawat', 'cara_masuk']);
    const [c] = Object.values((await h.workspace()).cases);
    expect(c!.facts).toEqual({ peran: 'konselor', zat_utama: 'sabu', rawat: 'jalan', cara_masuk: 'wajib_lapor' });
  });

  it('in English too', async () => {
    await h.say('/kasus_baru', { languageCode: 'en' });
    const first = h.last();
    expect(first.text).toContain('Which intervention model?');
    await walkIntake(h, { model: { tap: 'Zastrow' }, jenis_kelamin: { tap: 'Female' }, setting: { tap: 'Probation' }, peran: { tap: 'Social worker' }, program: { tap: 'Parole' }, penjamin: { tap: 'Parent' }, penjamin_setuju: { tap: 'Yes, in writing' }, zat_utama: { tap: 'No drug use' } });
    const [c] = Object.values((await h.workspace()).cases);
    expect(c!.facts).toMatchObject({ peran: 'peksos', program: 'pembebasan_bersyarat' });
  });
});

describe('a group case', () => {
  it('is opened with the group (name, members, composition, ages), never one invented client', async () => {
    const asked = await intakeAsked({ model: { tap: 'Groupwork' }, setting: { tap: 'Panti' }, nama_kelompok: 'Mawar', jumlah_anggota: '8', komposisi: { tap: 'Campuran' }, usia_termuda: '16', usia_tertua: '24' });
    expect(asked).toEqual(['model', 'nama_kelompok', 'jumlah_anggota', 'komposisi', 'usia_termuda', 'usia_tertua', 'setting', 'masalah', 'peran']);
    const [c] = Object.values((await h.workspace()).cases);
    expect(c).toMatchObject({ initials: 'Mawar', age: 16, gender: 'campuran', group: { members: 8, oldest: 24 }, flowId: 'groupwork-tc' });
    await h.say('/kasus');
    const [card] = await h.tap('👥 Mawar (8)');
    expect(card!.text).toContain('👥 Mawar (8)');
    expect(card!.text).toContain('Anggota: 8 orang, usia 16–24 tahun');
    expect(card!.text).toContain('Jenis kelamin: Campuran');
    // one member is 16: a child's case (no faces in its photos)
    await h.tap('Catat sesi');
    const draft = (await h.workspace()).session!.activity!.form.answers;
    expect(draft).toMatchObject({ '@kelompok': true, '@anak': true });
  });
});

describe("a group's session is a group meeting", () => {
  it('its contact type and attendees are given: passed by, counted out, shown at the review and saved', async () => {
    await openCase(h, 'Mawar', 'Groupwork', ADMIN, 'Panti', { nama_kelompok: 'Mawar', peran: { tap: 'Pekerja sosial' } });
    await h.say('/catat');
    await h.tap('👥 Mawar');
    const before = await fillNote(h, { until: 'risiko' });
    // the questions passed by are not counted: the one now asked is numbered as asked
    expect(h.last().text).toContain(`Pertanyaan ${before.length + 1} dari`);
    const asked = [...before, ...(await fillNote(h))];
    expect(asked).not.toContain('jenis_kontak');
    expect(asked).not.toContain('yang_hadir');
    const review = h.last();
    expect(review.text).toContain('Bentuk pertemuan?</b>\nKelompok');
    expect(review.text).toContain('Siapa saja yang hadir?</b>\nAnggota kelompok');
    await h.tap(/^💾/);
    const ws = await h.workspace(ADMIN, Object.keys((await h.workspace()).cases)[0]);
    const [note] = Object.values(ws.notes ?? {});
    expect(note!.items.find((i) => i.id === 'jenis_kontak')?.value).toBe('kelompok');
    expect(note!.items.find((i) => i.id === 'yang_hadir')?.value).toEqual(['kelompok']);
  });
});

describe('the case card edits the case data', () => {
  it('changes a fact from the review; a fact of a setting left behind is dropped', async () => {
    const id = await openCase(h, 'Si', 'Zastrow', ADMIN, 'Bapas', { peran: { tap: 'PK Bapas' } });
    await h.say('/kasus');
    await h.tap('Si (42)');
    const [review] = await h.tap('Ubah data kasus');
    expect(review!.text).toContain('Data kasus Si (42)');
    expect(review!.text).toContain('Pembebasan bersyarat');
    // the program is the third item (setting, problem, role, program…): change it
    const items = buttons(review).map((b) => b.text);
    expect(items).toContain('✏️ 4');
    await h.tap('✏️ 4');
    await h.tap('Asimilasi');
    await h.tap('Simpan');
    expect(h.last().text).toContain('Data kasus Si (42) tersimpan');
    let c = (await h.workspace()).cases[id]!;
    expect(c.facts).toMatchObject({ peran: 'pk', program: 'asimilasi' });
    // the client moves from the Bapas to a rehab: the Bapas facts no longer apply
    await h.say('/kasus');
    await h.tap('Si (42)');
    await h.tap('Ubah data kasus');
    await h.tap('✏️ 1');
    await h.tap('Panti / rehab');
    // the rehab's questions follow (the substance stays: "Tidak memakai NAPZA" asks nothing more)
    for (let i = 0; i < 5 && (await h.workspace()).session?.activity?.form.cursor; i++) await h.tap('Lewati').catch(() => h.tap('Sukarela'));
    await h.tap('Simpan');
    c = (await h.workspace()).cases[id]!;
    expect(c.setting).toBe('panti');
    expect(c.facts).toEqual({ peran: 'pk', zat_utama: 'tidak_ada' });
  });

  it('an older case without facts says how to add them, and its notes ask the roles as before', async () => {
    const id = await openCase(h);
    // as a case opened before the facts were asked
    const ws = await h.workspace();
    const c = ws.cases[id]!;
    delete c.facts;
    await h.store.commit(ADMIN, ws.rev, { cases: [c] });
    await h.say('/kasus');
    const [card] = await h.tap('Si (42)');
    expect(card!.text).toContain('belum diisi');
    await h.tap('Catat sesi');
    const asked = await fillNote(h, { until: 'dokumentasi' });
    expect(asked).toContain('peran_peksos');
  });
});

describe('who the worker is decides the extra questions', () => {
  it('a PK is not asked the roles; a praktikan is', async () => {
    await openCase(h, 'Si', 'Zastrow', ADMIN, 'Bapas', { peran: { tap: 'PK Bapas' } });
    await h.say('/catat');
    await h.tap('Si (42)');
    const pk = await fillNote(h);
    expect(pk).not.toContain('peran_peksos');
    expect(pk).toContain('kemajuan_tujuan');
    await h.tap('Simpan');
    await openCase(h, 'RO', 'Zastrow', ADMIN, 'Bapas', { peran: { tap: 'Praktikan' } });
    await h.say('/catat');
    await h.tap('RO (42)');
    const student = await fillNote(h);
    expect(student).toContain('peran_peksos');
    expect((await currentQuestion(h, ADMIN))).toBeUndefined();
  });
});

describe("a Bapas client's monthly supervision runs alongside the stages", () => {
  it('is offered on the first screen of every note, and a note in it moves the case nowhere', async () => {
    const id = await openCase(h, 'Si', 'Bapas EIC', ADMIN, 'Bapas', { peran: { tap: 'PK Bapas' } });
    await h.say('/catat');
    const [first] = await h.tap('Si (42)');
    const offer = buttons(first).find((b) => b.text.startsWith('📋'));
    expect(offer?.text).toMatch(/^📋 .*Pengawasan/);
    await h.tap(offer!.text);
    const asked = await fillNote(h);
    expect(asked).toEqual(expect.arrayContaining(['wajib_lapor', 'pelanggaran_perubahan', 'fase_program', 'kemajuan_tujuan']));
    // no narcotics: no urine test
    expect(asked).not.toContain('tes_urine');
    const [saved] = await h.tap('Simpan');
    const c = (await h.workspace()).cases[id]!;
    expect(c.stageId).toBe('eic');
    expect(c.noteCount).toBe(1);
    // the next stage offered is the one after the case's own, not the supervision
    expect(buttons(saved).map((b) => b.text).join(' ')).toContain('tahap 2');
  });

  it('asks a narcotics client for the urine test', async () => {
    await openCase(h, 'Si', 'Bapas EIC', ADMIN, 'Bapas', { peran: { tap: 'PK Bapas' }, zat_utama: { tap: 'Sabu' } });
    await h.say('/catat');
    await h.tap('Si (42)');
    const offer = buttons(h.last()).find((b) => b.text.startsWith('📋'))!;
    await h.tap(offer.text);
    const asked = await fillNote(h);
    expect(asked).toContain('tes_urine');
  });
});
