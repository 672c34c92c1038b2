# Secret Santa — polski. Każdy klucz ma swoją parę w en.ftl. Piszemy na „ty”, jak w aplikacjach
# do losowania prezentów.

## Wspólne słowa

brand = Secret Santa
language-name-en = English
language-name-pl = Polski
email-example = name@example.com
# „18 grudnia 2026”: miesiąc w dopełniaczu
date-long = { $day } { $month } { $year }
datetime-long = { $date } o { $time } UTC
month-1 = stycznia
month-2 = lutego
month-3 = marca
month-4 = kwietnia
month-5 = maja
month-6 = czerwca
month-7 = lipca
month-8 = sierpnia
month-9 = września
month-10 = października
month-11 = listopada
month-12 = grudnia
people-count = { $count ->
    [one] { $count } osoba
    [few] { $count } osoby
   *[many] { $count } osób
}
days-count = { $count ->
    [one] { $count } dzień
   *[other] { $count } dni
}
ideas-count = { $count ->
    [one] { $count } pomysł
    [few] { $count } pomysły
   *[many] { $count } pomysłów
}
title-suffix = { $page } · Secret Santa
meta-description = Zorganizuj losowanie Secret Santa w kilka minut: uczciwie, prywatnie i z pomysłami na prezenty dla każdego.

## Nagłówek, stopka i wybór języka

skip-to-content = Przejdź do treści
nav-main = Główna nawigacja
nav-how = Jak to działa
nav-my-draws = Moje losowania
nav-account = Konto
nav-log-out = Wyloguj się
nav-log-in = Zaloguj się
nav-register = Załóż konto
menu-open = Menu główne
menu-close = Zamknij
footer-tagline = Secret Santa — losowania, które zostają tajemnicą, nawet przed organizatorem.
language-switch = Język

## Strona główna

home-promise-mail = Nawet organizator nie widzi par: każde zaproszenie trafia mailem prosto do swojej osoby.
home-promise-links = Organizator nie widzi par. Na tym serwerze sam przekazuje każdej osobie jej link z zaproszeniem — kto ma link, ten otworzy stronę tej osoby, a jeśli ktoś inny użyje twojego, twoja strona ci o tym powie.
home-go-to-draws = Przejdź do swoich losowań
home-organize = Zorganizuj losowanie
home-invited = Mam zaproszenie — zaloguj mnie
home-eyebrow = Wymiana prezentów bez kłopotu
home-title = Secret Santa bez arkusza kalkulacyjnego
home-lead = Dodaj od 3 do 32 osób, kliknij „Losuj”, a każdy dowie się, komu robi prezent — i nic więcej.
home-how-title = Jak to działa
home-step1-title = 1. Utwórz losowanie
home-step1 = Nadaj mu nazwę, ustal budżet i datę, a potem wpisz uczestników i ich życzenia.
home-step2-title = 2. Wylosuj raz
home-step2 = Każdy dostaje dokładnie jedną osobę do obdarowania — nigdy siebie i nigdy kogoś, kogo wykluczysz.
home-step3-title = 3. Otwórz swoją kartkę
home-step3 = Każdy uczestnik loguje się i widzi, kogo wylosował, jego list z życzeniami i pomysły na prezent na dobry początek.
home-privacy-title = Prywatność wbudowana w bazę danych
home-privacy = O tym, kto co widzi, decyduje mechanizm row-level security w PostgreSQL, a nie tylko nasz kod: organizator widzi swoje losowania, uczestnik tylko swoją parę, a listy „kto komu” nie zobaczy nikt.

## Logowanie, rejestracja, hasła

login-title = Zaloguj się
login-lead = Tu logują się organizatorzy i uczestnicy.
field-email = E-mail
field-password = Hasło
field-first-name = Imię
field-surname = Nazwisko
login-submit = Zaloguj się
login-forgot = Nie pamiętasz hasła?
login-new-here = Jesteś tu pierwszy raz?
login-create-account = Załóż konto
register-title = Załóż konto
register-lead = Organizuj losowania dla rodziny, znajomych albo biura.
register-submit = Załóż konto
register-have-account = Masz już konto?
register-log-in = Zaloguj się
password-new = Nowe hasło
password-new-confirm = Powtórz nowe hasło
password-new-hint = Co najmniej 8 znaków.
password-first = Hasło
password-first-confirm = Powtórz hasło
password-first-hint = Co najmniej 8 znaków. Kilka słów to dobre hasło.
forgot-title = Nie pamiętasz hasła?
forgot-no-mail = Do zmiany hasła potrzebna jest poczta, a ten serwer nie ma skonfigurowanej wysyłki. Jeśli jeszcze nie dołączyłeś do losowania, poproś organizatora o nowy link z zaproszeniem. Jeśli już dołączyłeś, hasła nie da się tu zmienić: poproś osobę, która prowadzi ten serwer, o skonfigurowanie poczty.
forgot-sent = Jeśli istnieje konto z tym adresem, wysłaliśmy na nie link do ustawienia nowego hasła. Działa raz, przez godzinę.
forgot-lead = Podaj swój e-mail, a wyślemy ci link do ustawienia nowego hasła.
forgot-submit = Wyślij mi link
forgot-back = Wróć do logowania
reset-gone = Ten link już nie działa: każdy działa raz, przez godzinę. Poproś o nowy.
reset-title = Ustaw nowe hasło
reset-lead = Wylogujemy cię wtedy na wszystkich innych urządzeniach.
reset-submit = Ustaw nowe hasło
reset-ask-again = Poproś o nowy link

