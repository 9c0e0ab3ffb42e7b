# Pendamping — interface texts (English).

## Menu and welcome
welcome =
    Welcome, { $name }! 👋
    I am Pendamping, an assistant for writing client session notes straight from your phone.
    After meeting a client, press 📝 Record session and answer the questions of their intervention stage one by one.
menu-title = Main menu. What would you like to do?
menu-unfinished = ✏️ Unfinished: { $what }. Type /lanjut to continue.
help =
    <b>How to use Pendamping</b>
    ➕ /kasus_baru — open a new case (client initials, age, intervention model)
    📝 /catat — record a session for a case, at its stage
    📂 /kasus — your cases
    📚 /riwayat — a case's session notes, newest first
    ⏰ /pengingat — monitoring reminder day and hour, per-case cadence, pause
    🏛 /lembaga — members, roles, supervisors, invitations (admins); /tim — your team's caseload (supervisors, admins); /undang — a link for your own workers (supervisors); /audit — the audit log (admins); /keluar — leave the organisation
    ▶️ /lanjut — show the last question again
    While answering: /kembali to go back, /lewati to skip an optional question, /panduan for the stage guide, /batal to cancel.
    🌐 /bahasa — change language
    Every answer is saved automatically. Clients are recorded by initials and age only.
choose-language = Choose a language:
language-set = ✅ English it is.
idle-text = Nothing is being written right now. Choose from the menu below, or type /bantuan.
unknown-command = I don't know that command. Type /bantuan for the list.
edited-ignored = Edited messages are not read again. To change an answer, use the ✏️ buttons on the review.
not-allowed =
    Sorry, you are not registered as a Pendamping user yet.
    Send your Telegram id to your institution's admin: { $id }
private-only = To protect clients' privacy, Pendamping works in private chats only.

## Buttons
btn-new-case = ➕ New case
btn-note = 📝 Record session
btn-cases = 📂 My cases
btn-history = 📚 History
btn-help = ❓ Help
btn-menu = 🏠 Menu
btn-note-now = 📝 Record a session now
btn-back = ⬅️ Back
btn-skip = ⏭ Skip
btn-keep = ➡️ Use earlier answer
btn-carry = ↩️ Same as last session
btn-guide = ℹ️ Guide
btn-cancel = ✖️ Cancel
btn-done = ✔️ Done ({ $count })
btn-more = More…
btn-date-today = Today
btn-date-yesterday = Yesterday
btn-date-week = +1 week
btn-date-fortnight = +2 weeks
btn-date-month = +1 month
btn-save = 💾 Save
btn-cancel-yes = Yes, cancel
btn-cancel-no = No, continue
btn-resume = ▶️ Continue
btn-discard = 🗑 Discard draft
btn-prev = ◀️ Previous
btn-next = Next ▶️
btn-other-stage = 🔀 Another stage
btn-next-stage = ⏭ To stage { $index }
btn-stay-stage = Stay at stage { $index }
btn-close-case = 🏁 End case
btn-keep-open = Keep it open
yes = Yes
no = No

## Questions
question-position = Question { $index } of { $total }
question-position-approx = Question { $index } of ± { $total }
previous-answer = Earlier answer: { $answer }
carried-answer = Last session: { $answer }
hint-multi = Choose one or more, then press ✔️ Done.
hint-file = Send a { $kinds }.
or = or
kind-photo = photo
kind-voice = voice note
kind-audio = audio recording
kind-video = video
kind-document = document
hint-scale = Choose { $min }–{ $max }.
hint-scale-labels = { $min } = { $minLabel }, { $max } = { $maxLabel }.
hint-longtext = Up to { $max } characters; no full names, addresses, NIK or phone numbers.
name-deleted = 🧹 That message looked like a full name, so it was deleted from this chat. Type the initials only.
photo-as-file = This picture came as a file, which can carry its location (GPS). Please send it again as a photo: press 📎 and choose Gallery (not File).
review-identifiers = ⚠️ Check again: { $items }. Remove it if it is the client's or the family's; the note can still be saved.
review-identifier-item = no. { $n } seems to hold { $kinds }
identifier-nik = a NIK
identifier-phone = a phone number
identifier-address = an address
answer-skipped = — (skipped)
file-photo = 📷 Photo
file-voice = 🎤 Voice note
file-audio = 🎵 Audio
file-video = 🎬 Video
file-document = 📎 Document
review-title = 📋 Check before saving
review-instructions = Check it once more. Press ✏️ and a number to change an answer, or 💾 Save.
confirm-cancel = Cancel this? The answers given so far will be deleted.
cancelled = Cancelled. Nothing was saved.
no-activity = Nothing is being written right now. Type /catat to record a session.
activity-gone = Sorry, the model or case of this note no longer exists. Please start again with /catat.
stale-button = This button no longer works. Use the latest message, or type /lanjut.{ $orgs ->
        [several] {" "}If it is from another of your organisations, switch first with /lembaga.
       *[one] {""}
    }
restart-notice = ♻️ Pendamping has just restarted. Your answers are safe; we continue where you left off.
unfinished = You still have an unfinished { $what }. Continue it, or discard the draft?
draft-discarded = Draft discarded.
activity-intake = new case
activity-note = session note for { $client } (stage { $index }/{ $count })

## Answers that need another try
invalid-empty = The answer is empty. Please type your answer.
invalid-no-words = Please write it in words, not only punctuation.
invalid-too-long = Too long ({ $length } characters). At most { $max }; please shorten it.
invalid-expected-text = Please type a text answer for this question.
invalid-expected-file = For this question, send a photo, a voice note or a document.
invalid-expected-choice = Choose one of the buttons under the question.
invalid-file-kind = That kind of file is not accepted here. Accepted: { $accept }.
invalid-not-a-number = Please type a number, e.g. 3.
invalid-not-integer = Please type a whole number.
invalid-below-min = Too small; at least { $min }.
invalid-above-max = Too large; at most { $max }.
invalid-not-on-scale = Choose a number from { $min } to { $max }.
invalid-not-yesno = Answer with the Yes or No button.
invalid-not-a-date = I don't recognise that date. E.g. hari ini (today), kemarin (yesterday), 12/3/2025 or 12 March 2025.
invalid-date-in-future = That date has not come yet. For a session that took place, choose today or earlier.
invalid-date-in-past = That date has passed. Choose today or later.
invalid-date-out-of-range = That date is too far off. Please check the year.
invalid-multi-too-few = Choose at least { $min }, then press ✔️ Done.
invalid-multi-too-many = Choose at most { $max }.
invalid-initials = Initials only: letters, 1–5 of them (e.g. Si, BZG, RO). Never the full name.
invalid-not-optional = This question needs an answer; it cannot be skipped.
invalid-no-back = This is the first question; there is nothing before it.
invalid-at-review = Every question is answered. Press ✏️ to change an answer, or 💾 Save.
invalid-confirm-cancel = First: cancel this? Type yes or no, or press a button.
guide-intake = Stage guides belong to session notes. Here, just the short case details; clients are recorded by initials and age only.
invalid-unsupported = Sorry, { $what ->
        [sticker] a sticker
        [animation] a GIF
        [location] a location
        [contact] a contact
        [poll] a poll
       *[other] that kind of message
    } cannot be an answer. Please type your answer.

## Cases
intake-intro = ➕ New case. I will ask about the model, the client, the place of service and the case data, one at a time. Clients are recorded by initials and age only.
intake-header = New case
case-created =
    ✅ Case <b>{ $label }</b> saved.
    Model: { $model }
    Starting at stage 1: { $stage }
