# Secret Santa — polski. Każdy klucz ma swoją parę w en.ftl. Piszemy na „ty”, jak w aplikacjach
# do losowania prezentów, i bez form rodzajowych o czytelniku („jesteś w losowaniu”, nie „dołączyłeś”).
# Słownictwo: wylosowana osoba (match), twój Mikołaj (osoba, która robi ci prezent), losowanie,
# organizator, list z życzeniami, link z zaproszeniem. Imion z placeholderów nie odmieniamy.

## Wspólne słowa

brand = Secret Santa
language-name-en = English
language-name-pl = Polski
email-example = name@example.com
# { $day } { $month } { $year }: „18 grudnia 2026” (miesiąc w dopełniaczu)
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
    [few] { $count } dni
   *[many] { $count } dni
}
ideas-count = { $count ->
    [one] { $count } pomysł
    [few] { $count } pomysły
   *[many] { $count } pomysłów
}
title-suffix = { $page } · Secret Santa
meta-description = Zorganizuj losowanie Secret Santa w kilka minut — uczciwie, prywatnie i z pomysłami na prezent dla każdego.

## Nagłówek, stopka i wybór języka

skip-to-content = Przejdź do treści
nav-main = Nawigacja główna
nav-how = Jak to działa
nav-my-draws = Moje losowania
nav-account = Konto
nav-log-out = Wyloguj się
nav-log-in = Zaloguj się
nav-register = Załóż konto
menu-open = Menu
menu-close = Zamknij
footer-tagline = Secret Santa — losowania, które pozostają tajemnicą nawet dla organizatora.
language-switch = Język

## Strona główna

home-promise-mail = Nawet organizator nie wie, kto kogo wylosował: każde zaproszenie trafia mailem prosto do adresata.
home-promise-links = Organizator nie wie, kto kogo wylosował. Na tym serwerze to on przekazuje każdemu uczestnikowi jego własny link z zaproszeniem — kto ma czyjś link, może otworzyć stronę tej osoby, a jeśli ktoś inny użyje twojego linku, zobaczysz na swojej stronie, kiedy to się stało.
home-go-to-draws = Przejdź do swoich losowań
home-organize = Zorganizuj losowanie
home-invited = Mam zaproszenie — zaloguj mnie
home-eyebrow = Wymiana prezentów bez zamieszania
home-title = Secret Santa bez żmudnych tabelek
home-lead = Dodaj od 3 do 32 osób, kliknij „Losuj”, a każdy dowie się, komu robi prezent — i nic więcej.
home-how-title = Jak to działa
home-step1-title = 1. Utwórz losowanie
home-step1 = Nadaj mu nazwę, ustal budżet i datę, a potem wpisz uczestników i ich życzenia.
home-step2-title = 2. Losuj — tylko raz
home-step2 = Każdy wylosuje dokładnie jedną osobę do obdarowania — nigdy siebie ani nikogo, kogo wykluczysz.
home-step3-title = 3. Odkryj swoją karteczkę
home-step3 = Każdy uczestnik po zalogowaniu widzi wylosowaną osobę, jej list z życzeniami i kilka pomysłów na prezent na dobry początek.
home-privacy-title = Prywatność wbudowana w bazę danych
home-privacy = O tym, kto co widzi, decyduje nie tylko nasz kod, ale też sama baza danych: organizator widzi swoje losowania, uczestnik — tylko swoją wylosowaną osobę, a listy „kto komu robi prezent” nie wyświetli nikt.

## Logowanie, rejestracja, hasła

login-title = Zaloguj się
login-lead = Tu logują się organizatorzy i uczestnicy.
field-email = E-mail
field-password = Hasło
field-first-name = Imię
field-surname = Nazwisko
login-submit = Zaloguj się
login-forgot = Nie pamiętasz hasła?
login-new-here = Pierwszy raz tutaj?
login-create-account = Załóż konto
register-title = Załóż konto
register-lead = Organizuj losowania w rodzinie, wśród znajomych albo w pracy.
register-submit = Załóż konto
register-have-account = Masz już konto?
register-log-in = Zaloguj się
password-new = Nowe hasło
password-new-confirm = Powtórz nowe hasło
password-new-hint = Co najmniej 8 znaków.
password-first = Hasło
password-first-confirm = Powtórz hasło
password-first-hint = Co najmniej 8 znaków. Dobrym hasłem może być kilka słów.
forgot-title = Nie pamiętasz hasła?
forgot-no-mail = Do zmiany hasła potrzebna jest poczta, a ten serwer nie ma skonfigurowanej wysyłki maili. Jeśli nie jesteś jeszcze w swoim losowaniu, poproś jego organizatora o nowy link z zaproszeniem. Jeśli już w nim jesteś, hasła nie da się tu zmienić: poproś osobę, która zarządza tym serwerem, o skonfigurowanie poczty.
forgot-sent = Jeśli istnieje konto z tym adresem, wysłaliśmy na niego link do ustawienia nowego hasła. Link jest jednorazowy i ważny przez godzinę.
forgot-lead = Podaj swój e-mail, a wyślemy ci link do ustawienia nowego hasła.
forgot-submit = Wyślij mi link
forgot-back = Wróć do logowania
reset-gone = Ten link już nie działa — każdy link do zmiany hasła jest jednorazowy i ważny przez godzinę. Poproś o nowy.
reset-gone-title = Ten link do zmiany hasła już nie działa
reset-gone-lead = Link do zmiany hasła działa raz, przez godzinę, a nowszy link zastępuje poprzedni. Poproś o nowy — od razu wyślemy go mailem.
reset-title = Ustaw nowe hasło
reset-lead = Po zmianie hasła wylogujemy cię na wszystkich pozostałych urządzeniach.
reset-submit = Zapisz nowe hasło
reset-ask-again = Poproś o nowy link

