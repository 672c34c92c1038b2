# Secret Santa — English. Every key here has a twin in pl.ftl (a test checks the keys, their
# arguments, and that no Polish text is the English one left as it was).

## Shared words

brand = Secret Santa
language-name-en = English
language-name-pl = Polski
email-example = name@example.com
# { $day } { $month } { $year }: "December 18, 2026"
date-long = { $month } { $day }, { $year }
datetime-long = { $date } at { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
days-count = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
ideas-count = { $count ->
    [one] { $count } idea
   *[other] { $count } ideas
}
title-suffix = { $page } · Secret Santa
meta-description = Organize a Secret Santa draw in minutes: fair, private, and with gift ideas for everyone.

## Header, footer and the language switcher

skip-to-content = Skip to content
nav-main = Main
nav-how = How it works
nav-my-draws = My draws
nav-account = Account
nav-log-out = Log out
nav-log-in = Log in
nav-register = Register
menu-open = Menu
menu-close = Close
footer-tagline = Secret Santa — draws that stay secret, even from the organizer.
language-switch = Language

## Home

home-promise-mail = Not even the organizer can see the pairs: each invitation is mailed straight to its person.
home-promise-links = The organizer cannot see the pairs. On this server they pass each person their own invitation link — whoever holds a link can open that person's page, and if anyone else used yours, your page tells you when.
home-go-to-draws = Go to your draws
home-organize = Organize a draw
home-invited = I was invited — log in
home-eyebrow = Gift exchanges, sorted
home-title = Secret Santa, without the spreadsheet
home-lead = Add 3 to 32 people, press draw, and everyone learns who they give to — and only that.
home-how-title = How it works
home-step1-title = 1. Create a draw
home-step1 = Name it, set a budget and a date, and list the people taking part with their wishes.
home-step2-title = 2. Run it once
home-step2 = Everyone gets exactly one person to surprise — never themselves, never someone you ruled out.
home-step3-title = 3. Open your card
home-step3 = Each participant logs in to see their match, their wish letter, and gift ideas to get started.
home-privacy-title = Privacy, built into the database
home-privacy = Who sees what is enforced by the database itself, not only by our code: organizers see their own draws, participants see their own match, and nobody can list who gives to whom.

## Logging in, registering, passwords

login-title = Log in
login-lead = Organizers and participants log in here.
field-email = Email
field-password = Password
field-first-name = First name
field-surname = Surname
login-submit = Log in
login-forgot = Forgot your password?
login-new-here = New here?
login-create-account = Create an account
register-title = Create an account
register-lead = Organize draws for your family, friends or office.
register-submit = Create account
register-have-account = Already have an account?
register-log-in = Log in
password-new = New password
password-new-confirm = Confirm new password
password-new-hint = At least 8 characters.
password-first = Password
password-first-confirm = Confirm password
password-first-hint = At least 8 characters. A few words make a good one.
forgot-title = Forgot your password?
forgot-no-mail = Resetting a password needs mail, and this server has not been set up to send any. If you have not joined your draw yet, ask its organizer for a new invitation link. If you have joined, the password cannot be reset here: ask whoever runs this server to set up mail.
forgot-sent = If an account exists for that address, a link to choose a new password is on its way. It works once, for an hour.
forgot-lead = Enter your email and we will mail you a link to choose a new one.
forgot-submit = Mail me a link
forgot-back = Back to log in
reset-gone = This reset link no longer works: links work once, for an hour. Ask for a new one.
reset-gone-title = This reset link no longer works
reset-gone-lead = A link to reset your password works once, for an hour, and a newer link replaces it. Ask for a new one: it is mailed to you at once.
reset-title = Choose a new password
reset-lead = This logs you out everywhere else.
reset-submit = Set new password
reset-ask-again = Ask for a new link

## Account

account-title = Your account
account-role = Role
role-organizer = Organizer
role-participant = Participant
account-password-title = Change password
account-password-lead = Changing it logs you out everywhere else.
account-password-changed = Your password has been changed.
account-current-password = Current password
account-password-submit = Change password
account-name-title = Your name
account-name-lead = People you invite see it, and so do the people of draws you organize.
account-name-saved = Your name has been saved.
account-name-submit = Save name

## Invitations

invite-title = Your invitation
invite-opening = Opening your invitation…
invite-gone-title = This link no longer works
invite-gone-before = Invitation links expire after a while, and a new link replaces the old one. If you joined already,
invite-gone-log-in = log in
invite-gone-after = . Otherwise, ask the organizer of your draw for a new link.
invite-lead = { $organizer } invited you to the Secret Santa draw “{ $draw }”.
invite-used-title = This invitation was already used
invite-used-on = This invitation was already used on { $date }. If that was not you, tell your organizer.
invite-used-yours-before = If it was you, your match is on
invite-used-yours-link = your draws
invite-used-yours-after = .
invite-used-login-before = If it was you,
invite-used-login-link = log in
invite-used-login-after = to see your match.
invite-welcome = Welcome, { $name }
invite-link-gone = This invitation link no longer works. Ask the organizer of your draw for a new one.
invite-logged-in-as = You are logged in as { $me }. Join this draw with this account to see who you give to.
invite-join = Join this draw
invite-not-you = Not your account? Log out from the menu, then open this link again.
invite-account-exists = An account already uses { $email }. If it is yours, log in to join this draw with it.
invite-new-account-and-join = Create a new account and join
invite-create-lead = Create your account to see who you give to.
invite-create-and-join = Create my account and join
invite-log-in-to-join = Log in to join
invite-or-new = Or create a new account with another address
invite-have-account = Already have an account?
invite-log-in-with-it = Log in to join with it

## Errors

error-not-found-title = Page not found
error-log-in-title = Please log in
error-check-title = Please check your input
error-too-many-title = Too many attempts
error-busy-title = Busy right now
error-connection-title = Connection problem
error-internal-title = Something went wrong
error-back-home = Back to the home page
error-try-again = Try again
error-not-found = We could not find that page. It may have moved, or the link may be mistyped.
error-validation = Please correct the highlighted fields.
error-invalid-credentials = Wrong email or password.
error-unauthorized = Please log in to continue.
error-too-many-attempts = Too many failed attempts. Please wait { $wait } and try again.
error-too-many-registrations = Too many new accounts from your network just now. Please wait { $wait } and try again.
error-unavailable = We are busy right now. Please try again in a moment.
error-ideas-unavailable = We could not get gift ideas just now. Please try again in a little while.
error-refresh-too-soon = These ideas are fresh: you can ask for new ones in { $wait }.
error-daily-limit = That is all the new ideas for today for this match. Come back tomorrow for more.
error-network = We could not reach the server. Check your connection and try again.
error-bad-request = We could not read that request. Please reload the page and try again.
error-too-large = That is more than we can take at once. Please shorten it and try again.
error-internal = Something went wrong on our side. Please try again.
error-cross-origin = Requests from other sites are not allowed.
language-unknown = Unknown language.
wait-a-second = a second
wait-seconds = { $count } seconds
wait-a-minute = a minute
wait-minutes = { $count } minutes

## The organizer's pages: dashboard, draw page, changes after the draw, details

badge-drawn = Drawn
badge-open = Open
dash-title = Your draws
dash-new = New draw
dash-welcome = Your password is set and you are logged in. Open a draw below to see who you give to.
dash-joined-title = Draws you are in
dash-organized-title = Draws you organize
dash-own-too = Want to run a Secret Santa of your own? Add at least three people and run it when everyone is in.
dash-organize = Organize a draw
dash-empty-title = No draws yet
dash-empty = Create your first draw: add at least three people, then run it when everyone is in.
dash-create-first = Create your first draw
dash-exchange = Exchange
dash-created = Created
dash-changed = Your match changed
dash-see-new = See your new match
dash-not-drawn = Not drawn yet
dash-open = Open
dash-waiting = Your match is waiting
dash-reveal = Reveal your match
dash-seen = Match seen
dash-see = See your match
dash-new-messages = { $count ->
    [one] 1 new message
   *[other] { $count } new messages
}
dash-organize-too = You organize it too
dash-action-label = { $action }: { $draw }
new-draw-title = New draw
editor-needs-script = The draw editor needs JavaScript: turn it on in your browser to create or change a draw. Everything else here works without it.
draw-loading = Loading the draw…
draw-created-notice = Your draw has been created.
draw-saved-notice = Your changes have been saved.
draw-rule-both = { $giver } and { $recipient } will not draw each other
draw-rule-one = { $giver } will not draw { $recipient }
draw-fact-created = Created
draw-fact-budget = Budget
draw-fact-exchange = Exchange
draw-fact-message = Message
draw-people-title = People ({ $count })
draw-rules-title = Who must not draw whom
draw-no-rules = No rules: anyone may draw anyone else.
change-told-mail = sees it on their page (and gets a mail once they have joined)
change-told = sees it on their page
change-details = The draw's details have been saved. Everyone sees them on their page.
change-removed = They are no longer in this draw. The person who gave to them now gives to someone drawn at random, and usually one other person's match changed with it; whoever's match changed { $told }. This page never shows who.
change-added-mail = They have been added and their invitation mailed. One person's match changed, and { $told }; this page never shows who.
change-added = They have been added. Make their invitation link with “New link” under “Who has joined”. One person's match changed, and { $told }; this page never shows who.
remove-confirm-title = Remove { $name } from this draw?
remove-confirm-mail-joined = The person who gives to { $name } gets a new recipient drawn at random, and usually one other person's match changes with it; each sees it on their page, and gets a mail about it once they have joined. { $name } keeps their account but no longer sees this draw, and is told by mail. This cannot be undone, and { $name } cannot be added back to this draw.
remove-confirm-mail = The person who gives to { $name } gets a new recipient drawn at random, and usually one other person's match changes with it; each sees it on their page, and gets a mail about it once they have joined. { $name }'s invitation link stops working. This cannot be undone, and { $name } cannot be added back to this draw.
remove-confirm-joined = The person who gives to { $name } gets a new recipient drawn at random, and usually one other person's match changes with it; each sees it on their page. { $name } keeps their account but no longer sees this draw. This cannot be undone, and { $name } cannot be added back to this draw.
remove-confirm = The person who gives to { $name } gets a new recipient drawn at random, and usually one other person's match changes with it; each sees it on their page. { $name }'s invitation link stops working. This cannot be undone, and { $name } cannot be added back to this draw.
remove-confirm-three = Only 3 people will remain: each of them, you included if you take part, can then work out the whole assignment from their own match.
remove-yes = Yes, remove { $name }
remove-keep = Keep them
remove-who = Who is leaving?
remove-choose = Choose a person
remove-submit = Remove…
remove-too-few = A draw needs at least 3 people, so nobody can leave this one.
after-title = Changes after the draw
after-lead = If someone drops out or joins late, only one or two matches change (rarely a few more), and whoever's match changes is told. You never see who gives to whom.
after-edit-details = Edit details
after-leaving-title = Someone is leaving
after-joining-title = Someone is joining
after-joining-lead = Up to 3 people can join a draw after it ran, counting anyone removed again, and nobody removed can come back: each addition lets one giver work out a pair, so it cannot be tried again and again.
after-email-hint-mail = Their invitation is mailed here.
after-email-hint = Their invitation link is made for this address.
after-wishes = Gift wishes (optional)
after-apart = Keep apart from (optional)
after-apart-hint = A partner, say: neither draws the other.
after-apart-nobody = Nobody
after-add = Add to the draw
draw-own-match = You take part in this draw too.
draw-see-own = See your own match
draw-run-done-before = This draw has been run. Its details can still change, and someone can still leave or join:
draw-run-done-link = Changes after the draw
run-title = Run the draw
run-lead = Everyone gets one person to give to. It runs once; after that, people can only leave or join one at a time.
run-three = With exactly 3 people, each person can work out the whole assignment from their own match. Add a fourth person to keep it secret.
run-button = Run the draw
run-confirm-title = Run the draw now?
run-confirm-once = It runs once and cannot be undone. Afterwards the list of people is fixed, except that someone can still leave or join late: that changes only a few matches.
run-confirm-mail = Everyone gets one person to give to, and each person is mailed their own invitation to join and see whom they give to.
run-confirm-links = Everyone gets one person to give to, and you get an invitation link for each person to pass on.
run-busy = Drawing…
run-yes = Yes, run the draw
run-not-yet = Not yet
draw-edit = Edit draw
draw-delete = Delete draw
delete-confirm-title = Delete this draw and its list of people?
delete-confirm-undone = This cannot be undone.
delete-busy = Deleting…
delete-yes = Yes, delete it
delete-keep = Keep it
edit-title = Edit draw
edit-heading = Edit “{ $name }”
edit-drawn = This draw has been run, so its list of people can no longer be edited here. Change its details, or let someone leave or join, on the draw's page.
edit-back = Back to the draw
details-title = Edit details
details-lead = Everyone in the draw sees the new details on their page.
field-draw-name = Name of the draw
field-budget = Budget (optional)
field-budget-hint = Per gift, e.g. 25
field-currency = Currency
field-exchange-date = Exchange date (optional)
field-message = Message to participants (optional)
details-save = Save details
details-cancel = Cancel

## The draw editor (and the texts its script shows)

editor-details = Details
editor-people = People
editor-add-person = Add a person
editor-add-me = I'm taking part too
editor-paste = Paste a list of people
editor-paste-label = One person per line, like: Ada Lovelace <ada@example.org>
editor-paste-add = Add these people
editor-rules-hint = For couples or housemates. A rule works one way — “Ada will not draw Alan” leaves Alan free to draw Ada — unless you tick “Both ways”.
editor-add-rule = Add a rule
editor-save = Save changes
editor-create = Create draw
editor-saving = Saving…
editor-person = Person { $n }
editor-remove-person = Remove person { $n }
editor-count = { $n } of { $min }–{ $max }
editor-unreadable = Could not read: { $lines }. Each line needs a first name, a surname and an email.
editor-added = { $count ->
    [one] 1 person added.
   *[other] { $count } people added.
}
editor-removed = { $who } removed.
editor-removed-with-rules = { $who } removed, and the rules about them.
editor-choose = Choose who must not draw whom.
editor-different = Choose two different people.
editor-one-way = { $g } will not draw { $r }. { $r } may still draw { $g }.
editor-both-ways = { $g } will not draw { $r }, and { $r } will not draw { $g }.
editor-rules-below = Please check the rules about who must not draw whom, below.
editor-people-below = Please check the list of people, below.
editor-gift-preferences = Gift preferences
editor-choose-option = Choose…
editor-exclusion = Exclusion
editor-giver = Giver
editor-must-not = Must not give to
editor-both = Both ways: they will not draw each other
editor-remove-rule = Remove this rule
editor-language = Language of the invitations
editor-language-hint = Mail goes out in this language to people who have not chosen one yet.

## A participant's page: their match, gift ideas, the conversations, their wish letter

reveal-organized-by = Organized by
reveal-budget = Budget
reveal-exchange = Exchange
reveal-message = Message
reveal-organizing-too = You organize this draw too.
reveal-organizer-view = Open the organizer's view
reveal-not-drawn-title = Your match is not drawn yet
reveal-not-drawn = Once the organizer runs the draw, the person you give to appears here.
reveal-changed = Your match changed on { $date }: someone left or joined the draw, so you now give to someone else.
reveal-give-to = You give a gift to
reveal-their-wishes = Their wishes
reveal-no-wishes = They have not written any wishes yet. Gift ideas still work without them.
reveal-hide = Hide my match
reveal-your-match = Your match
reveal-hidden = It stays hidden until you open it, so nobody reads it over your shoulder.
reveal-unread = { $count ->
    [one] The person you give to wrote to you: open your match to read it.
   *[other] The person you give to wrote to you { $count } times: open your match to read it.
}
reveal-show-again = Show my match again
reveal-new-match = Reveal my new match
reveal-match = Reveal my match
reveal-ideas-title = Gift ideas
reveal-ideas-lead = Stuck for a present? Get a few ideas from their wishes and the budget.
reveal-ideas-offline = Picked straight from the wish letter: AI suggestions are not switched on for this site.
reveal-ideas-ai = Suggested by AI from the wish letter and budget only — no names or emails are shared.
# { $when }: "December 1, 2026 at 18:05 UTC"
reveal-ideas-made = Made { $when }.
reveal-ideas-stale = Their wishes or the budget changed since these ideas were made. Refresh for new ones.
reveal-ideas-refresh = Refresh ideas
reveal-ideas-get = Get gift ideas
# { $other }: the first name of the person the reader gives to
reveal-ask-title = Ask { $other } anonymously
reveal-ask-lead = { $other } sees your messages as from “Your Secret Santa”, never your name, and is told by mail some time later rather than at once, so the mail’s time does not give you away. Ask about sizes, or whether they already have a book.
reveal-ask-label = Your message to { $other }
reveal-ask-send = Send anonymously
# The person who gives to the reader, as the page names them (also as the sender of their messages)
reveal-santa = Your Secret Santa
reveal-santa-lead = Write to the person who gives to you, or answer their questions. You never learn who they are, and they answer here.
reveal-santa-label = Your message to your Secret Santa
reveal-santa-send = Send
# The reader, as the sender of their own messages
reveal-you = You
# The badge on a message not read before
reveal-new = New
reveal-no-messages = No messages yet.
reveal-sent = Sent.
reveal-conversation-changed = Your match has changed since this page was opened: reload it to see whom you give to now.
reveal-conversation-gone = This conversation is no longer open here: reload the page.
reveal-wishes-title = My wish letter
reveal-wishes-lead = The person who gives to you reads this — and so can the draw's organizer: hobbies, sizes, things you would love, or would rather not get.
reveal-wishes-label = What would you like?
# { $n }: the count as typed, filled in by the page's script
reveal-wishes-too-long = { $max ->
    [one] Gift preferences can have at most { $max } character ({ $n } now).
   *[other] Gift preferences can have at most { $max } characters ({ $n } now).
}
reveal-wishes-save = Save my wishes
reveal-wishes-saved = Saved. Your Secret Santa sees your new wishes.

## The organizer's view of the invitations after the draw

invitations-link-holder-warning = Mail is not set up on this server, so you pass each invitation link on yourself. Whoever holds a person's link can open that person's page and see whom they give to: give each link only to its person. If a link was used by someone else, its person will see when it was used.
invitations-mailed-title = The draw is done — the invitations are on their way
invitations-mailed-lead = Each person was mailed their own link to join the draw and see who they give to. Nobody else gets the links, you included. Below you can see who has joined, and send an invitation again.
invitations-links-title = The draw is done — pass on the invitations
invitations-links-lead = Each person gets their own link to join the draw and see who they give to: you find it below, next to their name. The links are shown only now; you can make a new one for anyone who has not joined yet.
invitations-link-for = Invitation link for { $name }
invitations-copied = Copied
invitations-not-copied = Could not copy: select the link and copy it.
invitations-copy-label = Copy the link for { $name }
invitations-copy = Copy
invitations-mailed-again = The invitation to { $name } was mailed again with a new link; the earlier link no longer works.
invitations-new-link-below = A new link for { $name } is below, next to their name. The earlier link no longer works.
invitations-shown-once = Invitation links are shown only right after they are made. For anyone who has not joined yet, “New link” makes a fresh one to pass on; their earlier link then stops working.
invitations-status-title = Who has joined
invitations-joined = Joined
invitations-joined-opened = Joined, match opened
invitations-joined-not-opened = Joined, match not opened yet
# { $when }: "December 1, 2026 at 18:05 UTC"
invitations-state-mailed = Invitation mailed { $when } — not joined yet
invitations-state-mail-failed = Mail failed — send it again
invitations-state-link-made = Link made { $when } — not joined yet
invitations-state-not-invited = Not invited yet
invitations-send-again = Send again
invitations-send-again-label = Send again to { $name }
invitations-new-link = New link
invitations-new-link-label = New link for { $name }

## Server: validation messages (forms and server functions)

validation-email-empty = Enter an email address.
validation-email-too-long = An email address can have at most { $max } characters.
validation-email-invalid = Enter an email address like name@example.org.
validation-email-invisible = Remove the invisible or control characters from this email address.
validation-password-too-short = Use at least { $min } characters.
validation-password-too-long = Use at most { $max } characters.
validation-passwords-differ = The two passwords do not match.
validation-wrong-current-password = That is not your current password.
validation-account-exists = An account with this email already exists. Log in instead.
validation-control-characters = Remove the invisible or control characters from this text (they may come from a copy and paste).
validation-enter-your-first-name = Enter your first name.
validation-enter-your-surname = Enter your surname.
validation-enter-first-name = Enter a first name.
validation-enter-surname = Enter a surname.
validation-enter-draw-name = Enter a name for the draw.
validation-at-most-chars = Use at most { $max } characters.
validation-draw-name-too-long = Enter a name of at most { $max } characters.
validation-wishes-too-long = Gift preferences can have at most { $max } characters ({ $count } now).
validation-wishes-at-most = Gift preferences can have at most { $max } characters.
validation-budget-amount = Enter an amount like 25 or 25.50.
validation-budget-zero = A budget of zero is no budget: leave it empty, or enter an amount like 25.
validation-currency = Choose a currency.
validation-language = Choose a language from the list.
validation-date = Enter a date like 2026-12-24.
validation-date-too-early = Choose a date in the year 2000 or later.
validation-date-passed = This date has passed: choose the day the gifts will be exchanged.
validation-too-few-people = A draw needs at least { $min } people; add { $missing } more.
validation-too-many-people = A draw can have at most { $max } people; remove { $extra }.
validation-people-range = A draw needs { $min } to { $max } people.
validation-email-in-draw-twice = This email is already in the draw: each person needs their own.
validation-own-email = Each person in a draw needs their own email.
validation-exclusion-from-list = Choose two people from the list.
validation-exclusion-different = Choose two different people.
validation-draw-already-run = This draw has already been run.
validation-draw-run-no-changes = This draw has already been run, so it can no longer be changed.
validation-draw-changed-elsewhere = This draw was changed somewhere else (in another tab or on another device) after you opened it, so nothing here was saved. Reload the page to see it as it is now.
validation-run-throttled = You have run many draws just now, and each one mails everyone in it. You can run this one in { $minutes } minutes.
validation-invitation-throttled = This invitation was sent several times just now. You can send it again in { $minutes } minutes.
validation-invited-email-taken = An account already uses this address. Log in to join this draw with it, or use another address.
validation-already-in-draw = You are in this draw already, under another name on its list, so this invitation is someone else's: it still works for them.
validation-joined-no-link = { $name } has joined already, so no new link can be made: they log in with their password, or reset it by mail.
validation-remove-not-secret = { $name } cannot be removed: with this draw's rules, the people left would have no draw that keeps every match secret, and rules cannot change after the draw. Nothing was changed.
validation-remove-not-drawn = This draw has not been run yet: change its people in the editor.
validation-remove-too-few = { $name } cannot be removed: a draw needs at least 3 people.
validation-remove-own-match = { $name } cannot be removed: the only repairs would change your own match, and that could tell you who gives to whom. Nothing was changed.
validation-remove-no-repair = { $name } cannot be removed: the rules leave the others no way to give to each other. Nothing was changed.
validation-add-throttled = You have sent many invitations just now. You can add someone in { $minutes } minutes.
validation-add-not-drawn = This draw has not been run yet: add people in the editor.
validation-add-full = This draw has 32 people, the most a draw can have.
validation-add-came-back = Someone with this address was removed from this draw after it ran, and cannot be added to it again: adding people back and forth would help work out who gives to whom. Nothing was changed.
validation-add-late-limit = Three people have joined this draw since it ran (counting anyone removed again), the most it takes: each addition lets one giver work out a pair. Nothing was changed.
validation-add-no-position = { $name } cannot join without changing more than one match while kept apart from that person. Keep them apart from nobody, or ask again after someone else joins.
validation-person-gone = That person is no longer in this draw: reload the page to see who is.
validation-message-empty = Write a message first.
validation-message-too-long = A message can have at most { $max } characters ({ $count } now).
validation-message-daily-limit = You have written { $max } messages here in the last 24 hours, the most allowed. You can write again later.
validation-message-match-changed = Your match has changed since this page was opened: reload it to see whom you give to now.

## Server: why rules leave no secret draw (names are the participants' first names)

matching-nobody = nobody
# "Ada, Bob and Cy": $names is the list before the last name.
matching-names-and = { $names } and { $last }
matching-no-valid-draw = These rules leave no valid draw.
matching-insider-one = You take part in this draw, and with these rules your own match would tell you whom { $who } gives to — the draw would not be secret. Remove some rules about { $who }.
matching-insider-many = You take part in this draw, and with these rules your own match would tell you whom { $who } give to — the draw would not be secret. Remove some rules about them.
matching-forced-one = With these rules { $who } can only ever draw one person, so whoever knows the rules knows that pair — the draw would not be secret. Remove some rules about { $who }.
matching-forced-many = With these rules { $who } can each only ever draw one person, so whoever knows the rules knows those pairs — the draw would not be secret. Remove some rules about them.
matching-blocked-nobody-one = { $givers } may not give to anyone, so no draw is possible. Remove or change a rule about who must not draw whom.
matching-blocked-nobody-many = { $givers } may not give to anyone, so no draw is possible. Remove or change a rule about who must not draw whom.
matching-blocked-one = { $givers } can only give to { $recipients }, and that is not enough for a valid draw. Remove or change a rule about who must not draw whom.
matching-blocked-many = { $givers } can only give to { $recipients } between them — someone would be left without a person to give to. Remove or change a rule about who must not draw whom.
matching-too-tight = The rules are so tight that a fair draw cannot be made in reasonable time. Remove some of the rules.
matching-too-tight-people = The rules are so tight that a fair draw cannot be made in reasonable time. Remove some of the rules about { $who } (the rules leave them the fewest people to give to or get a gift from).

## Mail (plain text; the code joins the lines with blank lines between paragraphs)

mail-hello = Hello,
mail-hello-name = Hello { $name },
mail-happy-gifting = Happy gifting!
mail-invitation-subject = You are in the Secret Santa draw "{ $draw }"
mail-invitation-lead = { $organizer } invited you to the Secret Santa draw "{ $draw }".
# $date: "December 18, 2026"
mail-invitation-date = Gifts are exchanged on { $date }.
# $budget: "€25.00"
mail-invitation-budget = Budget per gift: { $budget }.
mail-invitation-message = A message from the organizer:
mail-invitation-join = Join the draw here to see who you give to — with a new account, or with the one you already have (this link is yours alone and works once):
mail-reset-subject = Reset your Secret Santa password
# Follows "Hello," and a blank line.
mail-reset-asked = someone (hopefully you) asked to reset the password of your Secret Santa account.
mail-reset-choose = Choose a new password here (the link works once, for { $minutes } minutes):
mail-reset-ignore = If it was not you, ignore this mail: your password stays as it is.
mail-match-changed-subject = Your Secret Santa match in "{ $draw }" changed
mail-match-changed-lead = The people of the Secret Santa draw "{ $draw }" changed, and so did your match: you now give a gift to someone else.
mail-open-your-page = Open your page to see who (log in if asked):
mail-removed-subject = You are no longer in the Secret Santa draw "{ $draw }"
mail-removed-lead = The organizer of the Secret Santa draw "{ $draw }" took you out of it, so you no longer give or get a gift there. Your account stays as it is, with any other draws you are in.
mail-message-subject-to-giver = The person you give to wrote to you in "{ $draw }"
mail-message-subject-to-recipient = Your Secret Santa wrote to you in "{ $draw }"
mail-message-lead-to-giver = In the Secret Santa draw "{ $draw }", the person you give a gift to sent you a message.
mail-message-lead-to-recipient = In the Secret Santa draw "{ $draw }", your Secret Santa sent you a message.
mail-message-read-and-answer = Read it and answer on your page (log in if asked):
mail-message-once-an-hour = You get at most one such mail an hour for this conversation.

## Gift ideas made without an AI provider ($item: a thing the wish letter mentions, as written)

ideas-price-no-budget = Modest — no budget was set
# $amount: "€25", "€24–40", "PLN 15–25"
ideas-price-about = About { $amount }
ideas-wish-why = Straight from the wish letter: “{ $item }”.
ideas-book-title = A book or guide about { $item }
ideas-book-why = Goes deeper into something they already enjoy: “{ $item }”.
ideas-accessory-title = A small accessory for { $item }
ideas-accessory-why = Useful every time they turn to “{ $item }”.
ideas-experience-title = An experience around { $item }
ideas-experience-why = A memory instead of a thing, built on “{ $item }”.
ideas-classic-card-title = A handwritten card with a favourite treat
ideas-classic-card-why = Personal and always welcome, whatever the wish letter says.
ideas-classic-warm-title = A cosy blanket or pair of warm socks
ideas-classic-warm-why = A safe classic for the season when the wishes leave room.
ideas-classic-voucher-title = A voucher for a local café or bookshop
ideas-classic-voucher-why = Lets them pick the exact thing they like.