no-cases = You have no active case yet. Open a new case first.
no-own-cases-supervisor = You have no cases of your own. Your workers' notes come to you as summaries: open one with 📄 See in full on that summary. To work with a client yourself, open a new case.
pick-case-note = 📝 Record a session for which case? (p. { $page }/{ $pages })
pick-case-history = 📚 History of which case? (p. { $page }/{ $pages })
pick-case-cases = 📂 Your cases, most recent first (p. { $page }/{ $pages })
case-card =
    📂 <b>{ $label }</b>
    Gender: { $gender }
    Served at: { $setting }
    Problem: { $problem }
    Model: { $model }
    Current stage: { $stage }
    Session notes: { $notes } (last: { $last })
    Status: { $status } · code { $code }
gender-l = Male
gender-p = Female
gender-campuran = Mixed
case-card-group = Members: { $members }, aged { $youngest }–{ $oldest }
case-fact-peran = Your role
case-fact-program = Programme
case-fact-akhir_bimbingan = Supervision ends
case-fact-penjamin = Guarantor
case-fact-penjamin_setuju = Guarantor's agreement
case-fact-zat_utama = Main substance
case-fact-rawat = Service
case-fact-cara_masuk = How they came
case-facts-none = The case's data (your role, programme, substance) is not filled in yet: press ✏️ Edit case data.
btn-case-edit = ✏️ Edit case data
btn-case-card = 📂 Case card
case-edit-header = ✏️ Case data of { $client }
case-edited = ✅ Case data of { $client } saved.
activity-case-edit = the case data of { $client }
setting-lapas = Prison
setting-bapas = Probation office (Bapas)
setting-ipwl = IPWL
setting-bnnk = BNNK
setting-panti = Rehab centre
setting-lpka = Juvenile prison (LPKA)
setting-sentra = Kemensos centre (Sentra / Balai)
setting-lks = Social welfare organisation (LKS)
setting-lainnya = Other
status-active = active
status-closed = closed
case-closed = Case { $client } is closed; no more notes can be recorded.
case-closed-now = 🏁 Case { $client } closed. Its history stays available in /riwayat.

## Session notes
pick-stage = Choose the stage for this note ({ $label }):
note-header = { $client } · Stage { $index }/{ $count } { $stage }
note-saved-next =
    ✅ Session note for { $client } saved (note no. { $count }).
    Move on to the next stage, { $next }, or stay at this one?
note-saved-last =
    ✅ Session note for { $client } saved (note no. { $count }).
    This is the last stage. End the case, or keep it open?
stage-moved = ⏭ Case { $client } is now at stage { $index }/{ $count }: { $stage }.
stage-stayed = Case { $client } stays at stage { $index }/{ $count }.
history-empty = No session notes for { $label } yet.
history-list = 📚 { $label }: { $count } notes, newest first (p. { $page }/{ $pages })
history-risks = Risk flags: { $count }
history-risk-open = ⏳ nobody has taken it
history-risk-taken = 🙋 taken by { $name }
history-risk-done = ✅ { $name }: { $note }
history-risks-more = … and { $count } more
note-title = { $date } · Stage { $index }/{ $count } { $stage }
note-written = Written { $date }

## Errors
error-generic = Sorry, something went wrong. The answers you gave are safe. Please try again, or type /lanjut.
error-conflict = This note was just changed elsewhere. Your last answer was not saved; please send it again.
flood-wait = ⏳ One moment… I am still working on your earlier messages. What you sent while waiting was not read; send it again once I have answered.

## Telegram command menu
cmd-catat = Record a session for a case
cmd-kasus_baru = Open a new case
cmd-kasus = My cases
cmd-laporan = Case report (Word / PDF), chart, termination sheet
cmd-ekspor = Export notes to a spreadsheet (supervisors, admins)
cmd-riwayat = Session note history
cmd-lanjut = Continue an unfinished note
cmd-batal = Cancel what you are filling in
cmd-bahasa = Change language
cmd-bantuan = Help

## Monitoring reminders
cmd-pengingat = Set monitoring reminders
reminder-title = Monitoring reminder
reminder-title-many = Monitoring reminder: { $count } cases
reminder-line = { $code } · { $stage } · { $last }
reminder-stage = stage { $stage }
reminder-last-note = { $days ->
        [0] last session held today
        [1] last session held yesterday
       *[other] last session held { $days } days ago
    }
reminder-no-note = no session held yet
contact-missed-in-row = did not take place { $count } times in a row
contact-meeting-passed = meeting planned for { $date } passed
reminder-late = Sent late; it was due { $scheduled }.
btn-reminder-note = 📝 Record now
btn-reminder-snooze = ⏰ Remind me tomorrow
btn-reminder-skip = Skip this time
# a reminder of several cases: each button names its case (the text shows only the codes)
btn-reminder-note-case = 📝 { $client }
btn-reminder-snooze-case = ⏰ Tomorrow { $code }
btn-reminder-skip-case = Skip { $code }
reminder-snoozed = ⏰ Fine, I will remind you of { $client } again tomorrow.
reminder-skip-why = This reminder for { $client } is skipped. Why? A few words (or type /menu to skip without a reason).
reminder-skip-noted = ✅ Reason kept with case { $client }.
reminders-settings =
    ⏰ <b>Monitoring reminders</b>
    Every { $day } at { $hour } { $zone }, for { $cases ->
        [one] 1 active case
       *[other] { $cases } active cases
    } (each on its own cadence).
    Next reminder: { $next }
    No reminder is sent when the case already has a note in its period.
reminders-paused =
    ⏸ <b>Monitoring reminders are paused.</b>
    Press ▶️ Resume when you are back at work.
btn-rem-day = 📅 Day
btn-rem-hour = 🕗 Hour
btn-rem-zone = 🌏 Time zone
btn-rem-cases = 🔁 Per-case cadence
btn-rem-pause = ⏸ Pause all
btn-rem-resume = ▶️ Resume
reminders-pick-day = Which day?
reminders-pick-hour = What time?
reminders-pick-zone = Your time zone?
reminders-cadences = <b>Monitoring cadence per case</b> (press to change):
reminders-cadence-set = ✅ { $client } is now monitored { $cadence }.
cadence-weekly = weekly
cadence-biweekly = every 2 weeks
cadence-monthly = monthly
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
btn-reopen = 🔓 Reopen
case-reopened = 🔓 Case { $client } reopened; its reminders are on again.
case-limit-reached = You already have { $max } active cases, the limit per worker. First end the cases that are finished (/kasus → the case → 🏁 End case), then try again.
case-card-skip = Monitoring skipped { $date }: { $reason }

## Weekly digest for supervisors
digest-title = Weekly digest
digest-title-page = Weekly digest ({ $page }/{ $pages })
digest-period = { $from } – { $to } { $zone } · { $workers ->
        [one] 1 worker
       *[other] { $workers } workers
    }
digest-quiet = no notes this week
digest-no-notes = No notes this week
digest-notes = Notes this week: { $count }
digest-case-count = { $client }: { $count }
digest-active = Active cases: { $count }
digest-stage = { $model } stage { $index }: { $count ->
        [one] 1 case
       *[other] { $count } cases
    }
digest-stage-unknown = { $model } { $stage }: { $count ->
        [one] 1 case
       *[other] { $count } cases
    }
digest-overdue = Past their monitoring interval: { $count ->
        [one] 1 case
       *[other] { $count } cases
    }