## Konto

account-title = Twoje konto
account-role = Rola
role-organizer = Organizator
role-participant = Uczestnik
account-password-title = Zmień hasło
account-password-lead = Po zmianie hasła wylogujemy cię na wszystkich pozostałych urządzeniach.
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
invite-gone-before = Linki z zaproszeniem po pewnym czasie wygasają, a nowy link zastępuje stary. Jeśli jesteś już w tym losowaniu,
invite-gone-log-in = zaloguj się
invite-gone-after = . Jeśli nie, poproś organizatora losowania o nowy link.
invite-lead = { $organizer } zaprasza cię do losowania Secret Santa „{ $draw }”.
invite-used-title = To zaproszenie zostało już użyte
invite-used-on = Tego zaproszenia użyto już { $date }. Jeśli to nie ty, daj znać organizatorowi.
invite-used-yours-before = Jeśli to ty, wylosowaną osobę znajdziesz w
invite-used-yours-link = swoich losowaniach
invite-used-yours-after = .
invite-used-login-before = Jeśli to ty,
invite-used-login-link = zaloguj się
invite-used-login-after = i zobacz wylosowaną osobę.
invite-welcome = Cześć, { $name }!
invite-link-gone = Ten link z zaproszeniem już nie działa. Poproś organizatora losowania o nowy.
invite-logged-in-as = Zalogowano jako { $me }. Dołącz do tego losowania z tego konta, żeby zobaczyć, komu robisz prezent.
invite-join = Dołącz do losowania
invite-not-you = To nie twoje konto? Wyloguj się przez menu i otwórz ten link jeszcze raz.
invite-account-exists = Konto z adresem { $email } już istnieje. Jeśli należy do ciebie, zaloguj się na nie i dołącz do losowania.
invite-new-account-and-join = Załóż nowe konto i dołącz
invite-create-lead = Załóż konto, żeby zobaczyć, komu robisz prezent.
invite-create-and-join = Załóż konto i dołącz
invite-log-in-to-join = Zaloguj się i dołącz
invite-or-new = Albo załóż nowe konto na inny adres
invite-have-account = Masz już konto?
invite-log-in-with-it = Zaloguj się na nie i dołącz

## Błędy

error-not-found-title = Nie ma takiej strony
error-log-in-title = Zaloguj się
error-check-title = Sprawdź wpisane dane
error-too-many-title = Za dużo prób
error-busy-title = Chwilowo mamy duży ruch
error-connection-title = Problem z połączeniem
error-internal-title = Coś poszło nie tak
error-back-home = Wróć na stronę główną
error-try-again = Spróbuj ponownie
error-not-found = Nie znaleźliśmy tej strony. Może została przeniesiona albo w linku jest literówka.
error-validation = Popraw zaznaczone pola.
error-invalid-credentials = Nieprawidłowy e-mail lub hasło.
error-unauthorized = Zaloguj się, żeby przejść dalej.
error-too-many-attempts = Za dużo nieudanych prób. Odczekaj { $wait } i spróbuj ponownie.
error-too-many-registrations = Z twojej sieci założono przed chwilą zbyt wiele nowych kont. Odczekaj { $wait } i spróbuj ponownie.
error-unavailable = Chwilowo mamy duży ruch. Spróbuj ponownie za moment.
error-ideas-unavailable = Nie udało się teraz przygotować pomysłów na prezent. Spróbuj ponownie za chwilę.
error-refresh-too-soon = Te pomysły są jeszcze świeże — o nowe możesz poprosić za { $wait }.
error-daily-limit = Na dziś to już wszystkie nowe pomysły dla tej osoby. Wróć jutro po kolejne.
error-network = Nie udało się połączyć z serwerem. Sprawdź połączenie i spróbuj ponownie.
error-bad-request = Nie udało się przetworzyć tego żądania. Odśwież stronę i spróbuj ponownie.
error-too-large = To za dużo naraz. Skróć tekst i spróbuj ponownie.
error-internal = Coś poszło nie tak po naszej stronie. Spróbuj ponownie.
error-cross-origin = Nie przyjmujemy żądań z innych stron.
language-unknown = Nie znamy takiego języka.
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

## Strony organizatora: lista losowań, strona losowania, zmiany po losowaniu, szczegóły

