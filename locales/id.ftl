# Pendamping — teks antarmuka (Bahasa Indonesia). Sopan, singkat, dengan "Anda".

## Menu dan sambutan
welcome =
    Selamat datang, { $name }! 👋
    Saya Pendamping, asisten untuk menulis catatan sesi pendampingan klien langsung dari ponsel.
    Setelah bertemu klien, tekan 📝 Catat sesi dan jawab pertanyaan tahap intervensinya satu per satu.
menu-title = Menu utama. Apa yang ingin Anda lakukan?
menu-unfinished = ✏️ Ada yang belum selesai: { $what }. Ketik /lanjut untuk meneruskan.
help =
    <b>Cara memakai Pendamping</b>
    ➕ /kasus_baru — buka kasus baru (inisial klien, usia, model intervensi)
    📝 /catat — catat sesi untuk sebuah kasus, sesuai tahapnya
    📂 /kasus — daftar kasus Anda
    📚 /riwayat — catatan sesi sebuah kasus, terbaru di atas
    ⏰ /pengingat — hari dan jam pengingat monitoring, jadwal per kasus, jeda
    🏛 /lembaga — anggota, peran, supervisor, undangan (admin); /tim — beban kasus tim Anda (supervisor, admin); /undang — tautan untuk petugas bimbingan Anda (supervisor); /audit — catatan audit (admin); /keluar — keluar dari lembaga
    ▶️ /lanjut — tampilkan lagi pertanyaan terakhir
    Saat mengisi: /kembali ke pertanyaan sebelumnya, /lewati pertanyaan opsional, /panduan tahap ini, /batal untuk membatalkan.
    🌐 /bahasa — ganti bahasa
    Semua jawaban tersimpan otomatis setelah setiap pertanyaan. Klien hanya dicatat dengan inisial dan usia.
choose-language = Pilih bahasa:
language-set = ✅ Bahasa Indonesia dipakai.
idle-text = Tidak ada catatan yang sedang diisi. Pilih dari menu di bawah, atau ketik /bantuan.
unknown-command = Perintah itu tidak dikenal. Ketik /bantuan untuk melihat daftar perintah.
edited-ignored = Pesan yang diedit tidak dibaca ulang. Untuk mengubah jawaban, gunakan tombol ✏️ di halaman tinjauan.
not-allowed =
    Maaf, Anda belum terdaftar sebagai pengguna Pendamping.
    Kirimkan ID Telegram Anda kepada admin lembaga: { $id }
private-only = Demi kerahasiaan klien, Pendamping hanya dipakai di chat pribadi.

## Tombol
btn-new-case = ➕ Kasus baru
btn-note = 📝 Catat sesi
btn-cases = 📂 Kasus saya
btn-history = 📚 Riwayat
btn-help = ❓ Bantuan
btn-menu = 🏠 Menu
btn-note-now = 📝 Catat sesi sekarang
btn-back = ⬅️ Kembali
btn-skip = ⏭ Lewati
btn-keep = ➡️ Pakai jawaban lama
btn-carry = ↩️ Seperti sesi lalu
btn-guide = ℹ️ Panduan
btn-cancel = ✖️ Batal
btn-done = ✔️ Selesai ({ $count })
btn-more = Lainnya…
btn-date-today = Hari ini
btn-date-yesterday = Kemarin
btn-date-week = +1 minggu
btn-date-fortnight = +2 minggu
btn-date-month = +1 bulan
btn-save = 💾 Simpan
btn-cancel-yes = Ya, batalkan
btn-cancel-no = Tidak, lanjutkan
btn-resume = ▶️ Lanjutkan
btn-discard = 🗑 Buang draf
btn-prev = ◀️ Sebelumnya
btn-next = Berikutnya ▶️
btn-other-stage = 🔀 Tahap lain
btn-next-stage = ⏭ Ke tahap { $index }
btn-stay-stage = Tetap di tahap { $index }
btn-close-case = 🏁 Akhiri kasus
btn-keep-open = Biarkan terbuka
yes = Ya
no = Tidak

## Pertanyaan
question-position = Pertanyaan { $index } dari { $total }
question-position-approx = Pertanyaan { $index } dari ± { $total }
previous-answer = Jawaban sebelumnya: { $answer }
carried-answer = Sesi lalu: { $answer }
hint-multi = Pilih satu atau lebih, lalu tekan ✔️ Selesai.
hint-file = Kirim { $kinds }.
or = atau
kind-photo = foto
kind-voice = pesan suara
kind-audio = rekaman audio
kind-video = video
kind-document = dokumen
hint-scale = Pilih angka { $min }–{ $max }.
hint-scale-labels = { $min } = { $minLabel }, { $max } = { $maxLabel }.
hint-longtext = Maks. { $max } karakter, tanpa nama lengkap, alamat, NIK, atau nomor HP.
name-deleted = 🧹 Pesan itu tampak berisi nama lengkap, jadi sudah dihapus dari chat ini. Tulis inisialnya saja.
photo-as-file = Foto ini terkirim sebagai berkas, yang bisa membawa data lokasi (GPS). Mohon kirim ulang sebagai foto: tekan 📎, pilih Galeri (bukan File).
review-identifiers = ⚠️ Periksa lagi: { $items }. Hapus bila itu data klien atau keluarganya; catatan tetap bisa disimpan.
review-identifier-item = no. { $n } tampaknya memuat { $kinds }
identifier-nik = NIK
identifier-phone = nomor HP
identifier-address = alamat
answer-skipped = — (dilewati)
file-photo = 📷 Foto
file-voice = 🎤 Pesan suara
file-audio = 🎵 Audio
file-video = 🎬 Video
file-document = 📎 Dokumen
review-title = 📋 Periksa sebelum disimpan
review-instructions = Periksa sekali lagi. Tekan ✏️ dan nomornya untuk mengubah jawaban, atau 💾 Simpan.
confirm-cancel = Batalkan pengisian ini? Jawaban yang sudah diisi akan dihapus.
cancelled = Dibatalkan. Tidak ada yang disimpan.
no-activity = Tidak ada catatan yang sedang diisi. Ketik /catat untuk mencatat sesi.
activity-gone = Maaf, model atau kasus untuk catatan ini sudah tidak ada. Silakan mulai lagi dengan /catat.
stale-button = Tombol ini sudah tidak berlaku. Gunakan pesan terbaru, atau ketik /lanjut.{ $orgs ->
        [several] {" "}Jika tombolnya dari lembaga Anda yang lain, pindah dulu dengan /lembaga.
       *[one] {""}
    }
restart-notice = ♻️ Pendamping baru saja dimulai ulang. Jawaban Anda aman tersimpan; kita lanjutkan dari tempat terakhir.
unfinished = Anda masih punya { $what } yang belum selesai. Lanjutkan dulu, atau buang drafnya?
draft-discarded = Draf dibuang.
activity-intake = isian kasus baru
activity-note = catatan sesi { $client } (tahap { $index }/{ $count })

## Jawaban yang belum tepat
invalid-empty = Jawabannya masih kosong. Silakan ketik jawaban Anda.
invalid-no-words = Mohon tulis dengan kata-kata, bukan hanya tanda baca.
invalid-too-long = Terlalu panjang ({ $length } karakter). Maksimal { $max } karakter; mohon diringkas.
invalid-expected-text = Untuk pertanyaan ini, mohon ketik jawaban berupa teks.
invalid-expected-file = Untuk pertanyaan ini, kirim foto, pesan suara, atau dokumen.
invalid-expected-choice = Pilih salah satu tombol di bawah pertanyaan.
invalid-file-kind = Jenis berkas itu tidak diterima di sini. Yang diterima: { $accept }.
invalid-not-a-number = Mohon ketik angka, misalnya 3.
invalid-not-integer = Mohon ketik bilangan bulat, tanpa koma.
invalid-below-min = Angkanya terlalu kecil; paling sedikit { $min }.
invalid-above-max = Angkanya terlalu besar; paling banyak { $max }.
invalid-not-on-scale = Pilih angka { $min } sampai { $max }.
invalid-not-yesno = Jawab dengan tombol Ya atau Tidak.
invalid-not-a-date = Tanggal belum dikenali. Contoh: hari ini, kemarin, 12/3/2025, atau 12 Maret 2025.
invalid-date-in-future = Tanggal itu belum terjadi. Untuk sesi yang sudah berlangsung, pilih hari ini atau sebelumnya.
invalid-date-in-past = Tanggal itu sudah lewat. Pilih hari ini atau tanggal sesudahnya.
invalid-date-out-of-range = Tanggal itu terlalu jauh. Periksa lagi tahunnya.
invalid-multi-too-few = Pilih paling sedikit { $min }, lalu tekan ✔️ Selesai.
invalid-multi-too-many = Pilih paling banyak { $max }.
invalid-initials = Cukup inisial: huruf saja, 1–5 huruf (misalnya Si, BZG, RO). Jangan tulis nama lengkap.
invalid-not-optional = Pertanyaan ini perlu dijawab, tidak bisa dilewati.
invalid-no-back = Ini pertanyaan pertama; tidak ada yang sebelumnya.
invalid-at-review = Semua pertanyaan sudah dijawab. Tekan ✏️ untuk mengubah jawaban, atau 💾 Simpan.
invalid-confirm-cancel = Jawab dulu: batalkan pengisian ini? Ketik ya atau tidak, atau tekan tombolnya.
guide-intake = Panduan tahap ada di catatan sesi. Di sini cukup isi data singkat kasus; klien hanya dicatat dengan inisial dan usia.
invalid-unsupported = Maaf, { $what ->
        [sticker] stiker
        [animation] GIF
        [location] lokasi
        [contact] kontak
        [poll] polling
       *[other] pesan jenis itu
    } tidak bisa dipakai sebagai jawaban. Silakan ketik jawaban Anda.