digest-overdue-case = { $client }: { $last } ({ $cadence })
digest-last-note = { $days ->
        [0] last session held today
        [1] last session held yesterday
       *[other] last session held { $days } days ago
    }
digest-never-noted = no session held since it was opened { $days } days ago
digest-attention = Contact slipping? { $count ->
        [one] 1 case
       *[other] { $count } cases
    }
digest-open-risks = Risk flags not followed up: { $count }
digest-risk-taken = taken by { $name }
digest-risk-untaken = nobody has taken it
age-hours = { $hours ->
        [one] 1 hour ago
       *[other] { $hours } hours ago
    }
age-now = just now
age-days = { $days ->
        [one] 1 day ago
       *[other] { $days } days ago
    }
digest-skipped = skipped by the worker
digest-review = Awaiting your review: { $count ->
        [one] 1 note
       *[other] { $count } notes
    }
digest-revision = Awaiting the worker's revision: { $count ->
        [one] 1 note
       *[other] { $count } notes
    }
digest-unnamed = Worker { $id }

## Organisation, members, invitations
cmd-lembaga = Manage the organisation (admins)
cmd-undang = Your worker invitation link (supervisors)
role-admin = Admin
role-supervisor = Supervisor
role-worker = Worker
org-ask-name = Your organisation's name? (e.g. Bapas Kelas I Bandung)
org-created = ✅ Organisation <b>{ $name }</b> created. You are its admin.
org-next = Next: invite supervisors and workers.
org-menu =
    🏛 <b>{ $name }</b>
    { $members } members.
org-not-admin = Only the organisation's admins manage members and invitations.
org-not-admin-supervisor = Only admins manage members. To invite your own workers, type /undang.
btn-org-members = 👥 Members
btn-org-invite = 🔗 New invitation
btn-org-invites = 📋 Active invitations
btn-org-audit = 📜 Audit log
invite-pick =
    An invitation for which role, and for how many?
    One person: used once, valid 7 days. Many: for many people, 30 days.
invite-btn-single = one person
invite-btn-multi = many
invite-single = single use, 7 days
invite-multi = many people, 30 days
invite-until = valid until { $until }
invite-used = used { $uses }×
invite-made-single =
    🔗 { $role } invitation (single use), valid until { $until }:
    { $link }
    Send it to that person only. Revoke it from 📋 Active invitations.
invite-made-multi =
    🔗 { $role } invitation (for many people), valid until { $until }:
    { $link }
    Anyone who opens it joins as { $role }. Revoke it when no longer needed.
invite-own =
    🔗 Your worker invitation link, valid until { $until }:
    { $link }
    Workers who join through it are supervised by you.
invite-own-refused = Only supervisors and admins can make invitation links.
invites-title = 📋 Active invitations (press 🚫 and a number to revoke):
invites-none = No active invitations.
invite-revoked = 🚫 { $role } invitation revoked.
members-title = 👥 <b>Members</b> (press a name to manage):
member-supervised-by = supervisors: { $names }
member-card =
    👤 <b>{ $name }</b>
    Role: { $role }
    Joined: { $since }
    Supervisors: { $supervisors }
btn-member-sups = 👥 Supervisors
btn-member-remove = 🚪 Remove
btn-member-remove-yes = Yes, remove
member-remove-confirm = Remove { $name } from the organisation? Their access ends at once.
member-removed = 🚪 { $name } removed from the organisation.
member-role-set = ✅ { $name } is now { $role }.
member-pick-sups = Supervisors of { $name } (press to add or remove):
member-no-sups = There is no supervisor yet. Make a Supervisor invitation first.
member-sup-added = ✅ { $supervisor } now supervises { $worker }.
member-sup-removed = { $supervisor } no longer supervises { $worker }.
member-gone = That member is no longer in the organisation.
join-welcome = ✅ Welcome to <b>{ $org }</b> as { $role }.
join-welcome-later = The note you are writing stays in the organisation you work in now. When it is done, switch to this one with /lembaga.
join-welcome-more = You are working in this organisation now. Your other organisations stay: switch with /lembaga.
org-mine = 🏢 You belong to { $count } organisations. You are working in <b>{ $org }</b> as { $role }.
    /kasus, /catat, /riwayat and /tim show this organisation only. Messages from the others still arrive.
    Switch to:
btn-org-use = 🔁 { $org }
btn-org-found = ➕ New organisation
org-switched = ✅ You are working in <b>{ $org }</b> as { $role } now. /kasus, /catat, /riwayat and /tim show this organisation.
intake-org-changed = This case was not saved: you no longer work in the organisation where it was begun.
org-switch-draft = Finish or /batal the note you are writing first, then switch.
org-switch-suspended = Your access in { $org } is suspended by its admin.
join-already = You are already a member of this organisation.
join-unknown = This invitation link is unknown. Ask the admin for a new one.
join-revoked = This invitation link was revoked. Ask the admin for a new one.
join-expired = This invitation link has expired. Ask the admin for a new one.
join-used = This invitation link was already used. Ask the admin for a new one.
join-former = You left or were removed from this organisation, so older links no longer work for you. Ask the admin to make a new single-use invitation for you.
audit-title = 📜 <b>Latest audit entries</b>
audit-empty = No audit entries yet.
audit-org-created = created the organisation
audit-invite-created = made an invitation
audit-invite-revoked = revoked an invitation
audit-joined = joined
audit-join-refused = invitation refused
audit-role-changed = changed a role
audit-supervisor-assigned = assigned a supervisor
audit-supervisor-unassigned = removed a supervisor
audit-member-removed = removed a member
audit-note-viewed = opened a note
audit-note-approved = approved a note
audit-feedback = gave feedback
audit-refused = refused: a button without access

## Summaries for supervisors, and feedback
summary-title = New session note from { $worker }
summary-title-revised = Session note revised by { $worker }
summary-stage = Stage { $index }/{ $count }: { $stage }
summary-session = Session { $date } · { $contact }
summary-next = Next step: { $next }
summary-risk = Sign of danger: { $risk }
summary-ask = For you:
summary-reflection = Reflection:
summary-more = …and { $count } more answers (📄 See in full)
summary-changed = Changed ({ $count }):
summary-unchanged = ✏️ Saved again with no answer changed.
btn-review-approve = ✅ Approve
btn-review-feedback = 💬 Give feedback
btn-review-view = 📄 See in full
btn-review-open = 📄 Open the note
btn-note-edit = ✏️ Change the note
note-report-below = This case's report:
review-refused = { $orgs ->
        [several] This note is not in the organisation you are working in. If it is from another of yours, switch first with /lembaga.
       *[one] You have no access to this worker's notes.
    }
review-approved = ✅ Note for { $client } ({ $date }) approved. The worker has been told.
review-approved-worker = ✅ { $supervisor } approved the note for { $client } ({ $date }).
review-feedback-ask = Type your feedback on the note for { $client } ({ $date }):
aside-cancelled = Cancelled. Nothing was sent.
review-feedback-sent = 💬 Feedback sent to the worker (note for { $client }).
review-feedback-worker =
    💬 { $supervisor }'s feedback on the note for { $client } ({ $date }):
    { $text }