badge-drawn = Rozlosowane
badge-open = Otwarte
dash-title = Twoje losowania
dash-new = Nowe losowanie
dash-welcome = Hasło ustawione — już cię zalogowaliśmy. Otwórz losowanie poniżej i zobacz, komu robisz prezent.
dash-joined-title = Losowania, w których bierzesz udział
dash-organized-title = Losowania, które organizujesz
dash-own-too = Chcesz zorganizować własne losowanie? Dodaj co najmniej trzy osoby i losuj, gdy lista będzie kompletna.
dash-organize = Zorganizuj losowanie
dash-empty-title = Nie masz jeszcze żadnych losowań
dash-empty = Utwórz pierwsze losowanie: dodaj co najmniej trzy osoby i losuj, gdy lista będzie kompletna.
dash-create-first = Utwórz pierwsze losowanie
dash-exchange = Wymiana prezentów
dash-created = Utworzone
dash-changed = Masz nową wylosowaną osobę
dash-see-new = Zobacz nową wylosowaną osobę
dash-not-drawn = Jeszcze przed losowaniem
dash-open = Otwórz
dash-waiting = Wylosowana osoba czeka na odkrycie
dash-reveal = Odkryj wylosowaną osobę
dash-seen = Wylosowana osoba odkryta
dash-see = Zobacz wylosowaną osobę
dash-new-messages = { $count ->
    [one] { $count } nowa wiadomość
    [few] { $count } nowe wiadomości
   *[many] { $count } nowych wiadomości
}
dash-organize-too = Też je organizujesz
dash-action-label = { $action }: { $draw }
new-draw-title = Nowe losowanie
editor-needs-script = Edytor losowania wymaga JavaScriptu: włącz go w przeglądarce, żeby utworzyć albo zmienić losowanie. Wszystko inne działa bez niego.
draw-loading = Wczytujemy losowanie…
draw-created-notice = Losowanie zostało utworzone.
draw-saved-notice = Zmiany zostały zapisane.
draw-rule-both = { $giver } i { $recipient } nie wylosują się nawzajem
draw-rule-one = { $giver } nie wylosuje osoby { $recipient }
draw-fact-created = Utworzone
draw-fact-budget = Budżet
draw-fact-exchange = Wymiana prezentów
draw-fact-message = Wiadomość
draw-people-title = Uczestnicy ({ $count })
draw-rules-title = Kto kogo nie może wylosować
draw-no-rules = Brak zasad: każdy może wylosować każdego innego uczestnika.
change-told-mail = zobaczy to na swojej stronie (a jeśli ma już konto, dostanie też maila)
change-told = zobaczy to na swojej stronie
change-details = Zapisaliśmy szczegóły losowania. Każdy uczestnik zobaczy je na swojej stronie.
change-removed = Tej osoby nie ma już w losowaniu. Jej Mikołaj dostał nową, wylosowaną osobę do obdarowania, a zwykle zmieniło się to też u jednej innej osoby; każdy, u kogo coś się zmieniło, { $told } — tutaj nigdy nie zobaczysz, o kogo chodzi.
change-added-mail = Nowa osoba jest już w losowaniu, a zaproszenie poszło do niej mailem. Jedna osoba ma teraz kogoś innego do obdarowania i { $told } — tutaj nigdy nie zobaczysz, o kogo chodzi.
change-added = Nowa osoba jest już w losowaniu. Jej link z zaproszeniem utworzysz przyciskiem „Nowy link” w sekcji „Kto dołączył”. Jedna osoba ma teraz kogoś innego do obdarowania i { $told } — tutaj nigdy nie zobaczysz, o kogo chodzi.
remove-confirm-title = Usunąć osobę { $name } z losowania?
remove-confirm-mail-joined = Mikołaj osoby { $name } dostanie nową, wylosowaną osobę do obdarowania, a zwykle zmieni się to też u jednej innej osoby; każda z nich zobaczy to na swojej stronie, a jeśli ma już konto, dostanie też maila. { $name } zachowa konto, ale straci dostęp do tego losowania i też dostanie o tym maila. Tego nie da się cofnąć, a osoby { $name } nie będzie można dodać z powrotem do tego losowania.
remove-confirm-mail = Mikołaj osoby { $name } dostanie nową, wylosowaną osobę do obdarowania, a zwykle zmieni się to też u jednej innej osoby; każda z nich zobaczy to na swojej stronie, a jeśli ma już konto, dostanie też maila. Link z zaproszeniem dla osoby { $name } przestanie działać. Tego nie da się cofnąć, a osoby { $name } nie będzie można dodać z powrotem do tego losowania.
remove-confirm-joined = Mikołaj osoby { $name } dostanie nową, wylosowaną osobę do obdarowania, a zwykle zmieni się to też u jednej innej osoby; każda z nich zobaczy to na swojej stronie. { $name } zachowa konto, ale straci dostęp do tego losowania. Tego nie da się cofnąć, a osoby { $name } nie będzie można dodać z powrotem do tego losowania.
remove-confirm = Mikołaj osoby { $name } dostanie nową, wylosowaną osobę do obdarowania, a zwykle zmieni się to też u jednej innej osoby; każda z nich zobaczy to na swojej stronie. Link z zaproszeniem dla osoby { $name } przestanie działać. Tego nie da się cofnąć, a osoby { $name } nie będzie można dodać z powrotem do tego losowania.
remove-confirm-three = Zostaną tylko 3 osoby: każda z nich (także ty, jeśli bierzesz udział) będzie mogła wtedy odgadnąć całe losowanie ze swojej pary.
remove-yes = Tak, usuń osobę { $name }
remove-keep = Nie usuwaj
remove-who = Kto rezygnuje?
remove-choose = Wybierz osobę
remove-submit = Usuń…
remove-too-few = W losowaniu muszą być co najmniej 3 osoby, więc z tego nikt nie może już zrezygnować.
after-title = Zmiany po losowaniu
after-lead = Gdy ktoś zrezygnuje albo dołączy później, zmiana dotyczy tylko jednej lub dwóch osób (rzadko kilku) — i każda z nich się o tym dowie. Ty nigdy nie zobaczysz, kto komu robi prezent.
after-edit-details = Zmień szczegóły
after-leaving-title = Ktoś rezygnuje
after-joining-title = Ktoś dołącza
after-joining-lead = Po losowaniu mogą dołączyć najwyżej 3 osoby (licząc też te później usunięte), a osoba usunięta nie może wrócić: każde dołączenie pozwala jednemu Mikołajowi odgadnąć jedną parę, więc nie da się tego próbować w kółko.
after-email-hint-mail = Na ten adres wyślemy zaproszenie.
after-email-hint = Dla tego adresu utworzymy link z zaproszeniem.
after-wishes = Życzenia prezentowe (opcjonalnie)
after-apart = Wykluczona osoba (opcjonalnie)
after-apart-hint = Na przykład partner lub partnerka: te dwie osoby nie wylosują się nawzajem.
after-apart-nobody = Brak
after-add = Dodaj do losowania
draw-own-match = Ty też bierzesz udział w tym losowaniu.
draw-see-own = Zobacz swoją wylosowaną osobę
draw-run-done-before = Losowanie już się odbyło. Nadal możesz zmienić jego szczegóły, a ktoś może jeszcze zrezygnować albo dołączyć:
draw-run-done-link = Zmiany po losowaniu
run-title = Przeprowadź losowanie
run-lead = Każdy wylosuje jedną osobę do obdarowania. Losowanie odbywa się tylko raz — potem można już tylko usuwać albo dodawać uczestników, po jednym naraz.
run-three = Przy dokładnie 3 osobach każdy, znając swoją wylosowaną osobę, domyśli się, kto komu robi prezent. Dodaj czwartą osobę, żeby zachować tajemnicę.
run-button = Losuj
run-confirm-title = Losujemy teraz?
run-confirm-once = Losowanie odbywa się tylko raz i nie da się go cofnąć. Potem lista uczestników jest zamknięta — ktoś może jeszcze zrezygnować albo dołączyć później, ale wtedy zmiana dotyczy tylko kilku osób.
run-confirm-mail = Każdy wylosuje jedną osobę do obdarowania i dostanie mailem własne zaproszenie, żeby dołączyć do losowania i zobaczyć, komu robi prezent.
run-confirm-links = Każdy wylosuje jedną osobę do obdarowania, a ty dostaniesz dla każdego uczestnika link z zaproszeniem do przekazania.
run-busy = Losujemy…
run-yes = Tak, losuj
run-not-yet = Jeszcze nie
draw-edit = Edytuj losowanie
draw-delete = Usuń losowanie
delete-confirm-title = Usunąć to losowanie razem z listą uczestników?
delete-confirm-undone = Tego nie da się cofnąć.
delete-busy = Usuwamy…
delete-yes = Tak, usuń
delete-keep = Nie usuwaj
edit-title = Edycja losowania
edit-heading = Edycja losowania „{ $name }”
edit-drawn = To losowanie już się odbyło, więc listy uczestników nie można tu edytować. Szczegóły zmienisz, a uczestników usuniesz lub dodasz na stronie losowania.
edit-back = Wróć do losowania
details-title = Zmień szczegóły
details-lead = Wszyscy uczestnicy zobaczą nowe szczegóły na swoich stronach.
field-draw-name = Nazwa losowania
field-budget = Budżet (opcjonalnie)
field-budget-hint = Kwota na jeden prezent, np. 25
field-currency = Waluta
field-exchange-date = Data wymiany prezentów (opcjonalnie)
field-message = Wiadomość do uczestników (opcjonalnie)
details-save = Zapisz szczegóły
details-cancel = Anuluj

