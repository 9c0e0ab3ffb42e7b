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
btn-keep = ➡️ Tetap
btn-guide = ℹ️ Panduan
btn-cancel = ✖️ Batal
btn-done = ✔️ Selesai ({ $count })
btn-save = 💾 Simpan
btn-cancel-yes = Ya, batalkan
btn-cancel-no = Tidak, lanjutkan
btn-resume = ▶️ Lanjutkan
btn-discard = 🗑 Buang draf
btn-prev = ◀️ Sebelumnya
btn-next = Berikutnya ▶️
btn-this-stage = ✅ Tahap { $index }
btn-other-stage = 🔀 Tahap lain
btn-next-stage = ⏭ Ke tahap { $index }
btn-stay-stage = Tetap di tahap { $index }
btn-close-case = 🏁 Tutup kasus
btn-keep-open = Biarkan terbuka
yes = Ya
no = Tidak

## Pertanyaan
question-position = Pertanyaan { $index } dari { $total }
previous-answer = Jawaban sebelumnya: { $answer }
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
hint-longtext = Tulis dengan kalimat Anda sendiri; boleh panjang.
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
stale-button = Tombol ini sudah tidak berlaku. Gunakan pesan terbaru, atau ketik /lanjut.
restart-notice = ♻️ Pendamping baru saja dimulai ulang. Jawaban Anda aman tersimpan; kita lanjutkan dari tempat terakhir.
unfinished = Anda masih punya { $what } yang belum selesai. Lanjutkan dulu, atau buang drafnya?
draft-discarded = Draf dibuang.
activity-intake = pembukaan kasus baru
activity-note = catatan sesi { $client } (tahap { $index }/{ $count })

## Jawaban yang belum tepat
invalid-empty = Jawabannya masih kosong. Silakan ketik jawaban Anda.
invalid-too-long = Terlalu panjang ({ $length } karakter). Maksimal { $max } karakter; mohon diringkas.
invalid-expected-text = Untuk pertanyaan ini, mohon ketik jawaban berupa teks.
invalid-expected-file = Untuk pertanyaan ini, kirim foto, pesan suara, atau dokumen.
invalid-expected-choice = Pilih salah satu tombol di atas (atau ketik nomornya).
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
intake-intro = ➕ Kasus baru. Saya akan menanyakan 6 hal singkat. Klien hanya dicatat dengan inisial dan usia.
intake-header = Kasus baru
case-created =
    ✅ Kasus <b>{ $label }</b> tersimpan.
    Model: { $model }
    Mulai dari tahap 1: { $stage }
no-cases = Anda belum punya kasus aktif. Buka kasus baru dulu.
pick-case-note = 📝 Catat sesi untuk kasus mana? (hal. { $page }/{ $pages })
pick-case-history = 📚 Riwayat kasus mana? (hal. { $page }/{ $pages })
pick-case-cases = 📂 Kasus Anda, terbaru di atas (hal. { $page }/{ $pages })
case-card =
    📂 <b>{ $label }</b>
    Jenis kelamin: { $gender }
    Tempat: { $setting }
    Masalah: { $problem }
    Model: { $model }
    Tahap sekarang: { $stage }
    Catatan sesi: { $notes } (terakhir: { $last })
    Status: { $status }
gender-l = Laki-laki
gender-p = Perempuan
setting-lapas = Lapas / Rutan
setting-bapas = Bapas
setting-ipwl = IPWL
setting-bnnk = BNNK
setting-panti = Panti / rehabilitasi
setting-lainnya = Lainnya
status-active = aktif
status-closed = ditutup
case-closed = Kasus { $client } sudah ditutup; tidak bisa dicatat lagi.
case-closed-now = 🏁 Kasus { $client } ditutup. Riwayatnya tetap bisa dibuka lewat /riwayat.

## Catatan sesi
confirm-stage =
    <b>{ $label }</b>
    Tahap sekarang: { $index }/{ $count } — { $stage }
    Catat sesi untuk tahap ini? ({ $questions } pertanyaan, sebagian bisa dilewati)
pick-stage = Pilih tahap untuk catatan ini ({ $label }):
note-header = { $client } · Tahap { $index }/{ $count } { $stage }
note-saved-next =
    ✅ Catatan sesi { $client } tersimpan (catatan ke-{ $count }).
    Pindah ke tahap berikutnya, { $next }, atau tetap di tahap ini?
note-saved-last =
    ✅ Catatan sesi { $client } tersimpan (catatan ke-{ $count }).
    Ini tahap terakhir. Tutup kasus, atau biarkan terbuka?
stage-moved = ⏭ Kasus { $client } sekarang di tahap { $index }/{ $count }: { $stage }.
stage-stayed = Kasus { $client } tetap di tahap { $index }/{ $count }.
history-empty = Belum ada catatan sesi untuk { $label }.
history-list = 📚 { $label }: { $count } catatan, terbaru di atas (hal. { $page }/{ $pages })
note-title = { $date } · Tahap { $index }/{ $count } { $stage }
note-written = Ditulis { $date }

## Kesalahan
error-generic = Maaf, terjadi kesalahan. Jawaban yang sudah Anda isi tetap aman. Silakan coba lagi, atau ketik /lanjut.
error-conflict = Catatan ini baru saja diubah dari tempat lain. Jawaban terakhir Anda belum tersimpan; silakan kirim ulang.

## Daftar perintah Telegram
cmd-catat = Catat sesi untuk sebuah kasus
cmd-kasus_baru = Buka kasus baru
cmd-kasus = Daftar kasus saya
cmd-riwayat = Riwayat catatan sesi
cmd-lanjut = Lanjutkan catatan yang belum selesai
cmd-batal = Batalkan pengisian
cmd-bahasa = Ganti bahasa
cmd-bantuan = Bantuan

## Pengingat monitoring
cmd-pengingat = Atur pengingat monitoring
reminder-title = Pengingat monitoring
reminder-title-many = Pengingat monitoring: { $count } kasus
reminder-line = { $client } · { $stage } · { $last }
reminder-stage = tahap { $stage }
reminder-last-note = { $days ->
        [0] catatan terakhir hari ini
        [1] catatan terakhir kemarin
       *[other] catatan terakhir { $days } hari lalu
    }
reminder-no-note = belum ada catatan
reminder-late = Terlambat terkirim; seharusnya { $scheduled }.
btn-reminder-note = 📝 Catat sekarang
btn-reminder-snooze = ⏰ Tunda 1 hari
btn-reminder-skip = Lewati minggu ini
reminder-snoozed = ⏰ Baik, pengingat { $client } saya kirim lagi besok.
reminder-skip-why = Pengingat { $client } minggu ini dilewati. Apa alasannya? Tulis singkat (atau ketik /menu untuk melewati tanpa alasan).
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
case-card-skip = Monitoring dilewati { $date }: { $reason }