## Kasus
intake-intro = ➕ Kasus baru. Saya akan menanyakan model, klien, tempat layanan, dan data kasus, satu per satu. Klien hanya dicatat dengan inisial dan usia.
intake-header = Kasus baru
case-created =
    ✅ Kasus <b>{ $label }</b> tersimpan.
    Model: { $model }
    Mulai dari tahap 1: { $stage }
no-cases = Anda belum punya kasus aktif. Buka kasus baru dulu.
no-own-cases-supervisor = Anda belum punya kasus sendiri. Catatan pekerja bimbingan Anda datang sebagai ringkasan: buka dengan 📄 Lihat lengkap di ringkasan itu. Untuk mendampingi klien sendiri, buka kasus baru.
pick-case-note = 📝 Catat sesi untuk kasus mana? (hal. { $page }/{ $pages })
pick-case-history = 📚 Riwayat kasus mana? (hal. { $page }/{ $pages })
pick-case-cases = 📂 Kasus Anda, terbaru di atas (hal. { $page }/{ $pages })
case-card =
    📂 <b>{ $label }</b>
    Jenis kelamin: { $gender }
    Tempat layanan: { $setting }
    Masalah: { $problem }
    Model: { $model }
    Tahap sekarang: { $stage }
    Catatan sesi: { $notes } (terakhir: { $last })
    Status: { $status } · kode { $code }
gender-l = Laki-laki
gender-p = Perempuan
gender-campuran = Campuran
case-card-group = Anggota: { $members } orang, usia { $youngest }–{ $oldest } tahun
case-fact-peran = Peran Anda
case-fact-program = Program
case-fact-akhir_bimbingan = Akhir masa bimbingan
case-fact-penjamin = Penjamin
case-fact-penjamin_setuju = Kesediaan penjamin
case-fact-zat_utama = Zat utama
case-fact-rawat = Layanan
case-fact-cara_masuk = Cara datang
case-facts-none = Data kasus (peran Anda, program, zat) belum diisi: tekan ✏️ Ubah data kasus.
btn-case-edit = ✏️ Ubah data kasus
btn-case-card = 📂 Kartu kasus
case-edit-header = ✏️ Data kasus { $client }
case-edited = ✅ Data kasus { $client } tersimpan.
activity-case-edit = data kasus { $client }
setting-lapas = Lapas / Rutan
setting-bapas = Bapas
setting-ipwl = IPWL
setting-bnnk = BNNK
setting-panti = Panti / rehabilitasi
setting-lpka = LPKA
setting-sentra = Sentra / Balai Kemensos
setting-lks = LKS (lembaga kesejahteraan sosial)
setting-lainnya = Lainnya
status-active = aktif
status-closed = ditutup
case-closed = Kasus { $client } sudah ditutup; tidak bisa dicatat lagi.
case-closed-now = 🏁 Kasus { $client } ditutup. Riwayatnya tetap bisa dibuka lewat /riwayat.

## Catatan sesi
pick-stage = Pilih tahap untuk catatan ini ({ $label }):
note-header = { $client } · Tahap { $index }/{ $count } { $stage }
note-saved-next =
    ✅ Catatan sesi { $client } tersimpan (catatan ke-{ $count }).
    Pindah ke tahap berikutnya, { $next }, atau tetap di tahap ini?
note-saved-last =
    ✅ Catatan sesi { $client } tersimpan (catatan ke-{ $count }).
    Ini tahap terakhir. Akhiri kasus, atau biarkan terbuka?
stage-moved = ⏭ Kasus { $client } sekarang di tahap { $index }/{ $count }: { $stage }.
stage-stayed = Kasus { $client } tetap di tahap { $index }/{ $count }.
history-empty = Belum ada catatan sesi untuk { $label }.
history-list = 📚 { $label }: { $count } catatan, terbaru di atas (hal. { $page }/{ $pages })
history-risks = Tanda bahaya: { $count }
history-risk-open = ⏳ belum ditangani
history-risk-taken = 🙋 ditangani { $name }
history-risk-done = ✅ { $name }: { $note }
history-risks-more = … dan { $count } lainnya
note-title = { $date } · Tahap { $index }/{ $count } { $stage }
note-written = Ditulis { $date }

## Kesalahan
error-generic = Maaf, terjadi kesalahan. Jawaban yang sudah Anda isi tetap aman. Silakan coba lagi, atau ketik /lanjut.
error-conflict = Catatan ini baru saja diubah dari tempat lain. Jawaban terakhir Anda belum tersimpan; silakan kirim ulang.
flood-wait = ⏳ Tunggu sebentar… Pesan Anda sebelumnya masih diproses. Pesan yang dikirim sambil menunggu tidak dibaca; kirim lagi setelah saya menjawab.

## Daftar perintah Telegram
cmd-catat = Catat sesi untuk sebuah kasus
cmd-kasus_baru = Buka kasus baru
cmd-kasus = Daftar kasus saya
cmd-laporan = Laporan kasus (Word / PDF), grafik, lembar terminasi
cmd-ekspor = Ekspor catatan ke spreadsheet (supervisor, admin)
cmd-riwayat = Riwayat catatan sesi
cmd-lanjut = Lanjutkan catatan yang belum selesai
cmd-batal = Batalkan pengisian
cmd-bahasa = Ganti bahasa
cmd-bantuan = Bantuan

## Pengingat monitoring
cmd-pengingat = Atur pengingat monitoring
reminder-title = Pengingat monitoring
reminder-title-many = Pengingat monitoring: { $count } kasus
reminder-line = { $code } · { $stage } · { $last }
reminder-stage = tahap { $stage }
reminder-last-note = { $days ->
        [0] pertemuan terakhir hari ini
        [1] pertemuan terakhir kemarin
       *[other] pertemuan terakhir { $days } hari lalu
    }
reminder-no-note = belum ada pertemuan yang terlaksana
contact-missed-in-row = { $count }× berturut-turut tidak jadi
contact-meeting-passed = pertemuan { $date } terlewat
reminder-late = Terlambat terkirim; seharusnya { $scheduled }.
btn-reminder-note = 📝 Catat sekarang
btn-reminder-snooze = ⏰ Tunda 1 hari
btn-reminder-skip = Lewati kali ini
# a reminder of several cases: each button names its case (the text shows only the codes)
btn-reminder-note-case = 📝 { $client }
btn-reminder-snooze-case = ⏰ Besok { $code }
btn-reminder-skip-case = Lewati { $code }
reminder-snoozed = ⏰ Baik, pengingat { $client } saya kirim lagi besok.
reminder-skip-why = Pengingat { $client } kali ini dilewati. Apa alasannya? Tulis singkat (atau ketik /menu untuk melewati tanpa alasan).
reminder-skip-noted = ✅ Alasan dicatat pada kasus { $client }.
reminders-settings =
    ⏰ <b>Pengingat monitoring</b>
    Setiap { $day }, pukul { $hour } { $zone }, untuk { $cases } kasus aktif (sesuai jadwal tiap kasus).
    Pengingat berikutnya: { $next }
    Pengingat tidak dikirim bila kasus sudah dicatat dalam periodenya.
reminders-paused =
    ⏸ <b>Pengingat monitoring dijeda.</b>
    Tekan ▶️ Aktifkan lagi bila Anda sudah kembali bertugas.
btn-rem-day = 📅 Hari
btn-rem-hour = 🕗 Jam
btn-rem-zone = 🌏 Zona waktu
btn-rem-cases = 🔁 Jadwal per kasus
btn-rem-pause = ⏸ Jeda semua
btn-rem-resume = ▶️ Aktifkan lagi
reminders-pick-day = Pengingat dikirim hari apa?
reminders-pick-hour = Pukul berapa?
reminders-pick-zone = Zona waktu Anda?
reminders-cadences = <b>Jadwal monitoring per kasus</b> (tekan untuk mengganti):
reminders-cadence-set = ✅ Monitoring { $client } sekarang { $cadence }.
cadence-weekly = mingguan
cadence-biweekly = 2 mingguan
cadence-monthly = bulanan
weekday-1 = Senin
weekday-2 = Selasa
weekday-3 = Rabu
weekday-4 = Kamis
weekday-5 = Jumat
weekday-6 = Sabtu
weekday-7 = Minggu
btn-reopen = 🔓 Buka kembali
case-reopened = 🔓 Kasus { $client } dibuka kembali; pengingatnya aktif lagi.
case-limit-reached = Anda sudah memegang { $max } kasus aktif, batas per pekerja. Akhiri dulu kasus yang sudah selesai (/kasus → kasusnya → 🏁 Akhiri kasus), lalu coba lagi.
case-card-skip = Monitoring dilewati { $date }: { $reason }

## Ringkasan mingguan untuk supervisor
digest-title = Ringkasan mingguan
digest-title-page = Ringkasan mingguan ({ $page }/{ $pages })
digest-period = { $from } – { $to } { $zone } · { $workers } petugas
digest-quiet = tidak ada catatan minggu ini
digest-no-notes = Belum ada catatan minggu ini
digest-notes = Catatan minggu ini: { $count }
digest-case-count = { $client }: { $count }
digest-active = Kasus aktif: { $count }
digest-stage = { $model } tahap { $index }: { $count } kasus
digest-stage-unknown = { $model } { $stage }: { $count } kasus
digest-overdue = Lewat jadwal monitoring: { $count } kasus
digest-overdue-case = { $client }: { $last } ({ $cadence })
digest-last-note = { $days ->
        [0] pertemuan terakhir hari ini
        [1] pertemuan terakhir kemarin
       *[other] pertemuan terakhir { $days } hari lalu
    }