review-state = Status: { $state }
review-state-menunggu = awaiting review
review-state-disetujui = approved
review-state-perlu_perbaikan = needs changes
review-event-submitted = sent to the supervisor (version { $version })
review-event-revised = revised (version { $version })
review-event-approved = approved by { $name }
review-event-feedback = feedback from { $name }
note-revised = ✅ Note for { $client } updated (version { $version }). The earlier version is kept.
note-no-review = This note has not been reviewed by a supervisor yet.
review-outdated = This note was revised since this summary. Use the latest summary.
cmd-keluar = Leave the organisation
leave-confirm = { $orgs ->
        [several] Leave the organisation you are working in? Your other organisations stay. Your cases and notes here stay stored.
       *[one] Leave the organisation? You cannot use Pendamping again until invited back. Your cases and notes stay stored.
    }
btn-leave-yes = Yes, leave
leave-not-member = You are not a member of any organisation.
leave-last-admin = You are the only admin. Make another member admin first, then leave.
left = You have left { $org }. Thank you.
audit-left = left the organisation

## Sessions that did not take place, ending a case, the last note, versions
note-saved-without-client =
    ✅ The note of a contact without the client for <b>{ $client }</b> is saved (note { $count }).
    The case stays at its stage, and this contact does not count as a session with the client.
note-saved-not-held =
    ✅ Note for <b>{ $client }</b> saved (note no. { $count }).
    The session did not take place, so the case stays at its stage.
end-ask-reason = 🏁 End the case <b>{ $client }</b>. Why?
end-reason-selesai = Completed as planned
end-reason-mengundurkan_diri = Client withdrew
end-reason-dirujuk = Moved / referred
end-reason-tidak_dapat_dihubungi = Cannot be reached
end-reason-pb_dicabut = Parole revoked
end-reason-meninggal = Client died
end-reason-lainnya = Other
btn-end-cancel = ✖️ Cancel
end-ask-note = Reason: { $reason }. Write a short note (e.g. referred where), or press the button below.
btn-end-no-note = End without a note
case-ended =
    🏁 Case <b>{ $client }</b> ended: { $reason }.
    Its reminders stop. Its history stays available, and the case can be reopened.
case-ended-supervisor = { $worker } ended the case { $client }
case-ended-reason = Reason: { $reason }
case-ended-stage = Last stage: { $stage } ({ $model })
case-ended-note = Note: { $note }
case-moved-from = ↪️ { $by } (admin) moved the case { $client } from you to { $target }.
case-moved-supervisor = ↪️ { $by } (admin) moved the case { $client } from { $from } to { $target }.
case-moved-to = ↪️ { $by } (admin) moved the case { $client } from { $from } to you. Its earlier notes came with it; each time you open another worker's note, the audit log records it.
supervisor-assigned-worker = 👤 { $by } (admin) made { $supervisor } your supervisor. From now on { $supervisor } gets the summaries of your notes and can read them.
supervisor-assigned-self = 👤 { $by } (admin) made themselves your supervisor. From now on { $by } gets the summaries of your notes and can read them.
supervisor-assigned-colleague = 👤 { $by } (admin) made { $supervisor } a supervisor of { $worker } as well.
case-card-closure = Ended { $date }: { $reason }
btn-end-case = 🏁 End case
alert-title = URGENT: risk flag from { $worker }
alert-title-detail = URGENT: what happened, risk flag from { $worker }
alert-detail-follows = Sent when the danger sign was chosen. What happened follows, then the full note when it is saved.
risk-sent = 🚨 The danger sign was sent to { $count ->
    [1] your supervisor
   *[other] your { $count } supervisors
}.
risk-detail-sent = 🚨 What happened was sent to { $count ->
    [1] your supervisor
   *[other] your { $count } supervisors
}.
risk-escalating = 🚨 You have no active supervisor: the danger sign goes to your organisation's admins. You will be told shortly who received it.
risk-detail-escalating = 🚨 What happened was sent to your organisation's admins.
risk-sent-admins = 🚨 The danger sign for { $client } was sent to your organisation's admins: { $names }.
risk-nobody = ⚠️ <b>Nobody received this danger sign</b>: you have no supervisor or organisation admin in this bot. In an emergency, call:
    { $contacts }
risk-emergency-default = 112 (emergency) · SAPA 129 (violence against women and children)
btn-risk-take = 🙋 I'll handle it
btn-risk-done = ✅ Followed up
risk-taken-by = Already taken by { $name }.
risk-already-done = Already followed up by { $name }.
risk-state-done = ✅ This danger sign was followed up by { $name }: { $note }
risk-you-took = 🙋 You are handling the danger sign for { $client }. The worker and the other recipients are told. Press ✅ once it is followed up.
risk-done-ask = Write briefly how { $client }'s danger sign was followed up (what was done, by whom):
risk-done-saved = ✅ The follow-up for { $client } is recorded. The worker and the other recipients are told.
risk-update-withdrawn = ⚠️ { $by } cancelled the session note for { $client }: the full note will not come. The danger sign already sent still needs follow-up.
risk-withdrawn-worker = ⚠️ The note was not saved, but the danger sign already sent stays with your supervisor and still needs follow-up. Your supervisor is told the note will not come.
risk-update-taken = 🙋 { $by } is handling the danger sign for { $client }.
risk-update-done = ✅ { $by } followed up the danger sign for { $client }: { $note }
risk-overdue-title = Danger sign not taken for { $hours } hours
risk-overdue-body = { $worker } · { $client }. Nobody has pressed 🙋 I'll handle it yet.
audit-risk-taken = took a danger sign
audit-risk-followed-up = followed up a danger sign
last-note =
    🗒 <b>Last note</b> ({ $date }, stage { $stage }):
    ➡️ { $next }
    📅 Next meeting: { $meeting }
last-note-short =
    🗒 Last: { $date }, stage { $stage }
    ➡️ { $next }
    📅 { $meeting }
held-without-client = contact without the client
last-note-without-client = (a contact without the client)
last-note-not-held = (the session did not take place)
last-note-none = not set
history-versions = <b>Changes</b>
history-version = Version { $version } · { $date } · { $name }
history-change = • { $question }: { $old } → { $new }
history-no-change = (no answer changed)
history-answer-none = (none)

## Reports and exports (src/bot/features/reports.ts, src/export/)
btn-report = 📄 Report
btn-chart = 📈 Chart
btn-report-docx = 📄 Word (DOCX)
btn-report-pdf = 📕 PDF
btn-termination = 📝 Termination sheet
report-pick = 📄 Case report: pick the case (page { $page } of { $pages }).
report-formats =
    📄 Report of <b>{ $label }</b>
    For the institution: Word (editable on a computer) or PDF.
    🗒 Supervision record: reflections, feedback and revisions. For you and your supervisor only.
