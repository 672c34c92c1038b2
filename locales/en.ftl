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
home-privacy = Who sees what is decided by PostgreSQL's row-level security, not only by our code: organizers see their own draws, participants see their own match, and nobody can list who gives to whom.

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
wait-a-second = a second
wait-seconds = { $count } seconds
wait-a-minute = a minute
wait-minutes = { $count } minutes