digest-never-noted = belum ada pertemuan terlaksana sejak dibuka { $days } hari lalu
digest-attention = Kontak terputus? { $count } kasus
digest-open-risks = Tanda bahaya belum ditindaklanjuti: { $count }
digest-risk-taken = ditangani { $name }
digest-risk-untaken = belum ada yang menangani
age-hours = { $hours } jam lalu
age-days = { $days } hari lalu
age-now = baru saja
digest-skipped = dilewati petugas
digest-review = Menunggu pemeriksaan Anda: { $count } catatan
digest-revision = Menunggu perbaikan petugas: { $count } catatan
digest-unnamed = Petugas { $id }

## Lembaga, anggota, undangan
cmd-lembaga = Kelola lembaga (admin)
cmd-undang = Tautan undangan petugas Anda (supervisor)
role-admin = Admin
role-supervisor = Supervisor
role-worker = Petugas
org-ask-name = Nama lembaga Anda? (misalnya: Bapas Kelas I Bandung)
org-created = ✅ Lembaga <b>{ $name }</b> dibuat. Anda admin-nya.
org-next = Langkah berikutnya: undang supervisor dan petugas.
org-menu =
    🏛 <b>{ $name }</b>
    { $members } anggota.
org-not-admin = Hanya admin lembaga yang bisa mengelola anggota dan undangan.
org-not-admin-supervisor = Hanya admin lembaga yang bisa mengelola anggota. Untuk mengundang petugas Anda sendiri, ketik /undang.
btn-org-members = 👥 Anggota
btn-org-invite = 🔗 Undangan baru
btn-org-invites = 📋 Undangan aktif
btn-org-audit = 📜 Catatan audit
invite-pick =
    Undangan untuk peran apa, dan berapa kali bisa dipakai?
    1 orang: sekali pakai, berlaku 7 hari. Banyak: untuk banyak orang, 30 hari.
invite-btn-single = 1 orang
invite-btn-multi = banyak
invite-single = sekali pakai, 7 hari
invite-multi = banyak orang, 30 hari
invite-until = berlaku s.d. { $until }
invite-used = dipakai { $uses }×
invite-made-single =
    🔗 Undangan { $role } (sekali pakai), berlaku sampai { $until }:
    { $link }
    Kirimkan hanya kepada orangnya. Tautan ini bisa dicabut dari 📋 Undangan aktif.
invite-made-multi =
    🔗 Undangan { $role } (untuk banyak orang), berlaku sampai { $until }:
    { $link }
    Siapa pun yang membuka tautan ini bergabung sebagai { $role }. Cabut bila sudah tidak perlu.
invite-own =
    🔗 Tautan undangan petugas Anda, berlaku sampai { $until }:
    { $link }
    Petugas yang bergabung lewat tautan ini langsung menjadi petugas bimbingan Anda.
invite-own-refused = Hanya supervisor dan admin yang bisa membuat tautan undangan.
invites-title = 📋 Undangan aktif (tekan 🚫 dan nomornya untuk mencabut):
invites-none = Tidak ada undangan aktif.
invite-revoked = 🚫 Undangan { $role } dicabut.
members-title = 👥 <b>Anggota</b> (tekan nama untuk mengatur):
member-supervised-by = supervisor: { $names }
member-card =
    👤 <b>{ $name }</b>
    Peran: { $role }
    Bergabung: { $since }
    Supervisor: { $supervisors }
btn-member-sups = 👥 Atur supervisor
btn-member-remove = 🚪 Keluarkan
btn-member-remove-yes = Ya, keluarkan
member-remove-confirm = Keluarkan { $name } dari lembaga? Aksesnya berhenti saat itu juga.
member-removed = 🚪 { $name } dikeluarkan dari lembaga.
member-role-set = ✅ { $name } sekarang { $role }.
member-pick-sups = Supervisor untuk { $name } (tekan untuk memilih atau melepas):
member-no-sups = Belum ada supervisor di lembaga ini. Buat undangan untuk peran Supervisor dulu.
member-sup-added = ✅ { $supervisor } sekarang supervisor { $worker }.
member-sup-removed = { $supervisor } tidak lagi menjadi supervisor { $worker }.
member-gone = Anggota itu sudah tidak ada di lembaga.
join-welcome = ✅ Selamat bergabung di <b>{ $org }</b> sebagai { $role }.
join-welcome-later = Catatan yang sedang Anda tulis tetap di lembaga Anda sekarang. Setelah selesai, pindah ke lembaga ini dengan /lembaga.
join-welcome-more = Sekarang Anda bekerja di lembaga ini. Lembaga Anda yang lain tetap ada: pindah dengan /lembaga.
org-mine = 🏢 Anda anggota { $count } lembaga. Sekarang Anda bekerja di <b>{ $org }</b> sebagai { $role }.
    /kasus, /catat, /riwayat dan /tim hanya menunjukkan lembaga ini. Pesan dari lembaga lain tetap sampai.
    Pindah ke:
btn-org-use = 🔁 { $org }
btn-org-found = ➕ Lembaga baru
org-switched = ✅ Sekarang Anda bekerja di <b>{ $org }</b> sebagai { $role }. /kasus, /catat, /riwayat dan /tim menunjukkan lembaga ini.
intake-org-changed = Kasus ini tidak disimpan: Anda tidak lagi bekerja di lembaga tempat kasus ini mulai dibuka.
org-switch-draft = Selesaikan atau /batal catatan yang sedang ditulis dulu, lalu pindah lembaga.
org-switch-suspended = Akses Anda di { $org } sedang dihentikan sementara oleh adminnya.
join-already = Anda sudah anggota lembaga ini.
join-unknown = Tautan undangan ini tidak dikenal. Minta tautan baru kepada admin lembaga.
join-revoked = Tautan undangan ini sudah dicabut. Minta tautan baru kepada admin lembaga.
join-expired = Tautan undangan ini sudah kedaluwarsa. Minta tautan baru kepada admin lembaga.
join-used = Tautan undangan ini sudah dipakai. Minta tautan baru kepada admin lembaga.
join-former = Anda pernah keluar atau dikeluarkan dari lembaga ini, jadi tautan lama tidak berlaku lagi untuk Anda. Minta admin lembaga membuat undangan baru sekali pakai untuk Anda.
audit-title = 📜 <b>Catatan audit terbaru</b>
audit-empty = Belum ada catatan audit.
audit-org-created = membuat lembaga
audit-invite-created = membuat undangan
audit-invite-revoked = mencabut undangan
audit-joined = bergabung
audit-join-refused = undangan ditolak
audit-role-changed = mengubah peran
audit-supervisor-assigned = menetapkan supervisor
audit-supervisor-unassigned = melepas supervisor
audit-member-removed = mengeluarkan anggota
audit-note-viewed = membuka catatan
audit-note-approved = menyetujui catatan
audit-feedback = memberi tanggapan
audit-refused = ditolak: tombol tanpa hak akses

## Ringkasan untuk supervisor dan tanggapan
summary-title = Catatan sesi baru dari { $worker }
summary-title-revised = Catatan sesi direvisi oleh { $worker }
summary-stage = Tahap { $index }/{ $count }: { $stage }
summary-session = Sesi { $date } · { $contact }
summary-next = Langkah selanjutnya: { $next }
summary-risk = Tanda bahaya: { $risk }
summary-ask = Untuk supervisor:
summary-reflection = Refleksi:
summary-more = …dan { $count } jawaban lain (📄 Lihat lengkap)
summary-changed = Diubah ({ $count }):
summary-unchanged = ✏️ Disimpan ulang tanpa perubahan jawaban.
btn-review-approve = ✅ Setujui
btn-review-feedback = 💬 Beri tanggapan
btn-review-view = 📄 Lihat lengkap
btn-review-open = 📄 Lihat catatan
btn-note-edit = ✏️ Ubah catatan
note-report-below = Laporan kasus ini:
review-refused = { $orgs ->
        [several] Catatan ini tidak ada di lembaga yang sedang Anda pakai. Jika dari lembaga Anda yang lain, pindah dulu dengan /lembaga.
       *[one] Anda tidak punya akses ke catatan petugas ini.
    }
review-approved = ✅ Catatan { $client } ({ $date }) disetujui. Petugas sudah diberi tahu.
review-approved-worker = ✅ { $supervisor } menyetujui catatan { $client } ({ $date }).
review-feedback-ask = Tulis tanggapan Anda untuk catatan { $client } ({ $date }):
aside-cancelled = Dibatalkan. Tidak ada yang dikirim.
review-feedback-sent = 💬 Tanggapan terkirim ke petugas (catatan { $client }).
review-feedback-worker =
    💬 Tanggapan { $supervisor } untuk catatan { $client } ({ $date }):
    { $text }