export-preparing = ⏳ Being prepared… The file will be sent here shortly.
export-unavailable = Sorry, reports cannot be made here yet. Please try again later.
export-daily-limit = You have asked for { $max } reports and exports today, the daily limit per user. Please try again tomorrow.
export-failed = Sorry, the file could not be made. Please try again in a moment.
export-missing = This case can no longer be found.
report-of-workers-how = You have no cases of your own. For a case report of one of your workers, open their note with 📄 See in full (on the summary you received), then choose 📄 Word or 📕 PDF. Your workers' monthly reports and the recap: the buttons below. All notes as a spreadsheet: /export.
export-report-not-allowed = The report was not made: you no longer supervise this worker.
export-term-active = The termination sheet is made once the case has been ended.
export-chart-empty = The notes of { $client } have no scale (1–5) answers yet, so there is no chart.
export-chart-none = No chart for this case yet: no note has a scale (1–5) rating yet, such as the client's progress towards the goals.
export-caption-chart = 📈 Progress of { $client }: each line one scale question, each point one note.
export-caption-termination = 📝 Termination sheet { $client } (PDF and Word). Print it, then sign.
export-csv-not-allowed = Exporting notes is for supervisors and admins.
export-csv-no-org = You have not set up an organisation yet. Set it up with /lembaga, then invite supervisors and workers: the notes of the workers assigned to you can be exported here.
export-csv-no-workers = No workers are assigned to you yet, so there are no notes to export.
export-csv-ask = 📊 Export the notes of your { $workers } workers to a spreadsheet (CSV). Which period?
export-range-this-month = This month
export-range-last-month = Last month
export-range-last-3-months = Last 3 months
export-range-all = Everything
export-csv-empty = No notes in this period ({ $range }).
export-caption-csv = 📊 { $notes } notes of { $workers } workers · { $range }. One row per note.
export-caption-activity = 📊 Activity per worker: notes per week and cases overdue for monitoring.
export-file-report = report
export-file-termination = termination-sheet
export-file-notes = notes
export-file-activity = activity
report-cover-org = Institution
job-title-pk = Probation Officer
job-title-peksos = Social Worker
job-title-konselor = Addiction Counsellor
job-title-praktikan = Student on placement
job-title-lainnya = Staff member
report-cover-group = Group
report-cover-supervisors = Supervisor
report-cover-client = Client
report-cover-setting = Place of service
report-cover-problem = Problem
report-cover-model = Intervention model
report-cover-stage = Current stage
report-cover-opened = Case opened
report-cover-ended = Case ended
report-cover-status = Status
report-cover-end-note = Note on ending
report-cover-sessions = Session notes
report-cover-sessions-value = { $count } notes, { $from } to { $to }
report-generated = Made with Pendamping on { $date } by { $name }.
report-summary-heading = Summary of sessions
report-col-no = No.
report-col-date = Date
report-col-contact = Contact
report-col-stage = Stage
report-col-held = Held
report-col-review = Review
report-no-notes = No session notes yet.
report-chart-heading = Progress chart
report-chart-title = Client progress (scale answers)
report-chart-stage = Stage { $index }
report-stage-heading = Stage { $index } of { $count }: { $stage }
report-note-heading = Note { $index } · { $date }
report-note-written = Written { $date }
report-note-contact = Contact: { $contact }
report-note-held = Held: { $held }
report-note-version = Version { $version }
report-fact-review = Review state
report-fact-thread = Supervisor's feedback
report-fact-revisions = Revisions
report-review-none = not sent for review
report-revision = Version { $version } · { $date } · { $name }
report-revision-change = – { $question }: { $old } → { $new }
report-file-photo = Photo
report-file-voice = Voice note
report-file-audio = Audio
report-file-video = Video
report-file-document = Document
report-page = Page
report-page-of = of
term-title = Termination Sheet
term-reason = Reason for ending
term-stage = Stage reached
term-sessions = Sessions
term-sessions-value = { $held } sessions held of { $all } notes
term-final-note = Final evaluation
term-evaluation = Final evaluation
term-no-evaluation = No final evaluation: the case ended without a held session noted in an evaluation or termination stage.
term-place = ……………………, { $date }
term-supervisor = Supervisor
term-footer = Termination sheet { $client } · CONFIDENTIAL
csv-col-worker = worker
csv-col-case = case
csv-col-model = model
csv-col-stage = stage
csv-col-date = date
csv-col-contact = contact_type
csv-col-held = held
csv-col-review = review_state
csv-col-answer-of = { $id }_answer
csv-review-menunggu = awaiting review
csv-review-disetujui = approved
csv-review-perlu_perbaikan = needs changes
csv-review-none = not sent
csv-act-active = active_cases
csv-act-notes = notes_in_period
csv-act-overdue = overdue_cases
csv-act-overdue-cases = overdue_case_list
csv-act-week = week_{ $date }
csv-overdue-case = { $client } ({ $days } days)
digest-chart-title = Notes per worker: this week and the 4 weeks before
digest-chart-this-week = This week
digest-chart-weeks-ago = { $weeks } weeks ago

## Data protection (UU 27/2022): case deletion, own data, retention, suspension, audit
btn-case-delete = 🗑 Delete case
btn-case-delete-yes = 🗑 Yes, delete for good
case-delete-confirm =
    Delete the case <b>{ $client }</b> with its { $notes } session notes?
    Every note version, draft, supervisor feedback and reminder goes too, and cannot be restored.
    The audit log keeps only who deleted which case, and when.
case-deleted = 🗑 The case { $client } and its { $notes } notes were deleted.
btn-delete-approve = ✅ Approve deletion
btn-delete-refuse = ✖️ Refuse
delete-request =
    🗑 <b>{ $worker } asks to delete the case { $client }</b> with its { $notes } session notes.
    If approved, the case and all its notes are deleted for good. The audit log keeps who asked and who approved.
delete-requested = 📨 Your request to delete the case { $client } ({ $notes } notes) went to your supervisor. The case is deleted once approved; until then it stays.
delete-requested-admins = 📨 You have no active supervisor: your request to delete the case { $client } went to the organisation's admins. The case is deleted once approved.
delete-request-sent = 📨 Your request to delete the case { $client } went to the organisation's admins: { $names }.
delete-request-nobody = ⚠️ No active supervisor or admin can approve deleting the case { $client }. The case stays.
delete-request-pending = Your request to delete the case { $client } was sent and awaits a decision.
delete-request-gone = This request was decided already, or the case is gone.
delete-approved = 🗑 { $worker }'s case { $client } and its { $notes } notes were deleted.
delete-refused = ✖️ { $worker }'s request to delete the case { $client } was refused. The case stays.
delete-approved-worker = 🗑 { $by } approved deleting the case { $client }: the case and its notes were deleted.
delete-refused-worker = ✖️ { $by } refused deleting the case { $client }. The case stays; talk to { $by } if needed.
audit-case-delete-requested = asked to delete a case
audit-case-delete-refused = refused a case deletion
btn-delete-ask = 📨 Ask for approval
case-delete-confirm-approval =
    Delete the case <b>{ $client }</b> with its { $notes } session notes?
    The organisation keeps these notes: a case with notes is deleted once your supervisor (or an admin) approves. Once approved, the deletion cannot be undone.
btn-member-cases = 📂 Cases
btn-case-move = ↪️ Move
btn-adm-case-end = 🏁 End the case
adm-case-ended = 🏁 The case <b>{ $client }</b> was ended: { $reason }.
adm-cases-title = 📂 Cases of <b>{ $name }</b> ({ $count }). Pick one to move or delete:
adm-cases-none = <b>{ $name }</b> has no cases.
adm-case-card =
    📂 <b>{ $client }</b> · worker: { $name }
    Status: { $status } · { $notes } notes · closed: { $closed }
    Case code: <code>{ $id }</code>
adm-case-delete-confirm =
    Delete the case <b>{ $client }</b> of { $name } with its { $notes } session notes?
    This cannot be undone. The audit log records that you deleted it.