## Edytor losowania (i teksty, które pokazuje jego skrypt)

editor-details = Szczegóły
editor-people = Uczestnicy
editor-add-person = Dodaj osobę
editor-add-me = Ja też biorę udział
editor-paste = Wklej listę osób
editor-paste-label = Każda osoba w osobnym wierszu, np.: Ada Lovelace <ada@example.org>
editor-paste-add = Dodaj te osoby
editor-rules-hint = Przydaje się przy parach albo współlokatorach. Zasada działa w jedną stronę — przy „Ada nie wylosuje Alana” Alan nadal może wylosować Adę — chyba że zaznaczysz „W obie strony”.
editor-add-rule = Dodaj zasadę
editor-save = Zapisz zmiany
editor-create = Utwórz losowanie
editor-saving = Zapisujemy…
editor-person = Osoba { $n }
editor-remove-person = Usuń osobę { $n }
editor-count = Osób: { $n } (od { $min } do { $max })
editor-unreadable = Nie udało się odczytać: { $lines }. W każdym wierszu podaj imię, nazwisko i adres e-mail.
editor-added = { $count ->
    [one] Dodano { $count } osobę.
    [few] Dodano { $count } osoby.
   *[many] Dodano { $count } osób.
}
editor-removed = Usunięto: { $who }.
editor-removed-with-rules = Usunięto: { $who } — razem z zasadami dotyczącymi tej osoby.
editor-choose = Wybierz, kto kogo nie może wylosować.
editor-different = Wybierz dwie różne osoby.
editor-one-way = { $g } nie wylosuje osoby { $r }. { $r } nadal może wylosować osobę { $g }.
editor-both-ways = { $g } nie wylosuje osoby { $r }, a { $r } nie wylosuje osoby { $g }.
editor-rules-below = Sprawdź poniżej, kto kogo nie może wylosować.
editor-people-below = Sprawdź poniżej listę uczestników.
editor-gift-preferences = Życzenia prezentowe
editor-choose-option = Wybierz…
editor-exclusion = Wykluczenie
editor-giver = Kto losuje
editor-must-not = Nie może wylosować
editor-both = W obie strony: nie wylosują się nawzajem
editor-remove-rule = Usuń tę zasadę
editor-language = Język zaproszeń
editor-language-hint = W tym języku wyślemy maile osobom, które nie wybrały jeszcze języka.

## Strona uczestnika: wylosowana osoba, pomysły na prezent, rozmowy, list z życzeniami