review-state = Status: { $state }
review-state-menunggu = menunggu tinjauan
review-state-disetujui = disetujui
review-state-perlu_perbaikan = perlu perbaikan
review-event-submitted = dikirim ke supervisor (versi { $version })
review-event-revised = direvisi (versi { $version })
review-event-approved = disetujui oleh { $name }
review-event-feedback = tanggapan { $name }
note-revised = ✅ Catatan { $client } diperbarui (versi { $version }). Versi sebelumnya tetap tersimpan.
note-no-review = Catatan ini belum ditinjau supervisor.
review-outdated = Catatan ini sudah direvisi sejak ringkasan ini. Gunakan ringkasan terbarunya.
cmd-keluar = Keluar dari lembaga
leave-confirm = { $orgs ->
        [several] Keluar dari lembaga yang sedang Anda pakai? Lembaga Anda yang lain tetap. Kasus dan catatan Anda di lembaga ini tetap tersimpan.
       *[one] Keluar dari lembaga? Anda tidak bisa memakai Pendamping lagi sampai diundang kembali. Kasus dan catatan Anda tetap tersimpan.
    }
btn-leave-yes = Ya, keluar
leave-not-member = Anda bukan anggota lembaga mana pun.
leave-last-admin = Anda satu-satunya admin. Jadikan anggota lain admin dulu, lalu keluar.
left = Anda sudah keluar dari { $org }. Terima kasih.
audit-left = keluar dari lembaga

## Sesi yang tidak terlaksana, akhir kasus, catatan terakhir, riwayat versi
note-saved-without-client =
    ✅ Catatan kontak tanpa klien untuk <b>{ $client }</b> tersimpan (catatan ke-{ $count }).
    Tahap kasus tidak berubah, dan kontak ini tidak dihitung sebagai sesi dengan klien.
note-saved-not-held =
    ✅ Catatan untuk <b>{ $client }</b> tersimpan (catatan ke-{ $count }).
    Sesi tidak terlaksana, jadi tahap kasus tidak berubah.
end-ask-reason = 🏁 Akhiri kasus <b>{ $client }</b>. Apa alasannya?
end-reason-selesai = Selesai sesuai rencana
end-reason-mengundurkan_diri = Klien mengundurkan diri
end-reason-dirujuk = Dipindah / dirujuk
end-reason-tidak_dapat_dihubungi = Tidak dapat dihubungi
end-reason-pb_dicabut = PB dicabut
end-reason-meninggal = Klien meninggal
end-reason-lainnya = Lainnya
btn-end-cancel = ✖️ Batal
end-ask-note = Alasan: { $reason }. Tulis catatan singkat (misalnya dirujuk ke mana), atau tekan tombol di bawah.
btn-end-no-note = Akhiri tanpa catatan
case-ended =
    🏁 Kasus <b>{ $client }</b> diakhiri: { $reason }.
    Pengingatnya berhenti. Riwayatnya tetap bisa dibuka, dan kasus bisa dibuka kembali.
case-ended-supervisor = { $worker } mengakhiri kasus { $client }
case-ended-reason = Alasan: { $reason }
case-ended-stage = Tahap terakhir: { $stage } ({ $model })
case-ended-note = Catatan: { $note }
case-moved-from = ↪️ { $by } (admin) memindahkan kasus { $client } dari Anda kepada { $target }.
case-moved-supervisor = ↪️ { $by } (admin) memindahkan kasus { $client } dari { $from } kepada { $target }.
case-moved-to = ↪️ { $by } (admin) memindahkan kasus { $client } dari { $from } kepada Anda. Catatan sebelumnya ikut pindah; setiap kali Anda membuka catatan petugas lain, itu tercatat di audit.
supervisor-assigned-worker = 👤 { $by } (admin) menetapkan { $supervisor } sebagai supervisor Anda. Mulai sekarang { $supervisor } menerima ringkasan catatan Anda dan dapat membacanya.
supervisor-assigned-self = 👤 { $by } (admin) menetapkan dirinya sebagai supervisor Anda. Mulai sekarang { $by } menerima ringkasan catatan Anda dan dapat membacanya.
supervisor-assigned-colleague = 👤 { $by } (admin) menetapkan { $supervisor } sebagai supervisor { $worker } juga.
case-card-closure = Diakhiri { $date }: { $reason }
btn-end-case = 🏁 Akhiri kasus
alert-title = PENTING: tanda risiko dari { $worker }
alert-title-detail = PENTING: uraian tanda risiko dari { $worker }
alert-detail-follows = Dikirim saat tanda bahaya dipilih. Uraiannya menyusul, lalu catatan lengkapnya saat disimpan.
risk-sent = 🚨 Tanda bahaya sudah dikirim ke { $count ->
    [1] supervisor Anda
   *[other] { $count } supervisor Anda
}.
risk-detail-sent = 🚨 Uraian sudah dikirim ke { $count ->
    [1] supervisor Anda
   *[other] { $count } supervisor Anda
}.
risk-escalating = 🚨 Anda belum punya supervisor aktif: tanda bahaya dikirim ke admin lembaga. Sebentar lagi Anda diberi tahu siapa yang menerimanya.
risk-detail-escalating = 🚨 Uraian dikirim ke admin lembaga.
risk-sent-admins = 🚨 Tanda bahaya untuk { $client } sudah dikirim ke admin lembaga: { $names }.
risk-nobody = ⚠️ <b>Tidak ada yang menerima tanda bahaya ini</b>: Anda belum punya supervisor atau admin lembaga di bot ini. Bila darurat, hubungi sendiri:
    { $contacts }
risk-emergency-default = 112 (darurat) · SAPA 129 (kekerasan terhadap perempuan dan anak)
btn-risk-take = 🙋 Saya tangani
btn-risk-done = ✅ Sudah ditindaklanjuti
risk-taken-by = Sudah ditangani oleh { $name }.
risk-already-done = Sudah ditindaklanjuti oleh { $name }.
risk-state-done = ✅ Tanda bahaya ini sudah ditindaklanjuti oleh { $name }: { $note }
risk-you-took = 🙋 Anda menangani tanda bahaya untuk { $client }. Pekerja dan penerima lain diberi tahu. Tekan ✅ setelah ditindaklanjuti.
risk-done-ask = Tulis singkat tindak lanjut untuk { $client } (apa yang sudah dilakukan, oleh siapa):
risk-done-saved = ✅ Tindak lanjut untuk { $client } dicatat. Pekerja dan penerima lain diberi tahu.
risk-update-withdrawn = ⚠️ { $by } membatalkan catatan sesi { $client }: catatan lengkapnya tidak akan datang. Tanda bahaya yang sudah dikirim tetap perlu ditindaklanjuti.
risk-withdrawn-worker = ⚠️ Catatan tidak disimpan, tetapi tanda bahaya yang sudah dikirim tetap ada pada supervisor Anda dan tetap perlu ditindaklanjuti. Supervisor diberi tahu bahwa catatannya tidak akan datang.
risk-update-taken = 🙋 { $by } menangani tanda bahaya untuk { $client }.
risk-update-done = ✅ { $by } sudah menindaklanjuti tanda bahaya untuk { $client }: { $note }
risk-overdue-title = Tanda bahaya belum ditangani selama { $hours } jam
risk-overdue-body = { $worker } · { $client }. Belum ada yang menekan 🙋 Saya tangani.
audit-risk-taken = menangani tanda bahaya
audit-risk-followed-up = menindaklanjuti tanda bahaya
last-note =
    🗒 <b>Catatan terakhir</b> ({ $date }, tahap { $stage }):
    ➡️ { $next }
    📅 Pertemuan berikutnya: { $meeting }
last-note-short =
    🗒 Terakhir: { $date }, tahap { $stage }
    ➡️ { $next }
    📅 { $meeting }
held-without-client = kontak tanpa klien
last-note-without-client = (kontak tanpa klien)
last-note-not-held = (sesi tidak terlaksana)
last-note-none = belum ditentukan
history-versions = <b>Riwayat perubahan</b>
history-version = Versi { $version } · { $date } · { $name }
history-change = • { $question }: { $old } → { $new }
history-no-change = (tidak ada jawaban yang berubah)
history-answer-none = (tidak ada)

## Laporan dan ekspor (src/bot/features/reports.ts, src/export/)
btn-report = 📄 Laporan
btn-chart = 📈 Grafik
btn-report-docx = 📄 Word (DOCX)
btn-report-pdf = 📕 PDF
btn-termination = 📝 Lembar terminasi
report-pick = 📄 Laporan kasus: pilih kasusnya (halaman { $page } dari { $pages }).
report-formats =
    📄 Laporan <b>{ $label }</b>
    Untuk lembaga: Word (bisa diubah di komputer) atau PDF.
    🗒 Catatan supervisi: refleksi, tanggapan, dan revisi. Hanya untuk Anda dan supervisor.