adm-case-move-pick = Move the case <b>{ $client }</b> to whom? Its notes and supervisor feedback move with it.
adm-case-move-none = There is no other member yet to take the case <b>{ $client }</b>.
adm-case-moved = ↪️ The case { $client } moved from { $from } to { $to }.
adm-case-gone = That case no longer exists (deleted or moved already).
adm-case-busy = That worker is writing in their cases right now. Please try again in a moment.
member-departed-name = 👋 Former member { $id }
member-departed-named = 👋 { $name } (former)
members-departed = 👋 { $count } former members (left, removed, or deleted their data) left cases: move, end or delete them.
btn-member-suspend = ⏸ Suspend
btn-member-resume = ▶️ Restore access
member-suspended-line = ⏸ <b>Suspended</b>: access and reminders stopped until restored.
member-suspended = ⏸ { $name }'s access is suspended as of now, and their reminders stop. Nothing is deleted. Restore it from the member card.
member-resumed = ▶️ { $name }'s access is restored.
suspended-refused = ⏸ Your access to Pendamping is suspended by your organisation's admin. Please contact your admin to restore it.{ $orgs ->
        [several] {" "}Your other organisations stay open: switch with /lembaga.
       *[one] {""}
    }
btn-my-data-yes = 🗑 Yes, delete my data
my-data-confirm =
    Delete your own data? Deleted: your settings (language, reminders), unsaved drafts, and your membership of the organisation — your access ends.
    Your { $cases } cases stay with the organisation: an admin will move them to another worker or delete them.