reveal-organized-by = Organizator
reveal-budget = Budżet
reveal-exchange = Wymiana prezentów
reveal-message = Wiadomość
reveal-organizing-too = To losowanie też organizujesz.
reveal-organizer-view = Otwórz widok organizatora
reveal-not-drawn-title = Losowanie jeszcze się nie odbyło
reveal-not-drawn = Gdy organizator przeprowadzi losowanie, zobaczysz tu osobę, której robisz prezent.
reveal-changed = Twoja wylosowana osoba zmieniła się { $date }: ktoś zrezygnował z losowania albo do niego dołączył, więc teraz robisz prezent komuś innemu.
reveal-give-to = Robisz prezent tej osobie
reveal-their-wishes = Czego sobie życzy
reveal-no-wishes = Ta osoba nie napisała jeszcze żadnych życzeń. Pomysły na prezent podpowiemy i bez nich.
reveal-hide = Ukryj wylosowaną osobę
reveal-your-match = Twoja wylosowana osoba
reveal-hidden = Jest ukryta, dopóki jej nie odkryjesz — nikt nie podejrzy ci jej przez ramię.
reveal-unread = { $count ->
    [one] Osoba, której robisz prezent, przysłała ci wiadomość. Przeczytasz ją po odkryciu wylosowanej osoby.
    [few] Osoba, której robisz prezent, przysłała ci { $count } wiadomości. Przeczytasz je po odkryciu wylosowanej osoby.
   *[many] Osoba, której robisz prezent, przysłała ci { $count } wiadomości. Przeczytasz je po odkryciu wylosowanej osoby.
}
reveal-show-again = Pokaż wylosowaną osobę jeszcze raz
reveal-new-match = Odkryj nową wylosowaną osobę
reveal-match = Odkryj wylosowaną osobę
reveal-ideas-title = Pomysły na prezent
reveal-ideas-lead = Nie wiesz, co kupić? Podsuniemy ci kilka pomysłów na podstawie listy życzeń i budżetu.
reveal-ideas-offline = Wybrane wprost z listu z życzeniami: podpowiedzi AI nie są włączone na tej stronie.
reveal-ideas-ai = Zaproponowane przez AI wyłącznie na podstawie listu z życzeniami i budżetu — nie przekazujemy żadnych imion ani adresów e-mail.
# { $when }: „1 grudnia 2026 o 18:05 UTC”
reveal-ideas-made = Stan na { $when }.
reveal-ideas-stale = Od czasu przygotowania tych pomysłów zmieniły się życzenia albo budżet. Odśwież, żeby dostać nowe.
reveal-ideas-refresh = Odśwież pomysły
reveal-ideas-get = Podsuń mi pomysły na prezent
# { $other }: imię osoby, której czytelnik robi prezent (zawsze w mianowniku)
reveal-ask-title = { $other } — zapytaj anonimowo
reveal-ask-lead = { $other } zobaczy twoje wiadomości podpisane „Twój Mikołaj”, nigdy twoim imieniem, a mail o nich dostanie nie od razu, tylko jakiś czas później, żeby jego godzina cię nie zdradziła. Zapytaj na przykład o rozmiar albo o to, czy ma już książkę, o której myślisz.
reveal-ask-label = Twoja wiadomość do: { $other }
reveal-ask-send = Wyślij anonimowo
# Osoba, która robi prezent czytelnikowi (także jako nadawca jej wiadomości)
reveal-santa = Twój Mikołaj
reveal-santa-lead = Napisz do swojego Mikołaja albo odpowiedz na jego pytania. Nie dowiesz się, kim jest, a jego odpowiedzi pojawią się tutaj.
reveal-santa-label = Wiadomość do twojego Mikołaja
reveal-santa-send = Wyślij
# Czytelnik jako nadawca własnych wiadomości
reveal-you = Ty
# Oznaczenie wiadomości, której czytelnik jeszcze nie widział
reveal-new = Nowa
reveal-no-messages = Na razie brak wiadomości.
reveal-sent = Wysłano.
reveal-conversation-changed = Od otwarcia tej strony zmieniła się twoja wylosowana osoba — odśwież stronę, żeby zobaczyć, komu teraz robisz prezent.
reveal-conversation-gone = Ta rozmowa nie jest już tu dostępna — odśwież stronę.
reveal-wishes-title = Mój list z życzeniami
reveal-wishes-lead = Przeczyta go twój Mikołaj — a także organizator losowania. Napisz o swoich pasjach i rozmiarach, o tym, co by cię ucieszyło, i o tym, czego wolisz nie dostać.
reveal-wishes-label = Co by cię ucieszyło?
# { $n }: liczba znaków w trakcie pisania, wstawiana przez skrypt strony
reveal-wishes-too-long = { $max ->
    [one] Życzenia mogą mieć najwyżej { $max } znak (teraz: { $n }).
    [few] Życzenia mogą mieć najwyżej { $max } znaki (teraz: { $n }).
   *[many] Życzenia mogą mieć najwyżej { $max } znaków (teraz: { $n }).
}
reveal-wishes-save = Zapisz życzenia
reveal-wishes-saved = Zapisano. Twój Mikołaj widzi już nowe życzenia.

## Zaproszenia po losowaniu, widziane przez organizatora