export-preparing = ⏳ Sedang disiapkan… Berkasnya segera dikirim ke sini.
export-unavailable = Maaf, laporan belum bisa dibuat di sini. Coba lagi nanti.
export-daily-limit = Hari ini Anda sudah meminta { $max } laporan dan ekspor, batas harian per pengguna. Silakan coba lagi besok.
export-failed = Maaf, berkas tidak berhasil dibuat. Silakan coba lagi sebentar lagi.
export-missing = Kasus ini tidak ditemukan lagi.
report-of-workers-how = Anda belum punya kasus sendiri. Laporan kasus pekerja Anda: buka catatan mereka dengan 📄 Lihat lengkap (di ringkasan yang Anda terima), lalu pilih 📄 Word atau 📕 PDF. Laporan bulanan pekerja dan rekap: tombol di bawah. Semua catatan dalam spreadsheet: /ekspor.
export-report-not-allowed = Laporan tidak dibuat: Anda tidak lagi menjadi supervisor petugas ini.
export-term-active = Lembar terminasi dibuat setelah kasus diakhiri.
export-chart-empty = Belum ada jawaban skala (1–5) di catatan { $client }, jadi grafik belum bisa dibuat.
export-chart-none = Belum ada grafik untuk kasus ini: belum ada catatan dengan penilaian skala (1–5), seperti kemajuan klien terhadap tujuan.
export-caption-chart = 📈 Perkembangan { $client }: setiap garis satu pertanyaan skala, setiap titik satu catatan.
export-caption-termination = 📝 Lembar terminasi { $client } (PDF dan Word). Cetak, lalu tanda tangani.
export-csv-not-allowed = Ekspor catatan hanya untuk supervisor dan admin.
export-csv-no-org = Anda belum punya lembaga. Buat lembaga dulu dengan /lembaga, lalu undang supervisor dan petugas: catatan pekerja yang ditugaskan kepada Anda bisa diekspor di sini.
export-csv-no-workers = Belum ada pekerja yang ditugaskan kepada Anda, jadi belum ada catatan untuk diekspor.
export-csv-ask = 📊 Ekspor catatan { $workers } pekerja Anda ke spreadsheet (CSV). Rentang waktunya?
export-range-this-month = Bulan ini
export-range-last-month = Bulan lalu
export-range-last-3-months = 3 bulan terakhir
export-range-all = Semuanya
export-csv-empty = Tidak ada catatan pada rentang ini ({ $range }).
export-caption-csv = 📊 { $notes } catatan dari { $workers } pekerja · { $range }. Satu baris per catatan.
export-caption-activity = 📊 Aktivitas per pekerja: catatan per minggu dan kasus yang terlambat dipantau.
export-file-report = laporan
export-file-termination = lembar-terminasi
export-file-notes = catatan
export-file-activity = aktivitas
report-cover-org = Lembaga
job-title-pk = Pembimbing Kemasyarakatan
job-title-peksos = Pekerja Sosial
job-title-konselor = Konselor Adiksi
job-title-praktikan = Praktikan
job-title-lainnya = Petugas
report-cover-group = Kelompok
report-cover-supervisors = Supervisor
report-cover-client = Klien
report-cover-setting = Tempat layanan
report-cover-problem = Masalah
report-cover-model = Model intervensi
report-cover-stage = Tahap saat ini
report-cover-opened = Kasus dibuka
report-cover-ended = Kasus diakhiri
report-cover-status = Status
report-cover-end-note = Catatan pengakhiran
report-cover-sessions = Catatan sesi
report-cover-sessions-value = { $count } catatan, { $from } sampai { $to }
report-generated = Dibuat dengan Pendamping pada { $date } oleh { $name }.
report-summary-heading = Ringkasan sesi
report-col-no = No.
report-col-date = Tanggal
report-col-contact = Jenis kontak
report-col-stage = Tahap
report-col-held = Terlaksana
report-col-review = Tinjauan
report-no-notes = Belum ada catatan sesi.
report-chart-heading = Grafik perkembangan
report-chart-title = Perkembangan klien (jawaban skala)
report-chart-stage = Tahap { $index }
report-stage-heading = Tahap { $index } dari { $count }: { $stage }
report-note-heading = Catatan { $index } · { $date }
report-note-written = Ditulis { $date }
report-note-contact = Kontak: { $contact }
report-note-held = Terlaksana: { $held }
report-note-version = Versi { $version }
report-fact-review = Status tinjauan
report-fact-thread = Tanggapan supervisor
report-fact-revisions = Revisi
report-review-none = belum dikirim untuk ditinjau
report-revision = Versi { $version } · { $date } · { $name }
report-revision-change = – { $question }: { $old } → { $new }
report-file-photo = Foto
report-file-voice = Pesan suara
report-file-audio = Audio
report-file-video = Video
report-file-document = Dokumen
report-page = Halaman
report-page-of = dari
term-title = Lembar Terminasi
term-reason = Alasan pengakhiran
term-stage = Tahap yang dicapai
term-sessions = Jumlah sesi
term-sessions-value = { $held } sesi terlaksana dari { $all } catatan
term-final-note = Evaluasi terakhir
term-evaluation = Hasil evaluasi akhir
term-no-evaluation = Tidak ada evaluasi akhir: kasus diakhiri tanpa catatan sesi terlaksana pada tahap evaluasi atau terminasi.
term-place = ……………………, { $date }
term-supervisor = Supervisor
term-footer = Lembar terminasi { $client } · RAHASIA
csv-col-worker = pekerja
csv-col-case = kasus
csv-col-model = model
csv-col-stage = tahap
csv-col-date = tanggal
csv-col-contact = jenis_kontak
csv-col-held = terlaksana
csv-col-review = status_tinjauan
csv-col-answer-of = { $id }_jawaban
csv-review-menunggu = menunggu
csv-review-disetujui = disetujui
csv-review-perlu_perbaikan = perlu perbaikan
csv-review-none = belum dikirim
csv-act-active = kasus_aktif
csv-act-notes = catatan_dalam_rentang
csv-act-overdue = kasus_terlambat
csv-act-overdue-cases = daftar_kasus_terlambat
csv-act-week = minggu_{ $date }
csv-overdue-case = { $client } ({ $days } hari)
digest-chart-title = Catatan per pekerja: minggu ini dan 4 minggu sebelumnya
digest-chart-this-week = Minggu ini
digest-chart-weeks-ago = { $weeks } minggu lalu

## Perlindungan data (UU 27/2022): hapus kasus, data saya, retensi, penangguhan, audit
btn-case-delete = 🗑 Hapus kasus
btn-case-delete-yes = 🗑 Ya, hapus permanen
case-delete-confirm =
    Hapus kasus <b>{ $client }</b> beserta { $notes } catatan sesinya?
    Semua versi catatan, draf, tanggapan supervisor dan pengingatnya ikut terhapus, dan tidak dapat dikembalikan.
    Catatan audit hanya menyimpan siapa menghapus kasus mana dan kapan.
case-deleted = 🗑 Kasus { $client } dan { $notes } catatannya sudah dihapus.
btn-delete-approve = ✅ Setujui hapus
btn-delete-refuse = ✖️ Tolak
delete-request =
    🗑 <b>{ $worker } meminta menghapus kasus { $client }</b> beserta { $notes } catatan sesinya.
    Bila disetujui, kasus dan semua catatannya terhapus permanen. Catatan audit menyimpan siapa meminta dan siapa menyetujui.
delete-requested = 📨 Permintaan menghapus kasus { $client } ({ $notes } catatan) dikirim ke supervisor Anda. Kasus dihapus setelah disetujui; sampai saat itu kasus tetap ada.
delete-requested-admins = 📨 Anda belum punya supervisor aktif: permintaan menghapus kasus { $client } dikirim ke admin lembaga. Kasus dihapus setelah disetujui.
delete-request-sent = 📨 Permintaan menghapus kasus { $client } sudah dikirim ke admin lembaga: { $names }.
delete-request-nobody = ⚠️ Tidak ada supervisor atau admin aktif yang dapat menyetujui penghapusan kasus { $client }. Kasus tetap ada.
delete-request-pending = Permintaan menghapus kasus { $client } sudah dikirim dan menunggu keputusan.
delete-request-gone = Permintaan ini sudah diputuskan, atau kasusnya sudah tidak ada.
delete-approved = 🗑 Kasus { $client } milik { $worker } dan { $notes } catatannya sudah dihapus.
delete-refused = ✖️ Permintaan { $worker } menghapus kasus { $client } ditolak. Kasus tetap ada.
delete-approved-worker = 🗑 { $by } menyetujui penghapusan kasus { $client }: kasus dan catatannya sudah dihapus.
delete-refused-worker = ✖️ { $by } menolak penghapusan kasus { $client }. Kasus tetap ada; bicarakan dengan { $by } bila perlu.
audit-case-delete-requested = meminta penghapusan kasus
audit-case-delete-refused = menolak penghapusan kasus
btn-delete-ask = 📨 Minta persetujuan
case-delete-confirm-approval =
    Hapus kasus <b>{ $client }</b> beserta { $notes } catatan sesinya?
    Lembaga menyimpan catatan ini: kasus dengan catatan dihapus setelah disetujui supervisor Anda (atau admin lembaga). Setelah disetujui, penghapusan tidak dapat dibatalkan.
btn-member-cases = 📂 Kasus
btn-case-move = ↪️ Pindahkan
btn-adm-case-end = 🏁 Akhiri kasus
adm-case-ended = 🏁 Kasus <b>{ $client }</b> diakhiri: { $reason }.
adm-cases-title = 📂 Kasus milik <b>{ $name }</b> ({ $count }). Pilih kasus untuk dipindahkan atau dihapus:
adm-cases-none = <b>{ $name }</b> tidak memiliki kasus.
adm-case-card =
    📂 <b>{ $client }</b> · pekerja: { $name }
    Status: { $status } · { $notes } catatan · ditutup: { $closed }
    Kode kasus: <code>{ $id }</code>
adm-case-delete-confirm =
    Hapus kasus <b>{ $client }</b> milik { $name } beserta { $notes } catatan sesinya?
    Tidak dapat dikembalikan. Catatan audit menyimpan bahwa Anda menghapusnya.