my-data-confirm-no-org = Delete your own data? Deleted: your settings (language, reminders) and unsaved drafts.
my-data-deleted = ✅ Your data was deleted.
my-data-deleted-cases = ✅ Your data was deleted. Your { $cases } cases stay with the organisation for an admin to move.
my-data-last-admin = You are the only admin. Make another member admin first, then delete your data.
btn-org-retention = 🗄 Retention
btn-org-emergency = 🆘 Emergency numbers
btn-org-escalation = ⏱ Risk escalation
escalation-ask = A risk alert nobody took (🙋 I'll handle it) within this time goes to every admin of the organisation too.
    Now: { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }
escalation-hours = { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    }
escalation-set = ⏱ A risk alert nobody took within { $hours ->
        [one] 1 hour
       *[other] { $hours } hours
    } goes to the organisation's admins.
audit-escalation-set = changed the risk escalation time
btn-emergency-reset = ↩️ Use the defaults
emergency-ask = 🆘 <b>Your organisation's emergency numbers</b>
    Shown to a worker when a danger sign reaches nobody (no supervisor and no other admin).
    Now: { $current }
    Type the numbers that apply (at most { $max } characters), e.g.: 112 · SAPA 129 · clinic 022-1234567
emergency-saved = ✅ Emergency numbers saved: { $contacts }
audit-emergency-set = changed the emergency numbers
audit-risk-raised = sent a danger sign
retention-ask =
    Closed cases are deleted automatically after this period. The worker and the admins are told 30 days before.
    Now: { $current }
retention-0 = Never deleted automatically
retention-365 = 1 year
retention-730 = 2 years
retention-1825 = 5 years
retention-set = 🗄 Retention of closed cases: { $choice }.
retention-warning = 🗄 The case <b>{ $client }</b> (closed { $closed }) will be deleted automatically on { $date } under your organisation's retention rule. Make its report now if you still need it (/report).
retention-warning-admin = 🗄 { $count } closed cases will be deleted automatically within 30 days under the retention rule (workers: { $workers }).
btn-audit-csv = 📤 Export CSV
audit-case-title = 📜 <b>Audit log of case</b> <code>{ $id }</code>
audit-case-empty = No audit entries for case { $id } yet.
audit-hint = One case only: /audit and its code (on the case card), e.g. /audit #Y59K2Y.
audit-strangers = 🚫 { $count } attempts from outside the organisation refused (forged buttons, guessed invitation links). Recorded separately; they never fill this log.
audit-csv-caption = 📜 Audit log ({ $count } rows).
audit-system = system
audit-case-button-unknown = pressed a button of a case they do not hold (deleted, moved, or not theirs)
audit-case-ended = ended a case
audit-export = exported
audit-export-report-docx = exported a case report (Word)
audit-export-report-pdf = exported a case report (PDF)
audit-export-chart = exported a case chart
audit-export-termination = exported a termination sheet
audit-export-csv = exported the notes spreadsheet (CSV)
audit-export-audit-csv = exported the audit log (CSV)
audit-detail-owner = owner
audit-detail-to = to
audit-detail-from = from
audit-detail-target = target
audit-detail-supervisor = supervisor
audit-detail-notes = notes
audit-detail-hours = hours
audit-detail-days = days
audit-detail-rows = rows
audit-detail-range = range
audit-detail-workers = workers
audit-detail-requested = requested
audit-detail-reason = reason
audit-detail-role = role
audit-detail-kind = kind
audit-detail-cases = cases
audit-col-time = time ({ $zone })
audit-col-by = by
audit-col-action = action
audit-col-worker = worker / member
audit-col-case = case
audit-col-detail = detail
audit-col-code = action_code
audit-col-by-id = by_telegram_id
audit-case-deleted = deleted a case
audit-case-moved = moved a case
audit-case-retention-deleted = deleted a case (retention)
audit-retention-warned = sent a retention warning
audit-retention-set = changed the retention
audit-own-data-deleted = deleted their own data
audit-member-suspended = suspended a member
audit-member-resumed = restored a member's access
audit-worker-cases-viewed = viewed a worker's case list
audit-message-dropped = message not sent: the recipient may no longer see it

## Organisation flows (src/bot/features/org-flows.ts)
btn-org-flows = 📋 Intervention models
btn-flow-publish = ✅ Publish
btn-flow-cancel = ✖️ Cancel
flows-title = 📋 <b>Your organisation's intervention models</b>
flows-none-own = No models of your own yet.
flows-builtin = <b>Built-in models</b> (🙈 hide, 👁 show again):
flows-how = To publish a model of your own, send its YAML file (.yaml) here as a document. How to write one: docs/flows.md. Cases already running keep their version.
flow-line-own = { $title } · version { $version }
flow-line-retired = { $title } · version { $version } (retired)
flow-line-builtin = { $title } · version { $version }
flow-line-hidden = { $title } · version { $version } (hidden)
flow-upload-unavailable = Sorry, publishing models is not available here.
flow-too-big = The file is too large ({ $kb } KB). A model file may have at most { $max } KB.
flow-download-failed = The file could not be downloaded or is not UTF-8 text. Please send it again.
flow-problems = ❌ <b>{ $file }</b> cannot be published yet: { $count } problem(s).
flow-problem-at = line { $line }, column { $column }
flow-problems-more = …and { $count } more. Check them all with npm run flows:check.
flow-check-stopped = ⏱ Checking <b>{ $file }</b> was stopped: it took over { $seconds } seconds. Make the file smaller or simpler, check it with npm run flows:check, then send it again.
flow-unchanged = <b>{ $title }</b> is the same as the published version { $version }. Nothing changed.
flow-preview = 📋 <b>{ $title }</b> · to be published as version { $version } · { $stages } stages
flow-preview-stage = { $index }. { $title } — { $own } questions of its own, ± { $typical } per note
flow-preview-first = This is a new model for your organisation.
flow-preview-next = Version { $previous } stays in use by the cases and drafts already running.
flow-preview-header = Sample · { $stage }
flow-preview-sample = 👀 A sample question, as a worker will see it (its buttons are not active yet):
flow-confirm = Publish <b>{ $title }</b> for your organisation?
flow-cancelled = Cancelled. The model was not published.
flow-published = ✅ <b>{ $title }</b> version { $version } is published. Your organisation's workers can choose it in /kasus_baru.
flow-retired = 🗄 <b>{ $title }</b> is retired: not offered for new cases. Cases already using it keep running on their version.
audit-flow-published = published a model
audit-flow-retired = retired a model
audit-flow-hidden = hid a built-in model
audit-flow-shown = showed a built-in model

## /tim: the caseload on demand (src/bot/features/team.ts)
cmd-tim = Your team's caseload (supervisors, admins)
team-not-allowed = /tim shows the cases of the workers you supervise (for supervisors and admins). Your own cases: /kasus.
team-count = { $workers ->
        [one] 1 worker
       *[other] { $workers } workers
    }
team-page = p. { $page }/{ $pages }
team-legend = 📂 active ⚠️ overdue 🚩 contact slipping 🐢 long in stage 🚨 risk ⏳ to review
team-empty = No workers in your team yet. Invite workers with /undang.
team-active = { $count ->
        [one] 1 active case
       *[other] { $count } active cases
    }
team-stage-short = stage
team-more-models = { $count } more models: see 📂 All
team-last-held = Last contact { $date }, { $age }
team-never-held = No contact held yet
team-next-meeting = Next meeting { $date }
team-no-meeting = No meeting planned
team-overdue = Overdue: { $count }
team-flagged = Slipping: { $count }
team-stuck = Long in one stage: { $count }
team-risks = Open risks: { $count }, { $untaken } not taken
team-no-risks = No open risks
team-awaiting = To review: { $count } (oldest { $age })
team-no-awaiting = No notes awaiting review
btn-team-all = 📂 All ({ $count })
btn-team-overdue = ⚠️ Overdue ({ $count })
btn-team-flagged = 🚩 Slipping ({ $count })
btn-team-stuck = 🐢 Long in stage ({ $count })
btn-team-risks = 🚨 Risks ({ $count })
btn-team-awaiting = ⏳ To review ({ $count })
btn-team-back = ⬅️ Team
btn-team-list = ⬅️ List
btn-team-manage = 🗂 Manage case
btn-dashboard = 📊 Open dashboard
menu-dashboard = Dashboard
team-list-all = All active cases
team-list-overdue = Contact overdue
team-list-flagged = Contact slipping
team-list-stuck = Long in one stage
team-list-risks = Open risks
team-list-awaiting = To review
team-list-empty = No cases on this list now.
team-why-held = contact { $age }
team-why-never-held = no contact yet
team-why-stuck = since { $date } (usually { $weeks } wk)
team-why-risk = { $age }, being handled
team-why-risk-untaken = { $age }, not taken
team-why-awaiting = sent { $age }
team-closed = closed
team-since = in this stage since { $date }
team-more-risks = +{ $count } more danger signs
team-notes = Notes: { $count } · ⏳ { $waiting } waiting
team-notes-admin = Notes: { $count } (for their supervisor)
audit-case-viewed = opened a case in /tim
audit-dashboard-opened = opened the dashboard
audit-dashboard-list-viewed = viewed a list of cases in the dashboard
audit-dashboard-case-viewed = opened a case in the dashboard
audit-dashboard-note-viewed = opened a note in the dashboard
team-risk-open = Open danger sign
review-already-approved = This note is approved already.
team-risks-taken = Open risks: { $count }, being handled
team-why-held-cadence = contact { $age } ({ $cadence })
team-models = { $count } models: see 📂 All

## The institution's report (src/export/institution-report.ts)
btn-supervision = 🗒 Supervision record
export-file-supervision = supervision-record
export-caption-supervision = 🗒 Supervision record of { $client }: reflections, asks, feedback and revisions. For you and your supervisor only; do not attach it to the institution's report.
inst-confidential = CONFIDENTIAL
inst-title-bapas = Supervision Progress Report
inst-title-ipwl = Client Progress Notes
inst-title-default = Client Progress Report
inst-name = Client's name
inst-register = Register no. / NIK
inst-code = Initials and case code
inst-period = Reporting period
inst-period-value = { $from } to { $to }
inst-summary-heading = Activities at a glance
inst-col-rating = Progress (1–5)
inst-notes-heading = Activities
inst-note-heading = { $index }. { $date } — { $stage }
inst-line-held = Held
inst-line-not-held = Not held
inst-line-not-held-why = Not held: { $why }
inst-line-without-client = Contact without the client
inst-section-tujuan = Aims
inst-section-proses = Process / activity
inst-section-respons = Client's response
inst-section-hambatan = Obstacles
inst-section-rencana = Follow-up plan
inst-compare-indicator = Indicator
inst-compare-before = At the start ({ $date })
inst-compare-now = Now ({ $date })
inst-compare-yes = yes
inst-attachments = Attachments
inst-no-notes-period = No session notes in this period.
inst-place = ……………………, { $date }
inst-nip = Staff ID { $blank }
inst-acknowledged = Acknowledged by the Head of { $org }
inst-footer = CONFIDENTIAL · { $code }
report-scale-of = { $value } of { $max }
supervision-title = Supervision Record
supervision-footer = Supervision record { $client } · CONFIDENTIAL, for the worker and the supervisor only
supervision-note-none = No reflection or ask in this note.
export-document-gone = That document is no longer one for { $client } (the place of service or your role changed). Open /laporan for the documents there are.
export-caption-document = 📄 { $title } · { $client } · { $count } notes
doc-signer-client = Client
doc-signer-family = Family / guardian
doc-plan-none = No planning note has chosen programmes yet.
doc-plan-goals = Aims of the plan (note of { $date }):
doc-footer-supervision = CONFIDENTIAL, for the worker and the supervisor · { $code }
btn-documents = 📑 Other documents
doc-pick =
    📑 Other documents for <b>{ $label }</b>
    Pick the document, then Word or PDF.

## Formulir lembaga (src/bot/features/organisation/form.ts, src/bot/features/institution-form.ts, src/export/form-*.ts)
btn-org-form = 📄 Report form
btn-form-publish = ✅ Publish
btn-form-cancel = ✖️ Cancel
btn-form-remove = 🗑 Remove form
btn-form-remove-yes = 🗑 Yes, remove
btn-form-make = 🏛 Institution form
form-screen =
    📄 <b>The institution's report form</b>
    Send your institution's official Word form (<b>.docx</b>, at most { $max } MB) as a file. Pendamping fills it from the case and its session notes.
    Fields: { $fields }
    Per note: { $loop }
    Progress chart: { $chart }
    The full list is in the guide, under Formulir lembaga. The client's name and NIPs stay dotted blanks.
form-state-none = No form is published yet.
form-state-published = Published: <b>{ $file }</b>, { $date }.
form-remove-ask = Remove the form <b>{ $file }</b>? Workers will no longer be able to make reports on it.
form-checked = ✅ <b>{ $file }</b> is checked. An example, filled with the institution's latest case, is being prepared.
form-cancelled = Cancelled. The form was not published.
form-published = ✅ The form <b>{ $file }</b> is published. Your institution's workers make it from /laporan → 🏛 Institution form.
form-not-admin = Only the institution's admins can publish a form.
form-none = Your institution has no report form (or it was removed). An admin can send one in /lembaga → 📄 Report form.
form-download-failed = The file could not be downloaded from Telegram. Please send it again.
form-preview-failed = The example could not be made. Check the file, then send it again.
form-file-too-big = The file is too big: a form may be at most { $max } MB. Make its pictures smaller (the letterhead, say), then send it again.
form-file-not-docx-name = Send the form as a Word .docx document (in Word: Save as → Word Document).
form-file-macro-name = A .docm file (Word with macros) is not accepted. Save it as a Word Document (.docx) without macros, then send it again.
form-file-not-zip = This file is not a whole Word document. Open it in Word, save it as .docx, then send it again.
form-file-not-word = This file is not a Word document (.docx). Open it in Word, save it as a Word Document, then send it again.
form-file-macros = This file has macros or active controls, so it is not accepted. Save it as a Word Document (.docx) without macros, then send it again.
form-file-bomb = This file's content is far larger than the file itself, so it is not accepted. Save it again in Word as .docx, then send it again.
form-file-damaged = This file is damaged and cannot be read. Save it again in Word as .docx, then send it again.
form-problems = The form <b>{ $file }</b> cannot be published yet: { $count } placeholders to fix.
form-problems-more = …and { $count } more.
form-problems-how = Fix them in Word, then send it again. The placeholders are listed in /lembaga → 📄 Report form.
form-problem-unknown = { $name } is not known,
form-problem-near = Did you mean { $name }?
form-problem-outside-loop = { $name } can only be used between {"{"}#catatan{"}"} and {"{"}/catatan{"}"}, not
form-problem-loop = The loop { $name } is not known (only {"{"}#catatan{"}"}, once),
form-problem-syntax = Braces or loops do not pair up: { $detail }
form-where-paragraph = in the paragraph starting "{ $start }"
form-where-cell = in a table, row { $row } column { $column } ("{ $start }")
form-where-picture = in a picture's alt text
form-where-empty = in a paragraph
form-preview-caption = Example: this form filled with the latest case you may read, { $code } ({ $count } notes). Publish it?
form-preview-caption-example = Example: neither you nor a worker you supervise has a case yet, so this form is filled with a made-up EXAMPLE case. Publish it?
form-preview-file = example
form-caption = Institution form · { $code } · { $count } notes
form-status-active = Active
export-file-form = form
audit-form-preview = uploaded a report form (example)
audit-form-published = published the report form
audit-form-removed = removed the report form

## Laporan bulanan dan rekap (src/bot/features/period-reports.ts, src/export/monthly-model.ts, src/export/recap-model.ts)
btn-period-monthly = 🗓 Monthly report
btn-period-workers = 🗓 Workers' reports
btn-period-recap = 📊 Recap
btn-period-case = 🗓 Choose a period
btn-period-this = This month ({ $month })
btn-period-last = Last month ({ $month })
btn-period-range = ✏️ Date range
btn-period-docx = 📄 Word
btn-period-both = 📕+📄 Both
btn-period-all = 👥 All workers ({ $count })
period-what-mine = Your monthly report (all clients)
period-what-all = Monthly reports of your { $count } workers, one file per worker
period-what-worker = Monthly report of { $name }
period-what-recap = Recap of your { $count } workers
period-what-case = Case report { $client }
period-ask =
    🗓 { $what }
    Which period?
period-format =
    🗓 { $what }
    Period: { $period }. Which format?
period-range-ask =
    ✏️ Type the date range, for example:
    1/10 - 15/11
    1 October - 15 November
period-range-unreadable = That range could not be read. Type two dates with a - between them, for example 1/10 - 15/11.
period-range-order = The first date must come before the last, for example 1/10 - 15/11.
period-range-too-long = A range can be one year at most. Please type a shorter one.
period-workers-pick = 🗓 Workers' monthly reports: choose the worker (page { $page } of { $pages }).
monthly-not-member = No report was made: you are no longer an active member of this organisation.
monthly-none = No clients were under supervision in { $period }, so no report was made.
export-file-monthly = monthly-report
export-file-recap = recap
export-caption-monthly = 🗓 Report of { $worker } · { $period } · { $clients } clients, { $contacts } contacts
export-caption-recap = 📊 Recap of { $workers } workers · { $period }
monthly-title = Monthly Client Support Report
monthly-title-bapas = Monthly Client Supervision Report
monthly-worker = Worker
monthly-job-title = Job title
monthly-org = Unit
monthly-clients = Clients
monthly-contacts = Contacts
monthly-contacts-value = { $total } recorded: { $held } held, { $missed } not held
monthly-table-heading = Activities at a glance
monthly-col-case = Client
monthly-col-date = Date
monthly-col-contact = Contact type
monthly-col-held = Held
monthly-col-activity = Activity (stage)
monthly-col-rating = Progress (1–5)
monthly-col-obstacle = Obstacles
monthly-col-next = Next step
monthly-clients-heading = Progress per client
monthly-client-no-contact = No contact in this period.
monthly-ended = Ended { $date } ({ $reason })
monthly-footer = CONFIDENTIAL · Monthly report · { $period }
recap-title = Supervision Recap per Worker
recap-supervisor = Supervisor
recap-workers = Workers
recap-table-heading = Recap per worker
recap-col-worker = Worker
recap-col-clients = Clients under supervision (by programme)
recap-col-held = Contacts held
recap-col-missed = Not held
recap-col-home = Home visits
recap-col-risks = Open risks
recap-col-ended = Cases ended
recap-col-program = Programme
recap-col-by-worker = Per worker
recap-total = Total
recap-no-program = No programme
recap-no-workers = No workers.
recap-no-clients = No clients under supervision in this period.
recap-how-counted = Clients under supervision: cases open at some time in the period. Home visits: those held. Open risks: risk flags not yet followed up on active cases, when the recap was made. Cases ended: ended in the period.
recap-programs-heading = Clients under supervision by programme
recap-footer = CONFIDENTIAL · Recap · { $period }

## The organisation's letterhead (src/bot/features/organisation/letterhead.ts, src/export/letterhead*.ts)
btn-org-letterhead = 🏢 Letterhead
btn-letterhead-address = ✏️ Address
btn-letterhead-logo = 🖼 Logo
btn-letterhead-logo-remove = 🗑 Remove logo
btn-letterhead-a4 = 📄 A4
btn-letterhead-f4 = 📄 F4 (folio)
btn-letterhead-back = ⬅️ Letterhead
letterhead-screen =
    🏢 <b>Letterhead</b>
    Printed atop the first page of documents filed.
    Name: <b>{ $name }</b>
    Address: { $address }
    Logo: { $logo }
    Paper: { $paper }
letterhead-address-none = not set
letterhead-logo-none = none
letterhead-logo-set = set ({ $type })
letterhead-address-ask =
    ✏️ Type the organisation's address: at most { $lines } lines, { $max } characters. For example:
    Jl. Merdeka No. 10, Bandung 40111
    Tel. (022) 1234567 · bapas.bandung@example.go.id
    Type - to remove the address.
letterhead-address-lines = The address has at most { $lines } lines. Please type it again in fewer lines.
letterhead-address-saved =
    ✅ Letterhead address saved:
    { $address }
letterhead-address-removed = ✅ Letterhead address removed.
letterhead-logo-ask = 🖼 Send the organisation's logo as a photo or a PNG/JPEG file (max. { $kb } KB, { $side } pixels a side).
letterhead-logo-send = Please send the logo as a photo or a PNG/JPEG file.
letterhead-logo-saved = ✅ Letterhead logo saved.
letterhead-logo-not-image = This file is not a PNG or JPEG picture. Please send the logo as a photo or a PNG/JPEG file.
letterhead-logo-too-big = The logo is too big (max. { $kb } KB). Please send a smaller version.
letterhead-logo-too-large = The logo is too wide or too tall (max. { $side } pixels a side). Please send a smaller version.
letterhead-logo-failed = The logo could not be fetched from Telegram. Please send it again.
audit-letterhead-address = changed the letterhead address
audit-letterhead-logo = replaced the letterhead logo
audit-letterhead-logo-removed = removed the letterhead logo
audit-letterhead-paper = changed the documents' paper size