invitations-link-holder-warning = Ten serwer nie ma skonfigurowanej poczty, więc to ty przekazujesz linki z zaproszeniem. Kto ma czyjś link, może otworzyć stronę tej osoby i zobaczyć, komu ona robi prezent — dlatego każdy link daj tylko osobie, do której należy. Jeśli skorzysta z niego ktoś inny, ta osoba zobaczy, kiedy to się stało.
invitations-mailed-title = Losowanie zakończone — zaproszenia są już w drodze
invitations-mailed-lead = Każda osoba dostała mailem własny link, żeby dołączyć do losowania i zobaczyć, komu robi prezent. Nikt inny tych linków nie dostaje — ty też nie. Poniżej widzisz, kto już dołączył, i możesz wysłać zaproszenie jeszcze raz.
invitations-links-title = Losowanie zakończone — przekaż zaproszenia
invitations-links-lead = Każda osoba dostaje własny link, żeby dołączyć do losowania i zobaczyć, komu robi prezent: znajdziesz go poniżej, obok jej imienia. Linki widać tylko teraz; każdemu, kto jeszcze nie dołączył, możesz potem utworzyć nowy.
invitations-link-for = Link z zaproszeniem dla osoby { $name }
invitations-copied = Skopiowano
invitations-not-copied = Nie udało się skopiować: zaznacz link i skopiuj go ręcznie.
invitations-copy-label = Skopiuj link dla osoby { $name }
invitations-copy = Kopiuj
invitations-mailed-again = Wysłaliśmy ponownie zaproszenie do osoby { $name }, z nowym linkiem. Poprzedni link już nie działa.
invitations-new-link-below = Nowy link dla osoby { $name } znajdziesz poniżej, obok jej imienia. Poprzedni link już nie działa.
invitations-shown-once = Linki z zaproszeniem widać tylko zaraz po ich utworzeniu. Dla każdego, kto jeszcze nie dołączył, przycisk „Nowy link” tworzy świeży link do przekazania; poprzedni link tej osoby przestaje wtedy działać.
invitations-status-title = Kto dołączył
invitations-joined = W losowaniu
invitations-joined-opened = W losowaniu — wylosowana osoba odkryta
invitations-joined-not-opened = W losowaniu — wylosowana osoba jeszcze nieodkryta
# { $when }: „1 grudnia 2026 o 18:05 UTC”
invitations-state-mailed = Zaproszenie wysłane { $when } — czeka na dołączenie
invitations-state-mail-failed = Nie udało się wysłać maila — wyślij go jeszcze raz
invitations-state-link-made = Link utworzony { $when } — czeka na dołączenie
invitations-state-not-invited = Jeszcze bez zaproszenia
invitations-send-again = Wyślij ponownie
invitations-send-again-label = Wyślij ponownie do osoby { $name }
invitations-new-link = Nowy link
invitations-new-link-label = Nowy link dla osoby { $name }

## Serwer: komunikaty walidacji (formularze i funkcje serwera)