adm-case-move-pick = Pindahkan kasus <b>{ $client }</b> ke siapa? Catatan dan tanggapan supervisornya ikut pindah.
adm-case-move-none = Belum ada anggota lain untuk menerima kasus <b>{ $client }</b>.
adm-case-moved = ↪️ Kasus { $client } dipindahkan dari { $from } ke { $to }.
adm-case-gone = Kasus itu sudah tidak ada (mungkin sudah dihapus atau dipindahkan).
adm-case-busy = Pekerja itu sedang menulis di kasusnya. Mohon coba lagi sebentar lagi.
member-departed-name = 👋 Mantan anggota { $id }
member-departed-named = 👋 { $name } (mantan)
members-departed = 👋 { $count } mantan anggota (keluar, dikeluarkan, atau menghapus datanya) meninggalkan kasus: pindahkan, akhiri, atau hapus kasusnya.
btn-member-suspend = ⏸ Tangguhkan
btn-member-resume = ▶️ Pulihkan akses
member-suspended-line = ⏸ <b>Ditangguhkan</b>: akses dan pengingat berhenti sampai dipulihkan.
member-suspended = ⏸ Akses { $name } ditangguhkan saat ini juga, dan pengingatnya berhenti. Tidak ada data yang dihapus. Pulihkan dari kartu anggota.
member-resumed = ▶️ Akses { $name } dipulihkan.
suspended-refused = ⏸ Akses Anda ke Pendamping sedang ditangguhkan oleh admin lembaga. Hubungi admin Anda untuk memulihkannya.{ $orgs ->
        [several] {" "}Lembaga Anda yang lain tetap terbuka: pindah dengan /lembaga.
       *[one] {""}
    }
btn-my-data-yes = 🗑 Ya, hapus data saya
my-data-confirm =
    Hapus data Anda sendiri? Yang dihapus: pengaturan (bahasa, pengingat), draf yang belum disimpan, dan keanggotaan Anda di lembaga — akses Anda berhenti.
    { $cases } kasus Anda tetap milik lembaga: admin akan memindahkannya ke pekerja lain atau menghapusnya.
my-data-confirm-no-org = Hapus data Anda sendiri? Yang dihapus: pengaturan (bahasa, pengingat) dan draf yang belum disimpan.
my-data-deleted = ✅ Data Anda sudah dihapus.
my-data-deleted-cases = ✅ Data Anda sudah dihapus. { $cases } kasus Anda tetap di lembaga untuk dipindahkan admin.
my-data-last-admin = Anda satu-satunya admin. Jadikan anggota lain admin dulu, lalu hapus data Anda.
btn-org-retention = 🗄 Masa simpan
btn-org-emergency = 🆘 Nomor darurat
btn-org-escalation = ⏱ Eskalasi bahaya
escalation-ask = Tanda bahaya yang belum ditangani (🙋 Saya tangani) dalam waktu ini ikut dikirim ke semua admin lembaga.
    Sekarang: { $hours } jam
escalation-hours = { $hours } jam
escalation-set = ⏱ Tanda bahaya yang belum ditangani dalam { $hours } jam dikirim ke admin lembaga.
audit-escalation-set = mengubah batas waktu tanda bahaya
btn-emergency-reset = ↩️ Pakai bawaan
emergency-ask = 🆘 <b>Nomor darurat lembaga</b>
    Ditampilkan kepada petugas bila tanda bahaya tidak sampai ke siapa pun (tanpa supervisor dan admin lain).
    Sekarang: { $current }
    Ketik nomor-nomor yang berlaku (maks. { $max } karakter), misalnya: 112 · SAPA 129 · Puskesmas 022-1234567
emergency-saved = ✅ Nomor darurat disimpan: { $contacts }
audit-emergency-set = mengubah nomor darurat
audit-risk-raised = mengirim tanda bahaya
retention-ask =
    Kasus yang sudah ditutup dihapus otomatis setelah masa simpan ini. Pekerja dan admin diberi tahu 30 hari sebelumnya.
    Sekarang: { $current }
retention-0 = Tidak dihapus otomatis
retention-365 = 1 tahun
retention-730 = 2 tahun
retention-1825 = 5 tahun
retention-set = 🗄 Masa simpan kasus yang ditutup: { $choice }.
retention-warning = 🗄 Kasus <b>{ $client }</b> (ditutup { $closed }) akan dihapus otomatis pada { $date } sesuai masa simpan lembaga. Buat laporannya sekarang bila masih diperlukan (/laporan).
retention-warning-admin = 🗄 { $count } kasus yang ditutup akan dihapus otomatis dalam 30 hari sesuai masa simpan lembaga (pekerja: { $workers }).
btn-audit-csv = 📤 Ekspor CSV
audit-case-title = 📜 <b>Catatan audit kasus</b> <code>{ $id }</code>
audit-case-empty = Belum ada catatan audit untuk kasus { $id }.
audit-hint = Satu kasus saja: /audit lalu kode kasusnya (ada di kartu kasus), misalnya /audit #Y59K2Y.
audit-strangers = 🚫 { $count } percobaan dari luar lembaga ditolak (tombol palsu, tebakan tautan undangan). Dicatat terpisah, tidak mengisi catatan ini.
audit-csv-caption = 📜 Catatan audit ({ $count } baris).
audit-system = sistem
audit-case-button-unknown = menekan tombol kasus yang tidak ada padanya (sudah dihapus, dipindah, atau bukan miliknya)
audit-case-ended = mengakhiri kasus
audit-export = mengekspor
audit-export-report-docx = mengekspor laporan kasus (Word)
audit-export-report-pdf = mengekspor laporan kasus (PDF)
audit-export-chart = mengekspor grafik kasus
audit-export-termination = mengekspor lembar terminasi
audit-export-csv = mengekspor spreadsheet catatan (CSV)
audit-export-audit-csv = mengekspor catatan audit (CSV)
audit-detail-owner = pemilik
audit-detail-to = kepada
audit-detail-from = dari
audit-detail-target = tujuan
audit-detail-supervisor = supervisor
audit-detail-notes = catatan
audit-detail-hours = jam
audit-detail-days = hari
audit-detail-rows = baris
audit-detail-range = rentang
audit-detail-workers = pekerja
audit-detail-requested = diminta
audit-detail-reason = alasan
audit-detail-role = peran
audit-detail-kind = jenis
audit-detail-cases = kasus
audit-col-time = waktu ({ $zone })
audit-col-by = oleh
audit-col-action = tindakan
audit-col-worker = pekerja / anggota
audit-col-case = kasus
audit-col-detail = rincian
audit-col-code = kode_tindakan
audit-col-by-id = oleh_id_telegram
audit-case-deleted = menghapus kasus
audit-case-moved = memindahkan kasus
audit-case-retention-deleted = menghapus kasus (masa simpan)
audit-retention-warned = memberi peringatan masa simpan
audit-retention-set = mengubah masa simpan
audit-own-data-deleted = menghapus datanya sendiri
audit-member-suspended = menangguhkan anggota
audit-member-resumed = memulihkan akses anggota
audit-worker-cases-viewed = melihat daftar kasus pekerja
audit-message-dropped = pesan tidak dikirim: penerima tidak lagi berhak

## Model intervensi lembaga (src/bot/features/org-flows.ts)
btn-org-flows = 📋 Model intervensi
btn-flow-publish = ✅ Terbitkan
btn-flow-cancel = ✖️ Batal
flows-title = 📋 <b>Model intervensi lembaga Anda</b>
flows-none-own = Belum ada model milik lembaga.
flows-builtin = <b>Model bawaan</b> (🙈 sembunyikan, 👁 tampilkan lagi):
flows-how = Untuk menerbitkan model sendiri, kirim berkas YAML-nya (.yaml) ke sini sebagai dokumen. Cara menulisnya: docs/flows.md. Kasus yang sudah berjalan tetap memakai versinya.
flow-line-own = { $title } · versi { $version }
flow-line-retired = { $title } · versi { $version } (dipensiunkan)
flow-line-builtin = { $title } · versi { $version }
flow-line-hidden = { $title } · versi { $version } (disembunyikan)
flow-upload-unavailable = Maaf, penerbitan model belum tersedia di sini.
flow-too-big = Berkas terlalu besar ({ $kb } KB). Berkas model paling besar { $max } KB.
flow-download-failed = Berkas tidak bisa diunduh atau bukan teks UTF-8. Silakan kirim ulang.
flow-problems = ❌ <b>{ $file }</b> belum bisa diterbitkan: { $count } masalah.
flow-problem-at = baris { $line }, kolom { $column }
flow-problems-more = …dan { $count } masalah lagi. Periksa semuanya dengan npm run flows:check.
flow-check-stopped = ⏱ Pemeriksaan <b>{ $file }</b> dihentikan: lebih dari { $seconds } detik. Perkecil atau sederhanakan berkasnya, periksa dengan npm run flows:check, lalu kirim lagi.
flow-unchanged = Isi <b>{ $title }</b> sama dengan versi { $version } yang sudah terbit. Tidak ada yang diubah.
flow-preview = 📋 <b>{ $title }</b> · akan terbit sebagai versi { $version } · { $stages } tahap
flow-preview-stage = { $index }. { $title } — { $own } pertanyaan sendiri, ± { $typical } per catatan
flow-preview-first = Ini model baru untuk lembaga Anda.
flow-preview-next = Versi { $previous } tetap dipakai oleh kasus dan draf yang sudah berjalan.
flow-preview-header = Contoh · { $stage }
flow-preview-sample = 👀 Contoh pertanyaan, seperti yang dilihat pekerja (tombolnya belum aktif):
flow-confirm = Terbitkan <b>{ $title }</b> untuk lembaga Anda?
flow-cancelled = Dibatalkan. Model tidak diterbitkan.
flow-published = ✅ <b>{ $title }</b> versi { $version } sudah terbit. Pekerja lembaga Anda dapat memilihnya di /kasus_baru.
flow-retired = 🗄 <b>{ $title }</b> dipensiunkan: tidak ditawarkan untuk kasus baru. Kasus yang sudah memakainya tetap berjalan dengan versinya.
audit-flow-published = menerbitkan model
audit-flow-retired = memensiunkan model
audit-flow-hidden = menyembunyikan model bawaan
audit-flow-shown = menampilkan model bawaan

