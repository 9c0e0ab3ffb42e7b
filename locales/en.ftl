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
btn-keep = ➡️ Keep
btn-guide = ℹ️ Guide
btn-cancel = ✖️ Cancel
btn-done = ✔️ Done ({ $count })
btn-save = 💾 Save
btn-cancel-yes = Yes, cancel
btn-cancel-no = No, continue
btn-resume = ▶️ Continue
btn-discard = 🗑 Discard draft
btn-prev = ◀️ Previous
btn-next = Next ▶️
btn-this-stage = ✅ Stage { $index }
btn-other-stage = 🔀 Another stage
btn-next-stage = ⏭ To stage { $index }
btn-stay-stage = Stay at stage { $index }
btn-close-case = 🏁 Close case
btn-keep-open = Keep it open
yes = Yes
no = No

## Questions
question-position = Question { $index } of { $total }
previous-answer = Earlier answer: { $answer }
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
hint-longtext = In your own words; it may be long.
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
stale-button = This button no longer works. Use the latest message, or type /lanjut.
restart-notice = ♻️ Pendamping has just restarted. Your answers are safe; we continue where you left off.
unfinished = You still have an unfinished { $what }. Continue it, or discard the draft?
draft-discarded = Draft discarded.
activity-intake = new case
activity-note = session note for { $client } (stage { $index }/{ $count })

## Answers that need another try
invalid-empty = The answer is empty. Please type your answer.
invalid-too-long = Too long ({ $length } characters). At most { $max }; please shorten it.
invalid-expected-text = Please type a text answer for this question.
invalid-expected-file = For this question, send a photo, a voice note or a document.
invalid-expected-choice = Choose one of the buttons above (or type its number).
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
intake-intro = ➕ New case. Six short questions. Clients are recorded by initials and age only.
intake-header = New case
case-created =
    ✅ Case <b>{ $label }</b> saved.
    Model: { $model }
    Starting at stage 1: { $stage }
no-cases = You have no active case yet. Open a new case first.
pick-case-note = 📝 Record a session for which case? (p. { $page }/{ $pages })
pick-case-history = 📚 History of which case? (p. { $page }/{ $pages })
pick-case-cases = 📂 Your cases, most recent first (p. { $page }/{ $pages })
case-card =
    📂 <b>{ $label }</b>
    Gender: { $gender }
    Setting: { $setting }
    Problem: { $problem }
    Model: { $model }
    Current stage: { $stage }
    Session notes: { $notes } (last: { $last })
    Status: { $status }
gender-l = Male
gender-p = Female
setting-lapas = Prison
setting-bapas = Probation office (Bapas)
setting-ipwl = IPWL
setting-bnnk = BNNK
setting-panti = Rehab centre
setting-lainnya = Other
status-active = active
status-closed = closed
case-closed = Case { $client } is closed; no more notes can be recorded.
case-closed-now = 🏁 Case { $client } closed. Its history stays available in /riwayat.

## Session notes
confirm-stage =
    <b>{ $label }</b>
    Current stage: { $index }/{ $count } — { $stage }
    Record a session for this stage? ({ $questions } questions, some optional)
pick-stage = Choose the stage for this note ({ $label }):
note-header = { $client } · Stage { $index }/{ $count } { $stage }
note-saved-next =
    ✅ Session note for { $client } saved (note no. { $count }).
    Move on to the next stage, { $next }, or stay at this one?
note-saved-last =
    ✅ Session note for { $client } saved (note no. { $count }).
    This is the last stage. Close the case, or keep it open?
stage-moved = ⏭ Case { $client } is now at stage { $index }/{ $count }: { $stage }.
stage-stayed = Case { $client } stays at stage { $index }/{ $count }.
history-empty = No session notes for { $label } yet.
history-list = 📚 { $label }: { $count } notes, newest first (p. { $page }/{ $pages })
note-title = { $date } · Stage { $index }/{ $count } { $stage }
note-written = Written { $date }

## Errors
error-generic = Sorry, something went wrong. The answers you gave are safe. Please try again, or type /lanjut.
error-conflict = This note was just changed elsewhere. Your last answer was not saved; please send it again.

## Telegram command menu
cmd-catat = Record a session for a case
cmd-kasus_baru = Open a new case
cmd-kasus = My cases
cmd-riwayat = Session note history
cmd-lanjut = Continue an unfinished note
cmd-batal = Cancel what you are filling in
cmd-bahasa = Change language
cmd-bantuan = Help

## Monitoring reminders
cmd-pengingat = Set monitoring reminders
reminder-title = Monitoring reminder
reminder-title-many = Monitoring reminder: { $count } cases
reminder-line = { $client } · { $stage } · { $last }
reminder-stage = stage { $stage }
reminder-last-note = { $days ->
        [0] last note today
        [1] last note yesterday
       *[other] last note { $days } days ago
    }
reminder-no-note = no note yet
reminder-late = Sent late; it was due { $scheduled }.
btn-reminder-note = 📝 Record now
btn-reminder-snooze = ⏰ Remind me tomorrow
btn-reminder-skip = Skip this week
reminder-snoozed = ⏰ Fine, I will remind you of { $client } again tomorrow.
reminder-skip-why = This week's reminder for { $client } is skipped. Why? A few words (or type /menu to skip without a reason).
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
case-card-skip = Monitoring skipped { $date }: { $reason }