validation-email-empty = Wpisz adres e-mail.
validation-email-too-long = Adres e-mail może mieć najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
}.
validation-email-invalid = Wpisz poprawny adres e-mail, np. imie@example.org.
validation-email-invisible = Usuń z tego adresu e-mail znaki niewidoczne lub sterujące.
validation-password-too-short = Hasło musi mieć co najmniej { $min ->
    [one] { $min } znak
    [few] { $min } znaki
   *[many] { $min } znaków
}.
validation-password-too-long = Hasło może mieć najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
}.
validation-passwords-differ = Hasła nie są takie same.
validation-wrong-current-password = To nie jest twoje obecne hasło.
validation-account-exists = Konto z tym adresem e-mail już istnieje. Zaloguj się na nie.
validation-control-characters = Usuń z tego tekstu znaki niewidoczne lub sterujące (mogły się tu dostać przy kopiowaniu i wklejaniu).
validation-enter-your-first-name = Wpisz swoje imię.
validation-enter-your-surname = Wpisz swoje nazwisko.
validation-enter-first-name = Wpisz imię.
validation-enter-surname = Wpisz nazwisko.
validation-enter-draw-name = Nadaj losowaniu nazwę.
validation-at-most-chars = Możesz wpisać najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
}.
validation-draw-name-too-long = Nazwa może mieć najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
}.
validation-wishes-too-long = Życzenia mogą mieć najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
} (teraz: { $count }).
validation-wishes-at-most = Życzenia mogą mieć najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
}.
validation-budget-amount = Wpisz kwotę, np. 25 albo 25,50.
validation-budget-zero = Budżet równy zero to brak budżetu — zostaw to pole puste albo wpisz kwotę, np. 25.
validation-currency = Wybierz walutę.
validation-language = Wybierz język z listy.
validation-date = Wpisz datę w formacie RRRR-MM-DD, np. 2026-12-24.
validation-date-too-early = Wybierz datę od roku 2000.
validation-date-passed = Ta data już minęła: wybierz dzień, w którym nastąpi wymiana prezentów.
validation-too-few-people = Do losowania potrzeba co najmniej { $min ->
    [one] { $min } osoby
    [few] { $min } osób
   *[many] { $min } osób
}; dodaj jeszcze { $missing ->
    [one] { $missing } osobę
    [few] { $missing } osoby
   *[many] { $missing } osób
}.
validation-too-many-people = Losowanie może mieć najwyżej { $max ->
    [one] { $max } osobę
    [few] { $max } osoby
   *[many] { $max } osób
}; usuń { $extra ->
    [one] { $extra } osobę
    [few] { $extra } osoby
   *[many] { $extra } osób
}.
validation-people-range = Do losowania potrzeba od { $min } do { $max ->
    [one] { $max } osoby
    [few] { $max } osób
   *[many] { $max } osób
}.
validation-email-in-draw-twice = Ten adres e-mail jest już w losowaniu — każda osoba musi mieć własny.
validation-own-email = Każda osoba w losowaniu musi mieć własny adres e-mail.
validation-exclusion-from-list = Wybierz dwie osoby z listy.
validation-exclusion-different = Wybierz dwie różne osoby.
validation-draw-already-run = To losowanie już się odbyło.
validation-draw-run-no-changes = To losowanie już się odbyło, więc nie można go zmienić.
validation-draw-changed-elsewhere = Po otwarciu tej strony losowanie zostało zmienione gdzie indziej (w innej karcie albo na innym urządzeniu), więc nic tu nie zapisaliśmy. Odśwież stronę, żeby zobaczyć aktualną wersję.
validation-run-throttled = Z twojego konta przeprowadzono przed chwilą sporo losowań, a każde wysyła maile do wszystkich uczestników. To losowanie możesz przeprowadzić za { $minutes ->
    [one] minutę
    [few] { $minutes } minuty
   *[many] { $minutes } minut
}.
validation-invitation-throttled = To zaproszenie zostało przed chwilą wysłane kilka razy. Możesz wysłać je ponownie za { $minutes ->
    [one] minutę
    [few] { $minutes } minuty
   *[many] { $minutes } minut
}.
validation-invited-email-taken = Konto z tym adresem już istnieje. Zaloguj się na nie i dołącz do losowania albo podaj inny adres.
validation-already-in-draw = Jesteś już w tym losowaniu pod innym imieniem, więc to zaproszenie należy do kogoś innego — dla tej osoby nadal działa.
validation-joined-no-link = { $name } jest już w losowaniu, więc nie da się utworzyć nowego linku: ta osoba loguje się swoim hasłem, a jeśli go nie pamięta, może ustawić nowe przez e-mail.
validation-remove-not-secret = Nie można usunąć osoby { $name }: przy zasadach tego losowania nie da się rozlosować pozostałych tak, żeby nikt nie mógł odgadnąć, kto komu robi prezent, a po losowaniu zasad nie można już zmieniać. Nic nie zostało zmienione.
validation-remove-not-drawn = To losowanie jeszcze się nie odbyło: zmień listę uczestników w edytorze.
validation-remove-too-few = Nie można usunąć osoby { $name }: w losowaniu muszą zostać co najmniej 3 osoby.
validation-remove-own-match = Nie można usunąć osoby { $name }: każda możliwa poprawka zmieniłaby twoją wylosowaną osobę, a to mogłoby zdradzić ci, kto komu robi prezent. Nic nie zostało zmienione.
validation-remove-no-repair = Nie można usunąć osoby { $name }: przy tych zasadach pozostali nie mogliby się nawzajem obdarować. Nic nie zostało zmienione.
validation-add-throttled = Z twojego konta wysłano przed chwilą sporo zaproszeń. Kolejną osobę możesz dodać za { $minutes ->
    [one] minutę
    [few] { $minutes } minuty
   *[many] { $minutes } minut
}.
validation-add-not-drawn = To losowanie jeszcze się nie odbyło: dodaj uczestników w edytorze.
validation-add-full = W tym losowaniu są już 32 osoby — więcej być nie może.
validation-add-came-back = Osoba z tym adresem została usunięta z tego losowania po jego przeprowadzeniu i nie można jej dodać ponownie: dodawanie osób z powrotem pomagałoby ustalić, kto komu daje prezent. Nic nie zmieniono.
validation-add-late-limit = Do tego losowania dołączyły już po jego przeprowadzeniu trzy osoby (licząc też te później usunięte) — więcej nie może: każde dołączenie pozwala jednemu Mikołajowi odgadnąć jedną parę. Nic nie zmieniono.
validation-add-no-position = Z tym wykluczeniem dołączenie osoby { $name } zmieniłoby wylosowane osoby więcej niż jednemu uczestnikowi. Usuń wykluczenie (wybierz „Brak”) albo spróbuj ponownie, gdy dołączy ktoś jeszcze.
validation-person-gone = Tej osoby nie ma już w losowaniu: odśwież stronę, żeby zobaczyć aktualną listę.
validation-message-empty = Najpierw napisz wiadomość.
validation-message-too-long = Wiadomość może mieć najwyżej { $max ->
    [one] { $max } znak
    [few] { $max } znaki
   *[many] { $max } znaków
} (teraz: { $count }).
validation-message-daily-limit = To już { $max ->
    [one] { $max } twoja wiadomość
    [few] { $max } twoje wiadomości
   *[many] { $max } twoich wiadomości
} w tej rozmowie w ciągu ostatnich 24 godzin — tyle wynosi limit. Możesz napisać znowu później.
validation-message-match-changed = Od otwarcia tej strony zmieniła się twoja wylosowana osoba — odśwież stronę, żeby zobaczyć, komu teraz robisz prezent.

## Serwer: dlaczego zasady nie pozwalają na tajne losowanie (imiona to imiona uczestników)

matching-nobody = nikt
# „Ada, Bob i Cy”: $names to lista przed ostatnim imieniem.
matching-names-and = { $names } i { $last }
matching-no-valid-draw = Przy tych zasadach nie da się przeprowadzić losowania.
matching-insider-one = Bierzesz udział w tym losowaniu, a przy tych zasadach z twojej wylosowanej osoby dałoby się wywnioskować, komu { $who } robi prezent — losowanie nie byłoby tajne. Usuń część zasad dotyczących osoby { $who }.
matching-insider-many = Bierzesz udział w tym losowaniu, a przy tych zasadach z twojej wylosowanej osoby dałoby się wywnioskować, komu { $who } robią prezenty — losowanie nie byłoby tajne. Usuń część zasad dotyczących tych osób.
matching-forced-one = Przy tych zasadach { $who } może wylosować tylko jedną konkretną osobę, więc każdy, kto zna zasady, wie też, komu ta osoba robi prezent — losowanie nie byłoby tajne. Usuń część zasad dotyczących osoby { $who }.
matching-forced-many = Przy tych zasadach { $who } mogą wylosować tylko po jednej konkretnej osobie, więc każdy, kto zna zasady, wie też, komu te osoby robią prezenty — losowanie nie byłoby tajne. Usuń część zasad dotyczących tych osób.
matching-blocked-nobody-one = { $givers } nie może wylosować nikogo, więc losowanie jest niemożliwe. Usuń albo zmień którąś z zasad o tym, kto kogo nie może wylosować.
matching-blocked-nobody-many = { $givers } nie mogą wylosować nikogo, więc losowanie jest niemożliwe. Usuń albo zmień którąś z zasad o tym, kto kogo nie może wylosować.
matching-blocked-one = { $givers } może obdarować tylko: { $recipients } — a to za mało, żeby losowanie się udało. Usuń albo zmień którąś z zasad o tym, kto kogo nie może wylosować.
matching-blocked-many = { $givers } mogą obdarować łącznie tylko: { $recipients } — ktoś zostałby bez osoby do obdarowania. Usuń albo zmień którąś z zasad o tym, kto kogo nie może wylosować.
matching-too-tight = Zasady są tak restrykcyjne, że w rozsądnym czasie nie da się przeprowadzić uczciwego losowania. Usuń część z nich.
matching-too-tight-people = Zasady są tak restrykcyjne, że w rozsądnym czasie nie da się przeprowadzić uczciwego losowania. Usuń część zasad dotyczących: { $who } (to im zasady zostawiają najmniej możliwości — kogo obdarować i od kogo dostać prezent).