## /tim: the caseload on demand (src/bot/features/team.ts)
cmd-tim = Beban kasus tim Anda (supervisor, admin)
team-not-allowed = /tim menampilkan kasus petugas yang Anda supervisi (untuk supervisor dan admin). Kasus Anda sendiri: /kasus.
team-count = { $workers } petugas
team-page = hal. { $page }/{ $pages }
team-legend = 📂 aktif ⚠️ lewat jadwal 🚩 kontak putus 🐢 lama di tahap 🚨 risiko ⏳ perlu ditinjau
team-empty = Belum ada petugas di tim Anda. Undang petugas dengan /undang.
team-active = { $count } kasus aktif
team-stage-short = tahap
team-more-models = { $count } model lain: lihat 📂 Semua
team-last-held = Kontak terakhir { $date }, { $age }
team-never-held = Belum ada kontak terlaksana
team-next-meeting = Pertemuan berikutnya { $date }
team-no-meeting = Belum ada pertemuan terjadwal
team-overdue = Lewat jadwal: { $count }
team-flagged = Terputus: { $count }
team-stuck = Lama di satu tahap: { $count }
team-risks = Risiko terbuka: { $count }, { $untaken } belum ditangani
team-no-risks = Tidak ada risiko terbuka
team-awaiting = Perlu ditinjau: { $count } (terlama { $age })
team-no-awaiting = Tidak ada catatan yang perlu ditinjau
btn-team-all = 📂 Semua ({ $count })
btn-team-overdue = ⚠️ Lewat jadwal ({ $count })
btn-team-flagged = 🚩 Terputus ({ $count })
btn-team-stuck = 🐢 Tahap lama ({ $count })
btn-team-risks = 🚨 Risiko ({ $count })
btn-team-awaiting = ⏳ Tinjau ({ $count })
btn-team-back = ⬅️ Tim
btn-team-list = ⬅️ Daftar
btn-team-manage = 🗂 Kelola kasus
btn-dashboard = 📊 Buka dasbor
menu-dashboard = Dasbor
team-list-all = Semua kasus aktif
team-list-overdue = Lewat jadwal kontak
team-list-flagged = Kontak terputus
team-list-stuck = Lama di satu tahap
team-list-risks = Risiko terbuka
team-list-awaiting = Perlu ditinjau
team-list-empty = Tidak ada kasus di daftar ini sekarang.
team-why-held = kontak { $age }
team-why-never-held = belum ada kontak
team-why-stuck = sejak { $date } (biasa { $weeks } mg)
team-why-risk = { $age }, sedang ditangani
team-why-risk-untaken = { $age }, belum ditangani
team-why-awaiting = dikirim { $age }
team-closed = ditutup
team-since = di tahap ini sejak { $date }
team-more-risks = +{ $count } tanda bahaya lain
team-notes = Catatan: { $count } · ⏳ { $waiting } menunggu
team-notes-admin = Catatan: { $count } (untuk supervisornya)
audit-case-viewed = membuka kasus di /tim
audit-dashboard-opened = membuka dasbor
audit-dashboard-list-viewed = melihat daftar kasus di dasbor
audit-dashboard-case-viewed = membuka kasus di dasbor
audit-dashboard-note-viewed = membuka catatan di dasbor
team-risk-open = Tanda bahaya terbuka
review-already-approved = Catatan ini sudah disetujui.
team-risks-taken = Risiko terbuka: { $count }, sedang ditangani
team-why-held-cadence = kontak { $age } ({ $cadence })
team-models = { $count } model: lihat 📂 Semua

## Laporan untuk lembaga (src/export/institution-report.ts)
btn-supervision = 🗒 Catatan supervisi
export-file-supervision = catatan-supervisi
export-caption-supervision = 🗒 Catatan supervisi { $client }: refleksi, permintaan, tanggapan, dan revisi. Hanya untuk Anda dan supervisor; jangan dilampirkan ke laporan lembaga.
inst-confidential = RAHASIA
inst-title-bapas = Laporan Perkembangan Pembimbingan Klien
inst-title-ipwl = Catatan Perkembangan Klien
inst-title-default = Laporan Perkembangan Klien
inst-name = Nama klien
inst-register = No. register / NIK
inst-code = Inisial dan kode kasus
inst-period = Periode laporan
inst-period-value = { $from } sampai { $to }
inst-summary-heading = Ringkasan kegiatan
inst-col-rating = Kemajuan (1–5)
inst-notes-heading = Uraian kegiatan
inst-note-heading = { $index }. { $date } — { $stage }
inst-line-held = Terlaksana
inst-line-not-held = Tidak terlaksana
inst-line-not-held-why = Tidak terlaksana: { $why }
inst-line-without-client = Kontak tanpa klien
inst-section-tujuan = Tujuan
inst-section-proses = Proses / kegiatan
inst-section-respons = Respons klien
inst-section-hambatan = Hambatan
inst-section-rencana = Rencana tindak lanjut
inst-compare-indicator = Indikator
inst-compare-before = Awal ({ $date })
inst-compare-now = Sekarang ({ $date })
inst-compare-yes = ya
inst-attachments = Lampiran
inst-no-notes-period = Tidak ada catatan sesi pada periode ini.
inst-place = ……………………, { $date }
inst-nip = NIP. { $blank }
inst-acknowledged = Mengetahui, Kepala { $org }
inst-footer = RAHASIA · { $code }
report-scale-of = { $value } dari { $max }
supervision-title = Catatan Supervisi
supervision-footer = Catatan supervisi { $client } · RAHASIA, hanya untuk petugas dan supervisor
supervision-note-none = Tidak ada refleksi atau permintaan di catatan ini.
export-document-gone = Dokumen itu tidak lagi untuk kasus { $client } (tempat layanan atau peran Anda berubah). Buka /laporan untuk dokumen yang ada.
export-caption-document = 📄 { $title } · { $client } · { $count } catatan
doc-signer-client = Klien
doc-signer-family = Keluarga / wali
doc-plan-none = Belum ada catatan penyusunan rencana yang memilih program.
doc-plan-goals = Tujuan rencana (catatan { $date }):
doc-footer-supervision = RAHASIA, untuk petugas dan supervisor · { $code }
btn-documents = 📑 Dokumen lain
doc-pick =
    📑 Dokumen lain untuk <b>{ $label }</b>
    Pilih dokumennya, lalu Word atau PDF.

## Formulir lembaga (src/bot/features/organisation/form.ts, src/bot/features/institution-form.ts, src/export/form-*.ts)
btn-org-form = 📄 Formulir laporan
btn-form-publish = ✅ Terbitkan
btn-form-cancel = ✖️ Batal
btn-form-remove = 🗑 Hapus formulir
btn-form-remove-yes = 🗑 Ya, hapus
btn-form-make = 🏛 Formulir lembaga
form-screen =
    📄 <b>Formulir laporan lembaga</b>
    Kirim formulir Word resmi lembaga Anda (<b>.docx</b>, maks. { $max } MB) sebagai berkas. Pendamping mengisinya dari kasus dan catatan sesinya.
    Isian: { $fields }
    Per catatan: { $loop }
    Grafik kemajuan: { $chart }
    Daftar lengkap ada di panduan, bagian Formulir lembaga. Nama klien dan NIP dibiarkan titik-titik.
