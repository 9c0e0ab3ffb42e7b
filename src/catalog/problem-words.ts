// A flow checker's problem in the admin's language. The compiler speaks English (the docs and
// `npm run flows:check` do); an admin who uploads a file in Indonesian reads the same problem in
// Indonesian. Unknown shapes stay in English: a correct problem beats a wrong translation.
type Rule = [RegExp, (m: RegExpExecArray) => string];

const ID_RULES: Rule[] = [
  [/^unknown question type "(.*)" \(use one of: (.*)\)$/, (m) => `jenis pertanyaan "${m[1]}" tidak dikenal (pakai salah satu: ${m[2]})`],
  [/^the question has no type \(use one of: (.*)\)$/, (m) => `pertanyaan tanpa jenis (type); pakai salah satu: ${m[1]}`],
  [/^unknown key "(.*)" .*$/, (m) => `kunci "${m[1]}" tidak dikenal (periksa ejaannya; lihat docs/flows.md)`],
  [/^unknown keys (.*) and (\d+) more \(check .*$/, (m) => `kunci ${m[1]} dan ${m[2]} lainnya tidak dikenal (periksa ejaannya)`],
  [/^unknown keys (.*) \(check .*$/, (m) => `kunci ${m[1]} tidak dikenal (periksa ejaannya)`],
  [/^Indonesian text \(id\) is required$/, () => 'teks bahasa Indonesia (id) wajib diisi'],
  [/^button label longer than 24 characters$/, () => 'label tombol lebih dari 24 karakter'],
  [/^option label of a multi question longer than 22 characters.*$/, () => 'label pilihan ganda lebih dari 22 karakter (yang dicentang diberi "✅ " di depannya)'],
  [/^this question needs options.*$/, () => 'pertanyaan ini perlu pilihan (options: daftar { value, label })'],
  [/^needs at least (\d+) options$/, (m) => `perlu paling sedikit ${m[1]} pilihan`],
  [/^at most (\d+) options$/, (m) => `paling banyak ${m[1]} pilihan`],
  [/^"(.*)" is missing$/, (m) => `"${m[1]}" belum diisi`],
  [/^question id "(.*)" is used twice in this stage.*$/, (m) => `id pertanyaan "${m[1]}" dipakai dua kali dalam tahap ini (pertanyaan bersama ikut dihitung)`],
  [/^stage id "(.*)" is used twice$/, (m) => `id tahap "${m[1]}" dipakai dua kali`],
  [/^option "(.*)" appears twice$/, (m) => `pilihan "${m[1]}" muncul dua kali`],
  [/^condition refers to "(.*)", which is asked only later \(question (\d+) of this stage\).*$/, (m) => `syarat (when) menyebut "${m[1]}", yang baru ditanyakan nanti (pertanyaan ke-${m[2]} tahap ini): syarat hanya boleh menyebut pertanyaan sebelumnya`],
  [/^condition refers to "(.*)", which is not a question of this stage.*$/, (m) => `syarat (when) menyebut "${m[1]}", yang bukan pertanyaan tahap ini`],
  [/^HTML tag or entity in the text.*$/, () => 'ada tag atau entitas HTML dalam teks (Telegram akan membacanya sebagai format): tulis tanpa < > dan &…;'],
  [/^the file is (\d+) KB; a flow file may have at most (\d+) KB$/, (m) => `berkas ${m[1]} KB; berkas model paling besar ${m[2]} KB`],
  [/^the file is over (\d+) KB$/, (m) => `berkas lebih dari ${m[1]} KB`],
  [/^nested deeper than (\d+) levels.*$/, (m) => `susunan bertingkat lebih dari ${m[1]} lapis; sebuah model cukup sekitar 10`],
  [/^YAML aliases \(\*name\) expand too far.*$/, () => 'alias YAML (*nama) mengembang terlalu jauh; tulis pertanyaannya langsung'],
  [/^(\d+) questions; a flow file may have at most (\d+)$/, (m) => `${m[1]} pertanyaan; berkas model paling banyak ${m[2]}`],
  [/^over (\d+) keys \(names before a colon\).*$/, (m) => `lebih dari ${m[1]} kunci (nama sebelum titik dua); berkas model biasanya hanya beberapa ratus`],
  [/^YAML: Map keys must be unique$/, () => 'YAML tidak terbaca: kunci yang sama ditulis dua kali di satu bagian (tiap kunci hanya boleh sekali)'],
  [/^YAML: (.*)$/, (m) => `YAML tidak terbaca: ${m[1]}`],
  [/^no common file "(.*)".*$/, (m) => `tidak ada berkas bersama "${m[1]}" (yang ada: common/session-header, common/session-footer)`],
  [/^flow id "(.*)" is longer than (\d+) characters$/, (m) => `id model "${m[1]}" lebih dari ${m[2]} karakter`],
  [/^the file holds no flow$/, () => 'berkas ini tidak berisi model'],
  [/^use lower-case letters, digits and (.) \(starting with a letter\)$/, (m) => `pakai huruf kecil, angka dan ${m[1]} (diawali huruf)`],
  [/^scale needs min < max and at most 10 points$/, () => 'skala perlu min < max dan paling banyak 10 titik'],
  [/^prompt longer than 10 lines.*$/, () => 'pertanyaan lebih dari 10 baris (taruh latar belakang di panduan tahap)'],
  [/^short name longer than 16 characters$/, () => 'nama pendek (short) lebih dari 16 karakter'],
];

export interface ProblemLine {
  line: number;
  column: number;
  /** the path in the file, e.g. "stages[0].questions[1].type" (may be empty) */
  where: string;
  text: string;
}

/** "file:12:5 — stages[0].questions[1].type: unknown question type…" → its parts. */
export function splitProblem(problem: string): ProblemLine {
  const m = /^[^:]*:(\d+):(\d+) — (.*)$/s.exec(problem);
  if (!m) return { line: 1, column: 1, where: '', text: problem };
  const rest = m[3]!;
  // "YAML: …" is the parser's own problem, not a path in the file (its rules translate it whole)
  const w = rest.startsWith('YAML: ') ? null : /^([A-Za-z_][\w.[\]]*): (.*)$/s.exec(rest);
  return { line: Number(m[1]), column: Number(m[2]), where: w ? w[1]! : '', text: w ? w[2]! : rest };
}

export function problemText(text: string, lang: 'id' | 'en'): string {
  if (lang === 'en') return text;
  for (const [re, words] of ID_RULES) {
    const m = re.exec(text);
    if (m) return words(m);
  }
  return text;
}