## Konto

account-title = Twoje konto
account-role = Rola
role-organizer = Organizator
role-participant = Uczestnik
account-password-title = Zmień hasło
account-password-lead = Po zmianie wylogujemy cię na wszystkich innych urządzeniach.
account-password-changed = Hasło zostało zmienione.
account-current-password = Obecne hasło
account-password-submit = Zmień hasło
account-name-title = Twoje imię i nazwisko
account-name-lead = Widzą je osoby, które zapraszasz, i uczestnicy losowań, które organizujesz.
account-name-saved = Zapisaliśmy twoje imię i nazwisko.
account-name-submit = Zapisz

## Zaproszenia

invite-title = Twoje zaproszenie
invite-opening = Otwieramy twoje zaproszenie…
invite-gone-title = Ten link już nie działa
invite-gone-before = Linki z zaproszeniem po pewnym czasie wygasają, a nowy link zastępuje stary. Jeśli już dołączyłeś,
invite-gone-log-in = zaloguj się
invite-gone-after = . Jeśli nie, poproś organizatora losowania o nowy link.
invite-lead = { $organizer } zaprasza cię do losowania Secret Santa „{ $draw }”.
invite-used-title = To zaproszenie zostało już użyte
invite-used-on = Tego zaproszenia użyto { $date }. Jeśli to nie ty, powiedz o tym organizatorowi.
invite-used-yours-before = Jeśli to ty, swoją parę znajdziesz w
invite-used-yours-link = swoich losowaniach
invite-used-yours-after = .
invite-used-login-before = Jeśli to ty,
invite-used-login-link = zaloguj się
invite-used-login-after = , żeby zobaczyć, kogo wylosowałeś.
invite-welcome = Cześć, { $name }!
invite-link-gone = Ten link z zaproszeniem już nie działa. Poproś organizatora losowania o nowy.
invite-logged-in-as = Jesteś zalogowany jako { $me }. Dołącz do tego losowania z tym kontem, żeby zobaczyć, komu robisz prezent.
invite-join = Dołącz do losowania
invite-not-you = To nie twoje konto? Wyloguj się w menu i otwórz ten link jeszcze raz.
invite-account-exists = Adres { $email } ma już konto. Jeśli jest twoje, zaloguj się, żeby dołączyć z nim do losowania.
invite-new-account-and-join = Załóż nowe konto i dołącz
invite-create-lead = Załóż konto, żeby zobaczyć, komu robisz prezent.
invite-create-and-join = Załóż konto i dołącz
invite-log-in-to-join = Zaloguj się i dołącz
invite-or-new = Albo załóż nowe konto z innym adresem
invite-have-account = Masz już konto?
invite-log-in-with-it = Zaloguj się i dołącz z nim

## Błędy

error-not-found-title = Nie ma takiej strony
error-log-in-title = Zaloguj się
error-check-title = Sprawdź, co wpisałeś
error-too-many-title = Za dużo prób
error-busy-title = Chwilowo mamy dużo pracy
error-connection-title = Problem z połączeniem
error-internal-title = Coś poszło nie tak
error-back-home = Wróć na stronę główną
error-try-again = Spróbuj ponownie
error-not-found = Nie znaleźliśmy tej strony. Może została przeniesiona albo w linku jest literówka.
error-validation = Popraw zaznaczone pola.
error-invalid-credentials = Nieprawidłowy e-mail lub hasło.
error-unauthorized = Zaloguj się, żeby przejść dalej.
error-too-many-attempts = Za dużo nieudanych prób. Odczekaj { $wait } i spróbuj ponownie.
error-too-many-registrations = Z twojej sieci założono przed chwilą za dużo kont. Odczekaj { $wait } i spróbuj ponownie.
error-unavailable = Chwilowo mamy dużo pracy. Spróbuj ponownie za moment.
error-ideas-unavailable = Nie udało się teraz przygotować pomysłów na prezent. Spróbuj ponownie za jakiś czas.
error-refresh-too-soon = Te pomysły są świeże: o nowe możesz poprosić za { $wait }.
error-daily-limit = To wszystkie nowe pomysły na dziś dla tej pary. Wróć jutro po więcej.
error-network = Nie udało się połączyć z serwerem. Sprawdź połączenie i spróbuj ponownie.
error-bad-request = Nie udało się odczytać tego żądania. Odśwież stronę i spróbuj ponownie.
error-too-large = To za dużo naraz. Skróć tekst i spróbuj ponownie.
error-internal = Coś poszło nie tak po naszej stronie. Spróbuj ponownie.
error-cross-origin = Żądania z innych stron są niedozwolone.
wait-a-second = sekundę
wait-seconds = { $count ->
    [one] { $count } sekundę
    [few] { $count } sekundy
   *[many] { $count } sekund
}
wait-a-minute = minutę
wait-minutes = { $count ->
    [one] { $count } minutę
    [few] { $count } minuty
   *[many] { $count } minut
}