## Poczta (zwykły tekst; kod łączy wiersze i wstawia puste wiersze między akapitami)

mail-hello = Cześć!
mail-hello-name = Cześć, { $name }!
mail-happy-gifting = Udanej wymiany prezentów!
mail-invitation-subject = Bierzesz udział w losowaniu Secret Santa „{ $draw }”
mail-invitation-lead = { $organizer } zaprasza cię do losowania Secret Santa „{ $draw }”.
# $date: „18 grudnia 2026”
mail-invitation-date = Prezenty wymieniamy { $date }.
# $budget: „25,00 zł”
mail-invitation-budget = Budżet na prezent: { $budget }.
mail-invitation-message = Wiadomość od organizatora:
mail-invitation-join = Dołącz do losowania przez poniższy link i zobacz, komu robisz prezent. Możesz założyć nowe konto albo użyć tego, które już masz (link jest tylko dla ciebie i działa jeden raz):
mail-reset-subject = Zmiana hasła w Secret Santa
# Po „Cześć!” i pustym wierszu.
mail-reset-asked = Otrzymaliśmy prośbę o zmianę hasła do twojego konta w Secret Santa (mamy nadzieję, że od ciebie).
mail-reset-choose = Nowe hasło ustawisz tutaj (link jest jednorazowy i ważny przez { $minutes ->
    [one] minutę
    [few] { $minutes } minuty
   *[many] { $minutes } minut
}):
mail-reset-ignore = Jeśli to nie ty, zignoruj tę wiadomość — twoje hasło się nie zmieni.
mail-match-changed-subject = Nowa wylosowana osoba w losowaniu Secret Santa „{ $draw }”
mail-match-changed-lead = Skład losowania Secret Santa „{ $draw }” się zmienił, a razem z nim twoja wylosowana osoba: teraz robisz prezent komuś innemu.
mail-open-your-page = Zobacz na swojej stronie, kto to jest (zaloguj się, jeśli będzie trzeba):
mail-removed-subject = Nie bierzesz już udziału w losowaniu Secret Santa „{ $draw }”
mail-removed-lead = Lista uczestników losowania Secret Santa „{ $draw }” się zmieniła i nie ma już na niej ciebie, więc nie bierzesz udziału w wymianie prezentów w tym losowaniu. Twoje konto zostaje bez zmian, podobnie jak inne losowania, w których bierzesz udział.
mail-message-subject-to-giver = „{ $draw }”: nowa wiadomość od osoby, której robisz prezent
mail-message-subject-to-recipient = „{ $draw }”: nowa wiadomość od twojego Mikołaja
mail-message-lead-to-giver = W losowaniu Secret Santa „{ $draw }” czeka na ciebie wiadomość od osoby, której robisz prezent.
mail-message-lead-to-recipient = W losowaniu Secret Santa „{ $draw }” czeka na ciebie wiadomość od twojego Mikołaja.
mail-message-read-and-answer = Przeczytaj ją i odpowiedz na swojej stronie (zaloguj się, jeśli będzie trzeba):
mail-message-once-an-hour = O nowych wiadomościach w tej rozmowie powiadamiamy mailem najwyżej raz na godzinę.

## Pomysły na prezent bez dostawcy AI ($item: rzecz z listu z życzeniami, tak jak ją zapisano)

ideas-price-no-budget = Niewielki koszt — bez ustalonego budżetu
# $amount: „25 zł”, „24–40 €”
ideas-price-about = Około { $amount }
ideas-wish-why = Prosto z listu z życzeniami: „{ $item }”.
ideas-book-title = Książka albo poradnik: { $item }
ideas-book-why = Pozwoli lepiej poznać coś, co ta osoba już lubi: „{ $item }”.
ideas-accessory-title = Mały, praktyczny dodatek: { $item }
ideas-accessory-why = Przyda się za każdym razem, gdy przyjdzie czas na „{ $item }”.
ideas-experience-title = Wyjście albo warsztaty: { $item }
ideas-experience-why = Wspomnienie zamiast kolejnej rzeczy, a w roli głównej „{ $item }”.
ideas-classic-card-title = Odręcznie napisana kartka i ulubiony smakołyk
ideas-classic-card-why = Osobisty gest, który zawsze cieszy — niezależnie od tego, co jest w liście z życzeniami.
ideas-classic-warm-title = Mięciutki koc albo ciepłe skarpety
ideas-classic-warm-why = Sprawdzony klasyk na tę porę roku, gdy życzenia zostawiają swobodę.
ideas-classic-voucher-title = Bon do pobliskiej kawiarni albo księgarni
ideas-classic-voucher-why = Obdarowana osoba sama wybierze to, na co ma ochotę.