form-state-none = Belum ada formulir yang terbit.
form-state-published = Terbit: <b>{ $file }</b>, { $date }.
form-remove-ask = Hapus formulir <b>{ $file }</b>? Pekerja tidak bisa lagi membuat laporan dengan formulir ini.
form-checked = ✅ <b>{ $file }</b> sudah diperiksa. Contohnya, diisi dengan kasus terbaru lembaga, sedang disiapkan.
form-cancelled = Dibatalkan. Formulir tidak diterbitkan.
form-published = ✅ Formulir <b>{ $file }</b> sudah terbit. Pekerja lembaga Anda membuatnya dari /laporan → 🏛 Formulir lembaga.
form-not-admin = Hanya admin lembaga yang dapat menerbitkan formulir.
form-none = Lembaga Anda belum punya formulir laporan (atau sudah dihapus). Admin dapat mengirimnya lewat /lembaga → 📄 Formulir laporan.
form-download-failed = Berkas tidak dapat diunduh dari Telegram. Coba kirim lagi.
form-preview-failed = Contoh formulir tidak dapat dibuat. Periksa berkasnya, lalu kirim lagi.
form-file-too-big = Berkas terlalu besar: formulir paling besar { $max } MB. Perkecil gambar di dalamnya (misalnya kop surat), lalu kirim lagi.
form-file-not-docx-name = Kirim formulir sebagai dokumen Word .docx (di Word: Simpan sebagai → Dokumen Word).
form-file-macro-name = Berkas .docm (Word dengan makro) tidak diterima. Simpan sebagai Dokumen Word (.docx) tanpa makro, lalu kirim lagi.
form-file-not-zip = Berkas ini bukan dokumen Word yang utuh. Buka di Word, simpan sebagai .docx, lalu kirim lagi.
form-file-not-word = Berkas ini bukan dokumen Word (.docx). Buka di Word, simpan sebagai Dokumen Word, lalu kirim lagi.
form-file-macros = Berkas ini berisi makro atau kontrol aktif, jadi tidak diterima. Simpan sebagai Dokumen Word (.docx) tanpa makro, lalu kirim lagi.
form-file-bomb = Isi berkas ini jauh lebih besar dari berkasnya sendiri, jadi tidak diterima. Simpan ulang di Word sebagai .docx, lalu kirim lagi.
form-file-damaged = Berkas ini rusak dan tidak dapat dibaca. Simpan ulang di Word sebagai .docx, lalu kirim lagi.
form-problems = Formulir <b>{ $file }</b> belum bisa diterbitkan: { $count } isian perlu diperbaiki.
form-problems-more = …dan { $count } lainnya.
form-problems-how = Perbaiki di Word, lalu kirim lagi. Daftar isian ada di /lembaga → 📄 Formulir laporan.
form-problem-unknown = { $name } tidak dikenal,
form-problem-near = Maksud Anda { $name }?
form-problem-outside-loop = { $name } hanya dapat dipakai di antara {"{"}#catatan{"}"} dan {"{"}/catatan{"}"}, bukan
form-problem-loop = Pengulangan { $name } tidak dikenal (hanya {"{"}#catatan{"}"}, satu kali),
form-problem-syntax = Kurung kurawal atau pengulangan tidak berpasangan: { $detail }
form-where-paragraph = di paragraf yang dimulai dengan "{ $start }"
form-where-cell = di tabel, baris { $row } kolom { $column } ("{ $start }")
form-where-picture = di teks alternatif sebuah gambar
form-where-empty = di sebuah paragraf
form-preview-caption = Contoh: formulir ini diisi dengan kasus terbaru yang boleh Anda baca, { $code } ({ $count } catatan). Terbitkan?
form-preview-caption-example = Contoh: belum ada kasus Anda atau pekerja bimbingan Anda, jadi formulir ini diisi dengan kasus CONTOH buatan. Terbitkan?
form-preview-file = contoh
form-caption = Formulir lembaga · { $code } · { $count } catatan
form-status-active = Aktif
export-file-form = formulir
audit-form-preview = mengunggah formulir laporan (contoh)
audit-form-published = menerbitkan formulir laporan
audit-form-removed = menghapus formulir laporan

## Laporan bulanan dan rekap (src/bot/features/period-reports.ts, src/export/monthly-model.ts, src/export/recap-model.ts)
btn-period-monthly = 🗓 Laporan bulanan
btn-period-workers = 🗓 Laporan pekerja
btn-period-recap = 📊 Rekap
btn-period-case = 🗓 Pilih periode
btn-period-this = Bulan ini ({ $month })
btn-period-last = Bulan lalu ({ $month })
btn-period-range = ✏️ Rentang tanggal
btn-period-docx = 📄 Word
btn-period-both = 📕+📄 Keduanya
btn-period-all = 👥 Semua pekerja ({ $count })
period-what-mine = Laporan bulanan Anda (semua klien)
period-what-all = Laporan bulanan { $count } pekerja Anda, satu berkas per pekerja
period-what-worker = Laporan bulanan { $name }
period-what-recap = Rekap { $count } pekerja Anda
period-what-case = Laporan kasus { $client }
period-ask =
    🗓 { $what }
    Periodenya?
period-format =
    🗓 { $what }
    Periode: { $period }. Formatnya?
period-range-ask =
    ✏️ Ketik rentang tanggalnya, misalnya:
    1/10 - 15/11
    1 Oktober - 15 November
period-range-unreadable = Rentang itu tidak terbaca. Tulis dua tanggal dengan tanda - di antaranya, misalnya 1/10 - 15/11.
period-range-order = Tanggal awal harus sebelum tanggal akhir, misalnya 1/10 - 15/11.
period-range-too-long = Rentang paling panjang satu tahun. Ketik rentang yang lebih pendek.
period-workers-pick = 🗓 Laporan bulanan pekerja: pilih pekerjanya (halaman { $page } dari { $pages }).
monthly-not-member = Laporan tidak dibuat: Anda tidak lagi anggota aktif lembaga ini.
monthly-none = Tidak ada klien dalam bimbingan pada periode { $period }, jadi tidak ada laporan yang dibuat.
export-file-monthly = laporan-bulanan
export-file-recap = rekap
export-caption-monthly = 🗓 Laporan { $worker } · { $period } · { $clients } klien, { $contacts } kontak
export-caption-recap = 📊 Rekap { $workers } pekerja · { $period }
monthly-title = Laporan Bulanan Pendampingan Klien
monthly-title-bapas = Laporan Bulanan Pembimbingan Klien
monthly-worker = Nama petugas
monthly-job-title = Jabatan
monthly-org = Unit kerja
monthly-clients = Jumlah klien
monthly-contacts = Kontak
monthly-contacts-value = { $total } tercatat: { $held } terlaksana, { $missed } tidak terlaksana
monthly-table-heading = Rekapitulasi kegiatan
monthly-col-case = Klien
monthly-col-date = Tanggal
monthly-col-contact = Jenis kontak
monthly-col-held = Terlaksana
monthly-col-activity = Kegiatan (tahap)
monthly-col-rating = Kemajuan (1–5)
monthly-col-obstacle = Hambatan
monthly-col-next = Tindak lanjut
monthly-clients-heading = Perkembangan per klien
monthly-client-no-contact = Tidak ada kontak pada periode ini.
monthly-ended = Diakhiri { $date } ({ $reason })
monthly-footer = RAHASIA · Laporan bulanan · { $period }
recap-title = Rekap Pembimbingan per Petugas
recap-supervisor = Supervisor
recap-workers = Jumlah petugas
recap-table-heading = Rekap per petugas
recap-col-worker = Petugas
recap-col-clients = Klien dalam bimbingan (per program)
recap-col-held = Kontak terlaksana
recap-col-missed = Tidak terlaksana
recap-col-home = Kunjungan rumah
recap-col-risks = Risiko terbuka
recap-col-ended = Kasus diakhiri
recap-col-program = Program
recap-col-by-worker = Per petugas
recap-total = Jumlah
recap-no-program = Tanpa program
recap-no-workers = Tidak ada petugas.
recap-no-clients = Tidak ada klien dalam bimbingan pada periode ini.
recap-how-counted = Klien dalam bimbingan: kasus yang berjalan pada suatu waktu dalam periode. Kunjungan rumah: yang terlaksana. Risiko terbuka: tanda bahaya yang belum ditindaklanjuti pada kasus aktif, saat rekap dibuat. Kasus diakhiri: diakhiri dalam periode.
recap-programs-heading = Klien dalam bimbingan menurut program
recap-footer = RAHASIA · Rekap · { $period }

## Kop surat lembaga (src/bot/features/organisation/letterhead.ts, src/export/letterhead*.ts)
btn-org-letterhead = 🏢 Kop surat
btn-letterhead-address = ✏️ Alamat
btn-letterhead-logo = 🖼 Logo
btn-letterhead-logo-remove = 🗑 Hapus logo
btn-letterhead-a4 = 📄 A4
btn-letterhead-f4 = 📄 F4 (folio)
btn-letterhead-back = ⬅️ Kop surat
letterhead-screen =
    🏢 <b>Kop surat</b>
    Dicetak di atas halaman pertama dokumen untuk lembaga.
    Nama: <b>{ $name }</b>
    Alamat: { $address }
    Logo: { $logo }
    Kertas: { $paper }
letterhead-address-none = belum diisi
letterhead-logo-none = belum ada
letterhead-logo-set = ada ({ $type })
letterhead-address-ask =
    ✏️ Ketik alamat lembaga: paling banyak { $lines } baris, { $max } karakter. Misalnya:
    Jl. Merdeka No. 10, Bandung 40111
    Telp. (022) 1234567 · bapas.bandung@example.go.id
    Ketik - untuk menghapus alamat.
letterhead-address-lines = Alamat paling banyak { $lines } baris. Ketik lagi dengan baris yang lebih sedikit.
letterhead-address-saved =
    ✅ Alamat kop surat disimpan:
    { $address }
letterhead-address-removed = ✅ Alamat kop surat dihapus.
letterhead-logo-ask = 🖼 Kirim logo lembaga sebagai foto atau berkas PNG/JPEG (maks. { $kb } KB, { $side } piksel per sisi).
letterhead-logo-send = Kirim logonya sebagai foto atau berkas PNG/JPEG.
letterhead-logo-saved = ✅ Logo kop surat disimpan.
letterhead-logo-not-image = Berkas ini bukan gambar PNG atau JPEG. Kirim logo sebagai foto atau berkas PNG/JPEG.
letterhead-logo-too-big = Logo terlalu besar (maks. { $kb } KB). Kirim versi yang lebih kecil.
letterhead-logo-too-large = Logo terlalu lebar atau tinggi (maks. { $side } piksel per sisi). Kirim versi yang lebih kecil.
letterhead-logo-failed = Logo tidak bisa diambil dari Telegram. Coba kirim lagi.
audit-letterhead-address = mengubah alamat kop surat
audit-letterhead-logo = mengganti logo kop surat
audit-letterhead-logo-removed = menghapus logo kop surat
audit-letterhead-paper = mengubah ukuran kertas dokumen
